import { writeFileSync } from 'node:fs';
import { CascadeError } from '../engine/errors';
import { groupRuns } from '../engine/tune/groupRuns';
import { paretoPlot } from '../engine/tune/paretoPlot';
import { pickFromFront, type PickRule } from '../engine/tune/paretoFront';
import { readRunRecords } from '../engine/tune/runRecord';
import { DEFAULT_GRID } from '../engine/tune/TierOption';
import { tunedTiers } from '../engine/tune/tunedTiers';
import { tuneRun } from '../engine/tune/tuneRun';
import { gridChoice } from '../engine/tune/gridChoice';
import { formatTuneReport } from './formatTuneReport';
import { parseFlags } from './parseFlags';
import { parseNumberList } from './parseNumberList';

export const TUNE_USAGE =
  'cascade tune --runs <run.jsonl> [--val-fraction 0.3] [--seeds 3,7,9,13,15] [--k 0,1,3,5,10] [--t 0,2,4] ' +
  '[--theta 0.1,0.3,0.5,0.7,0.8,0.9,1.0] [--cost-per-token c1,c2,…] [--budget C | --min-accuracy A] [--out tuned.json] [--plot pareto.svg]';

const TUNE_FLAGS = {
  runs: 'string', 'val-fraction': 'number', seeds: 'string', k: 'string', t: 'string', theta: 'string',
  'cost-per-token': 'string', budget: 'number', 'min-accuracy': 'number', out: 'string', plot: 'string',
} as const;

const isCount = (n: number) => Number.isInteger(n) && n >= 0;

/** The grid, splits and prices from the flags (defaults: the paper's grid, 0.3, seeds 3,7,9,13,15, recorded prices). */
function settingsFrom(flags: ReturnType<typeof parseFlags<typeof TUNE_FLAGS>>['flags']) {
  const valFraction = flags['val-fraction'] ?? 0.3;
  if (!(valFraction > 0 && valFraction < 1)) throw new CascadeError('--val-fraction must be between 0 and 1');
  const minAccuracy = flags['min-accuracy'];
  if (minAccuracy !== undefined && !(minAccuracy >= 0 && minAccuracy <= 1)) throw new CascadeError('--min-accuracy is a fraction from 0 to 1');
  return {
    valFraction,
    seeds: flags.seeds === undefined ? [3, 7, 9, 13, 15] : parseNumberList('seeds', flags.seeds, Number.isInteger, 'integers'),
    grid: {
      k: flags.k === undefined ? DEFAULT_GRID.k : parseNumberList('k', flags.k, (n) => isCount(n) && n <= 50, 'integers from 0 to 50'),
      t: flags.t === undefined ? DEFAULT_GRID.t : parseNumberList('t', flags.t, (n) => isCount(n) && n <= 20, 'integers from 0 to 20'),
      theta: flags.theta === undefined ? DEFAULT_GRID.theta : parseNumberList('theta', flags.theta, (n) => n >= 0 && n <= 1, 'numbers from 0 to 1'),
    },
    costPerToken: flags['cost-per-token'] === undefined ? undefined : parseNumberList('cost-per-token', flags['cost-per-token'], (n) => n >= 0, 'numbers ≥ 0'),
    rule: { budget: flags.budget, minAccuracy },
  };
}

/**
 * `cascade tune`: grid search over a recorded run (see tuneRun). Prints the report, writes
 * the chosen configuration as a tiers file (`--out`) and the plot (`--plot`). Returns 0;
 * throws CascadeError for bad flags, an unreadable run or no configuration meeting the rule.
 */
export async function tuneCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { flags, positionals } = parseFlags(argv, TUNE_FLAGS);
  if (positionals.length > 0) throw new CascadeError(`unexpected argument "${positionals[0]}"; usage: ${TUNE_USAGE}`);
  if (flags.runs === undefined) throw new CascadeError(`missing --runs; usage: ${TUNE_USAGE}`);
  const settings = settingsFrom(flags);
  const run = groupRuns(readRunRecords(flags.runs), settings.costPerToken);
  if (run.problems.length < 2) throw new CascadeError(`${flags.runs} has ${run.problems.length} problem(s) recorded for every tier: tuning needs at least 2`);
  let result;
  try {
    result = tuneRun(run, settings);
  } catch (error) {
    if (error instanceof RangeError) throw new CascadeError(error.message);
    throw error;
  }
  const { grid, front } = result;
  const chosen = pickFromFront(front, grid.validationCost, grid.validationAccuracy, settings.rule);
  if (chosen === undefined) throw new CascadeError('no configuration meets --budget / --min-accuracy on validation: relax it, or leave both out to see the whole front');
  out.write(`${formatTuneReport(run, result, { index: chosen, rule: describeRule(settings.rule) }, settings.seeds.length)}\n`);
  if (flags.out !== undefined) {
    const tiers = tunedTiers(run, result.options, gridChoice(result, chosen));
    writeOutput(flags.out, `${JSON.stringify({ tiers }, null, 2)}\n`);
    out.write(`wrote ${flags.out}\n`);
  }
  if (flags.plot !== undefined) {
    writeOutput(flags.plot, paretoPlot(run, result));
    out.write(`wrote ${flags.plot}\n`);
  }
  return 0;
}

function describeRule({ budget, minAccuracy }: PickRule): string {
  const parts = [
    minAccuracy === undefined ? 'most accurate on validation' : `cheapest with validation accuracy ≥ ${minAccuracy}`,
    ...(budget === undefined ? [] : [`cost ≤ ${budget}`]),
  ];
  return parts.join(', ');
}

function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new CascadeError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
