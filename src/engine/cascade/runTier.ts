import type { TierConfig } from '../config/TierConfig';
import { planProgram, type ProgramPlan } from '../context/planProgram';
import { programsWithTests } from './programsWithTests';
import { sandboxScope } from '../context/sandboxScope';
import type { ModelBackend } from '../model/ModelBackend';
import type { Sandbox } from '../sandbox/Sandbox';
import { selectCandidate } from '../select/selectCandidate';
import type { CandidateTrace, CascadeProgress, TierTrace } from './CascadeResult';
import { generateAsserts } from './generateAsserts';
import { generateCandidates, type GenerationContext } from './generateCandidates';
import { runPassMatrix } from './runPassMatrix';

/** Whether the cascade has yet to learn if the function can be tested at all (shared by its tiers). */
export interface Classification {
  pending: boolean;
}

/** Everything one tier needs besides its config. */
export interface TierContext extends GenerationContext {
  sandbox: Sandbox;
  /** Wall-clock limit per (candidate, assert) run, ms. */
  runTimeoutMs: number;
  /**
   * The first usable candidate of the cascade decides whether the function is testable: when
   * it is not, generation stops there — no further candidates, no tests.
   */
  classification: Classification;
  onPhase: (phase: CascadeProgress['phase']) => void;
  /** Sees each candidate as soon as it is generated and fitted (ghost text shows the first complete one at once). */
  onCandidate?: (candidate: CandidateTrace) => void;
}

const elapsed = (since: number): number => Math.round(performance.now() - since);

/**
 * Runs one tier: generate k candidates (each sliced into its test program as it arrives) and
 * k test samples, execute the matrix, select. When the function turns out to be untestable
 * the tier ends after that candidate with verdict `unverifiable`.
 */
export async function runTier(tier: TierConfig, index: number, model: ModelBackend, ctx: TierContext): Promise<TierTrace> {
  const started = performance.now();
  const ms = { load: 0, solutions: 0, tests: 0, execute: 0, total: 0 };
  ctx.onPhase('load');
  await model.load(ctx.signal);
  ms.load = elapsed(started);

  let phaseStart = performance.now();
  ctx.onPhase('solutions');
  const plans: (ProgramPlan | undefined)[] = [];
  const candidates = await generateCandidates(tier, model, ctx, async (candidate) => {
    ctx.onCandidate?.(candidate);
    const plan = candidate.usable ? await planProgram(ctx.context, candidate.functionText) : undefined;
    plans.push(plan);
    if (!plan || !ctx.classification.pending) return true;
    ctx.classification.pending = false;
    return plan.testable;
  });
  ms.solutions = elapsed(phaseStart);
  const last = plans.at(-1);
  if (last && !last.testable) {
    ms.total = elapsed(started);
    return unverifiableTier(index, model.name, candidates, last.reason, ms);
  }

  phaseStart = performance.now();
  // Tests are worth their tokens only when some candidate can be run against them.
  const runnable = plans.some((plan) => plan?.testable);
  const { testSamples, asserts } = tier.samples > 0 && runnable
    ? (ctx.onPhase('tests'), await generateAsserts(tier, model, ctx))
    : { testSamples: [], asserts: [] };
  ms.tests = elapsed(phaseStart);

  phaseStart = performance.now();
  if (asserts.length > 0) ctx.onPhase('execute');
  const programs = await programsWithTests(ctx, candidates, plans, asserts);
  const matrix = await runPassMatrix(programs, asserts, { ...ctx, ...sandboxScope(ctx.context) });
  ms.execute = elapsed(phaseStart);

  const selection = selectCandidate(matrix, { threshold: tier.threshold, usable: candidates.map((c) => c.usable) });
  ms.total = elapsed(started);
  const accepted = tier.samples > 0 && selection.accepted;
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
    accepted,
    verdict: accepted ? 'accepted' : 'rejected',
    tokens: tokensOf(candidates, testSamples),
    ms,
  };
}

function tokensOf(candidates: CandidateTrace[], testSamples: TierTrace['testSamples']): TierTrace['tokens'] {
  return {
    solutions: candidates.reduce((n, c) => n + c.tokens, 0),
    tests: testSamples.reduce((n, s) => n + s.tokens, 0),
  };
}

function unverifiableTier(index: number, model: string, candidates: CandidateTrace[], reason: string, ms: TierTrace['ms']): TierTrace {
  return {
    tier: index,
    model,
    candidates,
    testSamples: [],
    asserts: [],
    matrix: candidates.map(() => []),
    chosen: candidates.length - 1,
    score: 0,
    required: 0,
    accepted: false,
    verdict: 'unverifiable',
    reason,
    tokens: tokensOf(candidates, []),
    ms,
  };
}
