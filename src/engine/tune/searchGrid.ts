import type { OutcomeTable } from './outcomeTable';
import type { Splits } from './splitProblems';
import { canContinue, canEnd, type TierOption } from './TierOption';

/** Every configuration of the grid with its scores, as parallel typed arrays. */
export interface GridResult {
  /** Number of configurations. */
  count: number;
  tiers: number;
  /** count × tiers option indexes (−1 = tier skipped); configuration c is choices[c·tiers …]. */
  choices: Int16Array;
  validationAccuracy: Float64Array;
  validationCost: Float64Array;
  testAccuracy: Float64Array;
  testCost: Float64Array;
}

/** Per-problem state of a partial cascade: problems no tier has accepted yet, correct answers so far, cost so far. */
interface State {
  open: Uint8Array;
  correct: Uint8Array;
  cost: Float64Array;
}

/** How many configurations the grid has: a tier is skipped, ends the cascade (k ≠ 1) or continues it (k ≠ 0). */
export function countConfigs(tiers: number, options: TierOption[]): number {
  const ending = options.filter(canEnd).length;
  const continuing = options.filter(canContinue).length;
  let fromHere = 0;
  for (let i = 0; i < tiers; i++) fromHere = fromHere + ending + continuing * fromHere;
  return fromHere;
}

/**
 * Scores every cascade configuration of the grid (each tier skipped or given one option, with
 * k = 0 only last and k = 1 never last) on every seed's validation and test splits, averaged
 * over seeds. Depth-first over tiers: a prefix's per-problem state is computed once and shared
 * by all configurations that extend it, so the work per configuration is one pass over the
 * problems.
 */
export function searchGrid(tables: OutcomeTable[][], options: TierOption[], splits: Splits): GridResult {
  const tiers = tables.length;
  const count = countConfigs(tiers, options);
  const result: GridResult = {
    count: 0,
    tiers,
    choices: new Int16Array(count * tiers).fill(-1),
    validationAccuracy: new Float64Array(count),
    validationCost: new Float64Array(count),
    testAccuracy: new Float64Array(count),
    testCost: new Float64Array(count),
  };
  const problems = tables[0]?.[0]?.cost.length ?? 0;
  const states = Array.from({ length: tiers + 1 }, (): State => ({ open: new Uint8Array(problems), correct: new Uint8Array(problems), cost: new Float64Array(problems) }));
  states[0].open.fill(1);
  const score = splitScorer(splits);
  const path = new Int16Array(tiers).fill(-1);
  const visit = (from: number, depth: number): void => {
    for (let tier = from; tier < tiers; tier++) {
      options.forEach((option, index) => {
        path[tier] = index;
        const table = tables[tier][index];
        if (canEnd(option)) record(result, path, score(states[depth], table));
        if (canContinue(option) && tier < tiers - 1) {
          extend(states[depth], table, states[depth + 1]);
          visit(tier + 1, depth + 1);
        }
      });
      path[tier] = -1;
    }
  };
  visit(0, 0);
  return result;
}

/** The state after one more tier that does not end the cascade. */
function extend(state: State, table: OutcomeTable, next: State): void {
  for (let p = 0; p < state.open.length; p++) {
    const open = state.open[p];
    const accepts = open & table.accepted[p];
    next.open[p] = open & (accepts ^ 1);
    next.correct[p] = state.correct[p] | (accepts & table.correct[p]);
    next.cost[p] = state.cost[p] + (open ? table.cost[p] : 0);
  }
}

function record(result: GridResult, path: Int16Array, scores: [number, number, number, number]): void {
  const c = result.count++;
  result.choices.set(path, c * result.tiers);
  [result.validationAccuracy[c], result.validationCost[c], result.testAccuracy[c], result.testCost[c]] = scores;
}

/**
 * A function that finishes a cascade with `table` as its last tier and returns
 * [validation accuracy, validation cost, test accuracy, test cost], averaged over seeds.
 * Averaging over seeds weighs each problem by the number of seeds whose validation split
 * holds it (and the rest of the seeds on test), so one pass over the problems suffices.
 */
function splitScorer(splits: Splits): (state: State, last: OutcomeTable) => [number, number, number, number] {
  const seeds = splits.validation.length;
  const weight = new Float64Array(splits.validation[0]?.length ?? 0);
  for (const mask of splits.validation) mask.forEach((inValidation, p) => (weight[p] += inValidation));
  const [v, t] = [seeds * splits.validationSize, seeds * splits.testSize];
  return (state, last) => {
    let [valCorrect, valCost, allCorrect, allCost] = [0, 0, 0, 0];
    for (let p = 0; p < weight.length; p++) {
      const open = state.open[p];
      const correct = open ? last.correct[p] : state.correct[p];
      const cost = state.cost[p] + (open ? last.cost[p] : 0);
      valCorrect += weight[p] * correct;
      valCost += weight[p] * cost;
      allCorrect += correct;
      allCost += cost;
    }
    return [valCorrect / v, valCost / v, (seeds * allCorrect - valCorrect) / t, (seeds * allCost - valCost) / t];
  };
}
