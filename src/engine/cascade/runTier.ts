import type { TierConfig } from '../config/TierConfig';
import { throwIfAborted } from '../errors';
import type { FunctionAtCursor } from '../extract/FunctionAtCursor';
import type { ModelBackend } from '../model/ModelBackend';
import type { Sandbox } from '../sandbox/Sandbox';
import { selectCandidate } from '../select/selectCandidate';
import { buildTestPrompt } from '../testgen/buildTestPrompt';
import { parseAsserts } from '../testgen/parseAsserts';
import { poolAsserts } from '../testgen/poolAsserts';
import type { CandidateTrace, CascadeProgress, TierTrace } from './CascadeResult';
import { fitCandidate } from './fitCandidate';
import { runPassMatrix } from './runPassMatrix';

/** Everything one tier needs besides its config. */
export interface TierContext {
  document: string;
  fn: FunctionAtCursor;
  sandbox: Sandbox;
  /** Base sampling seed; sample i uses seed + i. */
  seed: number;
  /** Wall-clock limit per (candidate, assert) run, ms. */
  runTimeoutMs: number;
  signal?: AbortSignal;
  onPhase: (phase: CascadeProgress['phase']) => void;
}

const elapsed = (since: number): number => Math.round(performance.now() - since);

/** Sampling settings of sample i: greedy for k ≤ 1, sampled otherwise (the paper's rule). */
function sampling(tier: TierConfig, seed: number) {
  return tier.samples > 1 ? { temperature: tier.temperature, seed } : { temperature: 0 };
}

/** Runs one tier: generate k candidates and k test samples, execute the matrix, select. */
export async function runTier(tier: TierConfig, index: number, model: ModelBackend, ctx: TierContext): Promise<TierTrace> {
  const started = performance.now();
  const ms = { load: 0, solutions: 0, tests: 0, execute: 0, total: 0 };
  ctx.onPhase('load');
  await model.load(ctx.signal);
  ms.load = elapsed(started);

  let phaseStart = performance.now();
  ctx.onPhase('solutions');
  const candidates = await generateCandidates(tier, model, ctx);
  ms.solutions = elapsed(phaseStart);

  phaseStart = performance.now();
  const { testSamples, asserts } = tier.samples > 0 && ctx.fn.language !== 'python'
    ? (ctx.onPhase('tests'), await generateAsserts(tier, model, ctx))
    : { testSamples: [], asserts: [] };
  ms.tests = elapsed(phaseStart);

  phaseStart = performance.now();
  if (asserts.length > 0) ctx.onPhase('execute');
  const matrix = await runPassMatrix(ctx.fn, candidates, asserts, ctx);
  ms.execute = elapsed(phaseStart);

  const selection = selectCandidate(matrix, { threshold: tier.threshold, usable: candidates.map((c) => c.usable) });
  ms.total = elapsed(started);
  return {
    tier: index,
    model: model.name,
    candidates,
    testSamples,
    asserts,
    matrix,
    chosen: selection.candidate,
    score: selection.score,
    required: selection.required,
    accepted: tier.samples > 0 && selection.accepted,
    tokens: {
      solutions: candidates.reduce((n, c) => n + c.tokens, 0),
      tests: testSamples.reduce((n, s) => n + s.tokens, 0),
    },
    ms,
  };
}

async function generateCandidates(tier: TierConfig, model: ModelBackend, ctx: TierContext): Promise<CandidateTrace[]> {
  const { document, fn } = ctx;
  const candidates: CandidateTrace[] = [];
  for (let i = 0; i < Math.max(1, tier.samples); i++) {
    throwIfAborted(ctx.signal);
    const generation = await model.generate({
      prefix: document.slice(0, fn.cursor),
      suffix: document.slice(fn.cursor),
      maxTokens: tier.maxTokens,
      ...sampling(tier, ctx.seed + i),
      signal: ctx.signal,
    });
    const fitted = await fitCandidate(document, fn, generation.text);
    candidates.push({ ...fitted, tokens: generation.tokens });
  }
  return candidates;
}

async function generateAsserts(tier: TierConfig, model: ModelBackend, ctx: TierContext) {
  const { prompt, prefill, stop } = buildTestPrompt(ctx.fn);
  const perSample: { tokens: number; asserts: string[] }[] = [];
  for (let i = 0; i < tier.samples; i++) {
    throwIfAborted(ctx.signal);
    const generation = await model.generate({
      prefix: prompt,
      maxTokens: tier.maxTokens,
      stop,
      ...sampling(tier, ctx.seed + 1000 + i),
      signal: ctx.signal,
    });
    const asserts = await parseAsserts(generation.text, {
      language: ctx.fn.language,
      functionName: ctx.fn.name,
      max: tier.testsPerSample,
      prefill,
    });
    perSample.push({ tokens: generation.tokens, asserts });
  }
  const pooled = poolAsserts(perSample.map((s) => s.asserts));
  const testSamples = perSample.map((s, i) => ({ tokens: s.tokens, asserts: pooled.idsBySample[i] }));
  return { testSamples, asserts: pooled.asserts };
}
