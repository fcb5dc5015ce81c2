import type { TierConfig } from '../config/TierConfig';
import type { ModelBackend } from '../model/ModelBackend';
import type { Sandbox } from '../sandbox/Sandbox';
import { selectCandidate } from '../select/selectCandidate';
import type { CascadeProgress, TierTrace } from './CascadeResult';
import { generateAsserts } from './generateAsserts';
import { generateCandidates, type GenerationContext } from './generateCandidates';
import { runPassMatrix } from './runPassMatrix';

/** Everything one tier needs besides its config. */
export interface TierContext extends GenerationContext {
  sandbox: Sandbox;
  /** Wall-clock limit per (candidate, assert) run, ms. */
  runTimeoutMs: number;
  onPhase: (phase: CascadeProgress['phase']) => void;
}

const elapsed = (since: number): number => Math.round(performance.now() - since);

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
