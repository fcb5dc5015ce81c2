import type { DocumentContext } from '../context/DocumentContext';
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
  /** What the document offers the function's test programs (indexDocument). */
  context: DocumentContext;
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
 * other, each fitted to the document (see fitCandidate). Candidate 0 is always the greedy
 * answer — the one an unverifiable function gets, and what a k ≤ 1 tier would produce — and
 * candidate i > 0 is sampled with seed `ctx.seed + i`, so the first k candidates of a larger
 * run are the candidates of a k-run. `onCandidate` sees each candidate as soon as it is
 * fitted and may stop the generation by returning false.
 */
export async function generateCandidates(
  tier: Pick<TierConfig, 'samples' | 'temperature' | 'maxTokens'>,
  model: ModelBackend,
  ctx: GenerationContext,
  onCandidate?: (candidate: CandidateTrace, index: number) => Promise<boolean>,
): Promise<CandidateTrace[]> {
  const { document, fn } = ctx;
  const candidates: CandidateTrace[] = [];
  for (let i = 0; i < Math.max(1, tier.samples); i++) {
    throwIfAborted(ctx.signal);
    const generation = await model.generate({
      prefix: document.slice(0, fn.cursor),
      suffix: document.slice(fn.cursor),
      maxTokens: tier.maxTokens,
      ...(i === 0 ? { temperature: 0 } : samplingFor(tier, ctx.seed + i)),
      signal: ctx.signal,
    });
    const fitted = await fitCandidate(document, fn, generation.text);
    const candidate = { ...fitted, tokens: generation.tokens };
    candidates.push(candidate);
    if (onCandidate && !(await onCandidate(candidate, i))) break;
  }
  return candidates;
}
