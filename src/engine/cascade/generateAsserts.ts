import type { TierConfig } from '../config/TierConfig';
import { throwIfAborted } from '../errors';
import type { GenerateOptions, Generation, ModelBackend } from '../model/ModelBackend';
import { buildTestPrompt } from '../testgen/buildTestPrompt';
import { parseAsserts } from '../testgen/parseAsserts';
import { poolAsserts } from '../testgen/poolAsserts';
import { stopAfterAsserts } from '../testgen/stopAfterAsserts';
import { samplingFor, type GenerationContext } from './generateCandidates';
import type { TierTrace } from './CascadeResult';

/** The tests one tier wrote: per-sample tokens and assert ids, and the pooled asserts. */
export type GeneratedAsserts = Pick<TierTrace, 'testSamples' | 'asserts'>;

/**
 * Asks the model for k test samples (test sample i sampled with seed `ctx.seed + 1000 + i`),
 * keeps the first t asserts of each (parseAsserts) and pools them (poolAsserts). A sample
 * stops after its t-th complete assert (stopAfterAsserts): what comes after it would be
 * dropped. Samples come one after another, or together when the model decodes samples in
 * parallel. Each sample records the tokens generated when each of its asserts was complete,
 * so that a replay with fewer asserts per sample (tune) charges what the cascade would pay.
 */
export async function generateAsserts(
  tier: Pick<TierConfig, 'samples' | 'testsPerSample' | 'temperature' | 'maxTokens'>,
  model: ModelBackend,
  ctx: GenerationContext,
): Promise<GeneratedAsserts> {
  const { prompt, prefill, stop } = buildTestPrompt(ctx.fn, ctx.context.subject);
  const subject = ctx.context.subject;
  const functionName = subject.kind === 'instance' ? subject.method : ctx.fn.name;
  const parse = { language: ctx.fn.language, functionName, max: tier.testsPerSample, prefill };
  const watches = Array.from({ length: tier.samples }, () => stopAfterAsserts(parse));
  const requests = watches.map((watch, i): GenerateOptions => ({
    prefix: prompt,
    maxTokens: tier.maxTokens,
    stop,
    stopAt: watch.stopAt,
    ...samplingFor(tier, ctx.seed + 1000 + i),
    signal: ctx.signal,
  }));
  throwIfAborted(ctx.signal);
  const generations = model.parallel && model.generateMany && requests.length > 1
    ? await model.generateMany(requests)
    : await oneAfterAnother(model, requests, ctx.signal);
  const perSample = await Promise.all(generations.map(async (generation, i) => {
    const asserts = await parseAsserts(generation.text, parse);
    // An assert on a last line without a newline was complete when the sample ended.
    const assertTokens = asserts.map((_, j) => watches[i].assertTokens[j] ?? generation.tokens);
    return { tokens: generation.tokens, asserts, assertTokens };
  }));
  const pooled = poolAsserts(perSample.map((s) => s.asserts));
  const testSamples = perSample.map((s, i) => ({ tokens: s.tokens, asserts: pooled.idsBySample[i], assertTokens: s.assertTokens }));
  return { testSamples, asserts: pooled.asserts };
}

async function oneAfterAnother(model: ModelBackend, requests: GenerateOptions[], signal: AbortSignal | undefined): Promise<Generation[]> {
  const generations: Generation[] = [];
  for (const request of requests) {
    throwIfAborted(signal);
    generations.push(await model.generate(request));
  }
  return generations;
}
