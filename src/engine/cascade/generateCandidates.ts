import type { DocumentContext } from '../context/DocumentContext';
import type { TierConfig } from '../config/TierConfig';
import { throwIfAborted } from '../errors';
import type { FunctionAtCursor } from '../extract/FunctionAtCursor';
import type { GenerateOptions, Generation, ModelBackend } from '../model/ModelBackend';
import type { CandidateTrace } from './CascadeResult';
import { fitCandidate } from './fitCandidate';
import { stopWhenFunctionComplete } from './stopWhenFunctionComplete';

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
 * Generates max(1, k) candidate completions of the function at the cursor, each fitted to the
 * document (see fitCandidate) and each stopped as soon as it completes the function
 * (stopWhenFunctionComplete), so a candidate costs the tokens of the function, not maxTokens.
 * Candidate 0 is always the greedy answer — the one an unverifiable function gets, and what a
 * k ≤ 1 tier would produce — and candidate i > 0 is sampled with seed `ctx.seed + i`, so the
 * first k candidates of a larger run are the candidates of a k-run. Candidates come one after
 * the other; when the model decodes samples in parallel (a GPU), candidates 1..k−1 come
 * together after candidate 0. `onCandidate` sees each candidate as soon as it is fitted and
 * may stop the generation by returning false.
 */
export async function generateCandidates(
  tier: Pick<TierConfig, 'samples' | 'temperature' | 'maxTokens'>,
  model: ModelBackend,
  ctx: GenerationContext,
  onCandidate?: (candidate: CandidateTrace, index: number) => Promise<boolean>,
): Promise<CandidateTrace[]> {
  const { document, fn } = ctx;
  const count = Math.max(1, tier.samples);
  const request = (i: number): GenerateOptions => ({
    prefix: document.slice(0, fn.cursor),
    suffix: document.slice(fn.cursor),
    maxTokens: tier.maxTokens,
    ...(i === 0 ? { temperature: 0 } : samplingFor(tier, ctx.seed + i)),
    stopAt: stopWhenFunctionComplete(document, fn),
    signal: ctx.signal,
  });
  const candidates: CandidateTrace[] = [];
  /** Fits and records candidate i; false when onCandidate says stop. */
  const take = async (generation: Generation, i: number): Promise<boolean> => {
    const fitted = await fitCandidate(document, fn, generation.text);
    const candidate = { ...fitted, tokens: generation.tokens };
    candidates.push(candidate);
    return !onCandidate || onCandidate(candidate, i);
  };
  throwIfAborted(ctx.signal);
  if (!(await take(await model.generate(request(0)), 0)) || count === 1) return candidates;
  if (model.parallel && model.generateMany && count > 2) {
    const rest = await model.generateMany(Array.from({ length: count - 1 }, (_, j) => request(j + 1)));
    for (const [j, generation] of rest.entries()) if (!(await take(generation, j + 1))) break;
    return candidates;
  }
  for (let i = 1; i < count; i++) {
    throwIfAborted(ctx.signal);
    if (!(await take(await model.generate(request(i)), i))) break;
  }
  return candidates;
}
