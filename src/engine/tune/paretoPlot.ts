import path from 'node:path';
import { describeOption } from './describeConfig';
import type { RecordedRun } from './groupRuns';
import { renderParetoSvg } from './renderParetoSvg';
import type { TuneResult } from './tuneRun';

/**
 * The SVG of a tune: the cascades' Pareto front on validation, the same configurations on
 * test, and the single-model baselines (validation), labelled with model and option.
 */
export function paretoPlot(run: RecordedRun, result: TuneResult): string {
  const { grid, front, baselines } = result;
  return renderParetoSvg(
    [
      {
        name: 'cascades: Pareto front (validation)',
        color: '#1f77b4',
        line: true,
        points: front.map((c) => ({ cost: grid.validationCost[c], accuracy: grid.validationAccuracy[c] })),
      },
      {
        name: 'the same cascades on test',
        color: '#9ecae1',
        line: true,
        points: front.map((c) => ({ cost: grid.testCost[c], accuracy: grid.testAccuracy[c] })),
      },
      {
        name: 'single models (validation)',
        color: '#d62728',
        points: baselines.map((b) => ({
          cost: b.scores.validation.cost,
          accuracy: b.scores.validation.accuracy,
          label: `${path.basename(run.tiers[b.tier].model)} ${describeOption(b.option)}`,
        })),
      },
    ],
    `${run.problems.length} problems, ${run.tiers.length} tiers: accuracy vs cost`,
  );
}
