import type { TierConfig } from '../config/TierConfig';
import type { ModelBackend } from '../model/ModelBackend';
import { trimSuffixOverlap } from './trimSuffixOverlap';

export interface FastCompletionRequest {
  prefix: string;
  suffix: string;
  model: ModelBackend;
  tier: TierConfig;
  /** Cap on generated tokens. Default: the tier's maxTokens, at most 128. */
  maxTokens?: number;
  signal?: AbortSignal;
}

/**
 * The fast path: one greedy fill-in-the-middle completion from the first tier, unverified, for
 * completions that are not a whole function (mid-line, a statement, an argument list). Stops at
 * the first blank line; when the cursor is mid-line, at the end of that line.
 */
export async function fastCompletion(request: FastCompletionRequest): Promise<{ text: string; tokens: number }> {
  const { prefix, suffix, model, tier, signal } = request;
  const midLine = !/^\s*(\n|$)/.test(suffix);
  await model.load(signal);
  const generation = await model.generate({
    prefix,
    suffix,
    maxTokens: request.maxTokens ?? Math.min(tier.maxTokens, 128),
    temperature: 0,
    stop: midLine ? ['\n'] : ['\n\n'],
    signal,
  });
  return { text: trimSuffixOverlap(generation.text, suffix), tokens: generation.tokens };
}
