import type { TierConfig } from '../config/TierConfig';
import { findFunctionAtCursor } from '../extract/findFunctionAtCursor';
import type { ModelBackend } from '../model/ModelBackend';
import { benchTier, type BenchSettings } from './benchTier';
import type { BenchProblem } from './readBenchProblems';
import { appendRunRecord, runKey, type RunFileState } from './runFile';

/** Where a recording run stands, after each (problem, tier) pair. */
export interface RecordProgress {
  /** Pairs handled (recorded, already there, or skipped). */
  done: number;
  total: number;
  /** Pairs recorded in this run. */
  recorded: number;
  /** What is being worked on next, e.g. "JavaScript/3 tier 1". */
  label: string;
}

export interface RecordRunPlan {
  problems: BenchProblem[];
  tiers: TierConfig[];
  /** Resolved model file of each tier (written into the records). */
  modelPaths: string[];
  /** The run file (JSON Lines) to append to, and what it already holds. */
  file: string;
  state: RunFileState;
  modelFor: (tier: TierConfig, index: number) => ModelBackend;
  onProgress?: (progress: RecordProgress) => void;
  /** A problem whose prompt does not end inside a function body. */
  onSkip?: (problem: BenchProblem) => void;
}

/**
 * Records every (problem, tier) pair not yet in the run file (one JSON line each, appended
 * only when complete, so an interrupted run resumes). Shared by `cascade bench` and the
 * editor's "Cascade: tune tiers". Returns how many pairs it recorded; throws AbortError when
 * `settings.signal` fires.
 */
export async function recordRun(plan: RecordRunPlan, settings: BenchSettings): Promise<number> {
  const { problems, tiers, state } = plan;
  const total = problems.length * tiers.length;
  let [done, recorded] = [0, 0];
  const report = (label: string) => plan.onProgress?.({ done, total, recorded, label });
  for (const problem of problems) {
    const todo = tiers.map((_, tier) => tier).filter((tier) => !state.done.has(runKey(problem.id, tier)));
    done += tiers.length - todo.length;
    if (todo.length === 0) continue;
    const fn = await findFunctionAtCursor(problem.prompt, problem.prompt.length, problem.language);
    if (!fn) {
      plan.onSkip?.(problem);
      done += todo.length;
      continue;
    }
    for (const tier of todo) {
      report(`${problem.id} tier ${tier}`);
      const model = plan.modelFor(tiers[tier], tier);
      const record = await benchTier(problem, fn, tier, tiers[tier], model, plan.modelPaths[tier], settings);
      appendRunRecord(plan.file, record);
      state.done.add(runKey(problem.id, tier));
      done++;
      recorded++;
    }
  }
  report('done');
  return recorded;
}
