import { evaluateConfig } from './evaluateConfig';
import type { RecordedRun } from './groupRuns';
import { buildOutcomeTables, type OutcomeTable } from './outcomeTable';
import { paretoFront } from './paretoFront';
import { scoreSplits, type Scores } from './scoreSplits';
import { searchGrid, type GridResult } from './searchGrid';
import { splitProblems } from './splitProblems';
import { tierOptions, type TierOption, type TuneGrid } from './TierOption';

/** Settings of the search. */
export interface TuneSettings {
  grid: TuneGrid;
  /** Fraction of the problems in each validation split. Default in the CLI 0.3. */
  valFraction: number;
  /** One validation/test split per seed. Default in the CLI [3, 7, 9, 13, 15]. */
  seeds: number[];
}

/** A single-model configuration shown beside the front. */
export interface Baseline {
  tier: number;
  option: TierOption;
  scores: Scores;
}

/** Everything the search found. */
export interface TuneResult {
  /** The options each tier could take (after dropping k and t values the run cannot simulate). */
  options: TierOption[];
  /** k and t values of the grid dropped because the run recorded fewer candidates or asserts. */
  dropped: { k: number[]; t: number[] };
  /** Per-tier outcomes under every option: tables[tier][option] (see buildOutcomeTables). */
  tables: OutcomeTable[][];
  grid: GridResult;
  /** Indexes into the grid of the Pareto front on validation, cheapest first. */
  front: number[];
  /** Per tier: greedy (k = 0) and the largest k with the largest t, when in the grid. */
  baselines: Baseline[];
  /** Milliseconds spent: precomputing the per-tier outcomes, then searching. */
  ms: { outcomes: number; search: number };
}

/**
 * Grid search over every cascade configuration of a recorded run (see searchGrid), with the
 * Pareto front of (cost, accuracy) on validation and the single-model baselines. Grid values
 * above what the run recorded (k > K, t > T) are dropped. Throws RangeError when no option is
 * left or the validation fraction leaves an empty split.
 */
export function tuneRun(run: RecordedRun, settings: TuneSettings): TuneResult {
  const maxK = Math.min(...run.tiers.map((t) => t.samples));
  const maxT = Math.min(...run.tiers.map((t) => t.testsPerSample));
  const dropped = { k: settings.grid.k.filter((k) => k > maxK), t: settings.grid.t.filter((t) => t > maxT) };
  const options = tierOptions({
    k: settings.grid.k.filter((k) => k <= maxK),
    t: settings.grid.t.filter((t) => t <= maxT),
    theta: settings.grid.theta,
  });
  if (options.length === 0) throw new RangeError(`no tier option is left: the run recorded K = ${maxK} candidates and T = ${maxT} asserts per sample`);
  const splits = splitProblems(run.problems.length, settings.valFraction, settings.seeds);
  const started = performance.now();
  const tables = buildOutcomeTables(run, options);
  const searched = performance.now();
  const grid = searchGrid(tables, options, splits);
  const ms = { outcomes: Math.round(searched - started), search: Math.round(performance.now() - searched) };
  const front = paretoFront(grid.validationCost, grid.validationAccuracy, thresholdSums(grid, options));
  const baselines = run.tiers.flatMap((_, tier) =>
    baselineOptions(options).map((index) => {
      const choice = run.tiers.map((__, i) => (i === tier ? index : -1));
      const outcome = evaluateConfig(tables, choice);
      return { tier, option: options[index], scores: scoreSplits(outcome.correct, outcome.cost, splits) };
    }),
  );
  return { options, dropped, tables, grid, front, baselines, ms };
}

/** Per configuration, the sum of its tiers' θ: equal scores go to the stricter configuration. */
function thresholdSums(grid: GridResult, options: TierOption[]): Float64Array {
  const sums = new Float64Array(grid.count);
  for (let c = 0; c < grid.count; c++) {
    for (let tier = 0; tier < grid.tiers; tier++) {
      const choice = grid.choices[c * grid.tiers + tier];
      if (choice >= 0) sums[c] += options[choice].threshold;
    }
  }
  return sums;
}

/** Greedy (k = 0) and the largest k > 1 with the largest t at θ = its largest value. */
function baselineOptions(options: TierOption[]): number[] {
  const greedy = options.findIndex((o) => o.k === 0);
  const sampled = options.filter((o) => o.k > 1);
  const top = sampled.length === 0 ? -1 : options.lastIndexOf(sampled.at(-1)!);
  return [greedy, top].filter((i) => i >= 0);
}
