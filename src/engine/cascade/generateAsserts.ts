import type { TierConfig } from '../config/TierConfig';
import { throwIfAborted } from '../errors';
import type { ModelBackend } from '../model/ModelBackend';
import { buildTestPrompt } from '../testgen/buildTestPrompt';
import { parseAsserts } from '../testgen/parseAsserts';
import { poolAsserts } from '../testgen/poolAsserts';
import { samplingFor, type GenerationContext } from './generateCandidates';
import type { TierTrace } from './CascadeResult';

/** The tests one tier wrote: per-sample tokens and assert ids, and the pooled asserts. */
export type GeneratedAsserts = Pick<TierTrace, 'testSamples' | 'asserts'>;

/**
 * Asks the model for k test samples (test sample i sampled with seed `ctx.seed + 1000 + i`),
 * keeps the first t asserts of each (parseAsserts) and pools them (poolAsserts). The whole
 * sample is generated whatever t is; t only decides how many of its asserts are kept.
 */
export async function generateAsserts(
  tier: Pick<TierConfig, 'samples' | 'testsPerSample' | 'temperature' | 'maxTokens'>,
  model: ModelBackend,
  ctx: GenerationContext,
): Promise<GeneratedAsserts> {
  const { prompt, prefill, stop } = buildTestPrompt(ctx.fn, ctx.context.subject);
  const subject = ctx.context.subject;
  const functionName = subject.kind === 'instance' ? subject.method : ctx.fn.name;
  const perSample: { tokens: number; asserts: string[] }[] = [];
  for (let i = 0; i < tier.samples; i++) {
    throwIfAborted(ctx.signal);
    const generation = await model.generate({
      prefix: prompt,
      maxTokens: tier.maxTokens,
      stop,
      ...samplingFor(tier, ctx.seed + 1000 + i),
      signal: ctx.signal,
    });
    const asserts = await parseAsserts(generation.text, {
      language: ctx.fn.language,
      functionName,
      max: tier.testsPerSample,
      prefill,
    });
    perSample.push({ tokens: generation.tokens, asserts });
  }
  const pooled = poolAsserts(perSample.map((s) => s.asserts));
  const testSamples = perSample.map((s, i) => ({ tokens: s.tokens, asserts: pooled.idsBySample[i] }));
  return { testSamples, asserts: pooled.asserts };
}
