import type { TierConfig } from '../config/TierConfig';
import { generateAsserts } from '../cascade/generateAsserts';
import { generateCandidates } from '../cascade/generateCandidates';
import { runPassMatrix } from '../cascade/runPassMatrix';
import { programsWithTests } from '../cascade/programsWithTests';
import { indexDocument } from '../context/indexDocument';
import { planProgram } from '../context/planProgram';
import { sandboxScope } from '../context/sandboxScope';
import type { FunctionAtCursor } from '../extract/FunctionAtCursor';
import type { ModelBackend } from '../model/ModelBackend';
import type { Sandbox } from '../sandbox/Sandbox';
import type { RunRecord } from '../tune/runRecord';
import { checkCandidates } from './checkCandidates';
import type { BenchProblem } from './readBenchProblems';
import { toRunRecord } from './toRunRecord';

/** Settings shared by every (problem, tier) of a bench. */
export interface BenchSettings {
  sandbox: Sandbox;
  /** K: candidates and test samples per tier (the largest k to simulate). */
  samples: number;
  /** T: asserts kept per test sample (the largest t to simulate). */
  testsPerSample: number;
  /** Base sampling seed, as in runCascade. */
  seed: number;
  /** Wall-clock limit per (candidate, assert) run, ms. */
  runTimeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Records one tier on one problem with the cascade's own pieces: K candidates
 * (generateCandidates), K test samples with up to T asserts each (generateAsserts), the
 * full candidates × asserts matrix (runPassMatrix), and every candidate against the official
 * tests (checkCandidates). The tier's temperature and maxTokens apply; its k, t and θ do not.
 * @param modelPath the model file, recorded so that tune can write tiers that load it
 */
export async function benchTier(
  problem: BenchProblem,
  fn: FunctionAtCursor,
  index: number,
  tier: TierConfig,
  model: ModelBackend,
  modelPath: string,
  settings: BenchSettings,
): Promise<RunRecord> {
  const { signal } = settings;
  await model.load(signal);
  const recorded = { ...tier, samples: settings.samples, testsPerSample: settings.testsPerSample };
  const context = await indexDocument({ document: problem.prompt, fn });
  const ctx = { document: problem.prompt, fn, context, seed: settings.seed, signal };
  const started = performance.now();
  const candidates = await generateCandidates(recorded, model, ctx);
  const tests = await generateAsserts(recorded, model, ctx);
  const generationMs = performance.now() - started;
  const plans = await Promise.all(candidates.map((c) => (c.usable ? planProgram(context, c.functionText) : undefined)));
  const programs = await programsWithTests({ context }, candidates, plans, tests.asserts);
  const scope = { sandbox: settings.sandbox, runTimeoutMs: settings.runTimeoutMs, signal, ...sandboxScope(context) };
  const [matrix, correct] = await Promise.all([
    runPassMatrix(programs, tests.asserts, scope),
    checkCandidates(problem, candidates, settings.sandbox, signal),
  ]);
  return toRunRecord({
    problem: problem.id,
    tier: index,
    model: modelPath,
    temperature: settings.samples > 1 ? tier.temperature : 0,
    maxTokens: tier.maxTokens,
    testsPerSample: settings.testsPerSample,
    candidates,
    correct,
    tests,
    matrix,
    generationMs,
  });
}
