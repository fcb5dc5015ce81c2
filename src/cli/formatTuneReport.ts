import path from 'node:path';
import { describeConfig, describeOption } from '../engine/tune/describeConfig';
import { evaluateConfig } from '../engine/tune/evaluateConfig';
import { formatCost } from '../engine/tune/formatCost';
import type { RecordedRun } from '../engine/tune/groupRuns';
import type { Scores } from '../engine/tune/scoreSplits';
import type { TuneResult } from '../engine/tune/tuneRun';
import { gridChoice } from '../engine/tune/gridChoice';

const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`.padStart(6);
const cost = (value: number): string => formatCost(value).padStart(9);
const row = (scores: Scores, what: string): string =>
  `  ${percent(scores.validation.accuracy)}  ${cost(scores.validation.cost)}   ${percent(scores.test.accuracy)}  ${cost(scores.test.cost)}   ${what}`;
const HEADER = '  val acc   val cost  test acc  test cost   configuration';

/** Scores of grid configuration `c`. */
export function gridScores(result: TuneResult, c: number): Scores {
  const { grid } = result;
  return {
    validation: { accuracy: grid.validationAccuracy[c], cost: grid.validationCost[c] },
    test: { accuracy: grid.testAccuracy[c], cost: grid.testCost[c] },
  };
}


/**
 * The tune report: the run, the search's size and time, the Pareto front on validation with
 * the test scores of the same configurations, the single-model baselines, and the chosen
 * configuration against the most accurate baseline (on test).
 */
export function formatTuneReport(run: RecordedRun, result: TuneResult, chosen: { index: number; rule: string }, seeds: number): string {
  const tierLines = run.tiers.map(
    (t) => `  tier ${t.tier}: ${path.basename(t.model)}  K=${t.samples} T=${t.testsPerSample}  cost/token ${formatCost(t.costPerToken)}`,
  );
  const dropped = [...result.dropped.k.map((k) => `k=${k}`), ...result.dropped.t.map((t) => `t=${t}`)];
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  return [
    `run: ${run.problems.length} problems × ${run.tiers.length} tiers` +
      (run.incomplete.length > 0 ? ` (${run.incomplete.length} problems without every tier left out)` : ''),
    ...tierLines,
    ...(dropped.length > 0 ? [`grid values above what the run recorded left out: ${dropped.join(', ')}`] : []),
    `searched ${result.grid.count.toLocaleString('en-US')} configurations × ${seeds} seeds in ${seconds(result.ms.outcomes + result.ms.search)} s ` +
      `(per-tier outcomes ${seconds(result.ms.outcomes)} s, search ${seconds(result.ms.search)} s)`,
    '',
    'Pareto front on validation (mean over seeds; cost per problem), with the same configurations on test:',
    HEADER,
    ...result.front.map((c) => row(gridScores(result, c), describeConfig(run, result.options, gridChoice(result, c)))),
    '',
    'single-model baselines:',
    HEADER,
    ...result.baselines.map((b) => row(b.scores, `${path.basename(run.tiers[b.tier].model)} ${describeOption(b.option)}`)),
    '',
    `chosen (${chosen.rule}): ${describeConfig(run, result.options, gridChoice(result, chosen.index))}`,
    scoreLine(gridScores(result, chosen.index)),
    answerShares(run, result, chosen.index),
    compareWithBaseline(result, chosen.index),
  ].join('\n');
}

/** Which tier answered how many problems (all of them, not one split) under configuration `c`. */
function answerShares(run: RecordedRun, result: TuneResult, c: number): string {
  const outcome = evaluateConfig(result.tables, gridChoice(result, c));
  const count = outcome.correct.length;
  const share = (n: number) => `${Math.round((n / count) * 100)}%`;
  const counts = new Map<string, number>();
  outcome.answeredBy.forEach((tier, p) => {
    const key = outcome.accepted[p] ? `tier ${run.tiers[tier].tier} accepted` : `tier ${run.tiers[tier].tier} fallback`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const parts = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key} ${share(n)}`);
  return `  answers on all ${count} problems: ${parts.join(', ')}`;
}

function scoreLine({ validation, test }: Scores): string {
  return `  validation ${percent(validation.accuracy).trim()} at cost ${formatCost(validation.cost)}; test ${percent(test.accuracy).trim()} at cost ${formatCost(test.cost)}`;
}

/** On test: the chosen configuration against the most accurate single-model baseline. */
function compareWithBaseline(result: TuneResult, chosen: number): string {
  const best = [...result.baselines].sort((a, b) => b.scores.test.accuracy - a.scores.test.accuracy || a.scores.test.cost - b.scores.test.cost)[0];
  if (!best) return '';
  const mine = gridScores(result, chosen).test;
  const signed = (n: number, digits: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(digits)}`;
  const change = best.scores.test.cost > 0 ? `cost ${signed(((mine.cost - best.scores.test.cost) / best.scores.test.cost) * 100, 0)}%` : 'cost n/a';
  const points = signed((mine.accuracy - best.scores.test.accuracy) * 100, 1);
  return `  vs the most accurate single model on test (tier ${best.tier} ${describeOption(best.option)}): ${change}, ${points} accuracy points`;
}
