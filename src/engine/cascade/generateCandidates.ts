import type { TierConfig } from '../config/TierConfig';
import { throwIfAborted } from '../errors';
import type { FunctionAtCursor } from '../extract/FunctionAtCursor';
import type { ModelBackend } from '../model/ModelBackend';
import type { CandidateTrace } from './CascadeResult';
import { fitCandidate } from './fitCandidate';

/** What generation needs to know about the request (a subset of the tier context). */
export interface GenerationContext {
  /** The whole document text. */
  document: string;
  /** The function at the cursor. */
  fn: FunctionAtCursor;
  /** Base sampling seed: candidate i uses seed + i, test sample i uses seed + 1000 + i. */
  seed: number;
  signal?: AbortSignal;
}

/** Sampling settings of one generation: greedy for k ≤ 1, sampled at the tier's temperature otherwise (the paper's rule). */
export function samplingFor(tier: Pick<TierConfig, 'samples' | 'temperature'>, seed: number): { temperature: number; seed?: number } {
  return tier.samples > 1 ? { temperature: tier.temperature, seed } : { temperature: 0 };
}

/**
 * Generates max(1, k) candidate completions of the function at the cursor, one after the
 * other, each fitted to the document (see fitCandidate). Candidate i is sampled with seed
 * `ctx.seed + i`, so the first k candidates of a larger run are the candidates of a k-run.
 */
export async function generateCandidates(
  tier: Pick<TierConfig, 'samples' | 'temperature' | 'maxTokens'>,
  model: ModelBackend,
  ctx: GenerationContext,
): Promise<CandidateTrace[]> {
  const { document, fn } = ctx;
  const candidates: CandidateTrace[] = [];
  for (let i = 0; i < Math.max(1, tier.samples); i++) {
    throwIfAborted(ctx.signal);
    const generation = await model.generate({
      prefix: document.slice(0, fn.cursor),
      suffix: document.slice(fn.cursor),
      maxTokens: tier.maxTokens,
      ...samplingFor(tier, ctx.seed + i),
      signal: ctx.signal,
    });
    const fitted = await fitCandidate(document, fn, generation.text);
    candidates.push({ ...fitted, tokens: generation.tokens });
  }
  return candidates;
}
