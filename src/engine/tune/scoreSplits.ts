import type { Splits } from './splitProblems';

/** Accuracy (fraction correct) and mean cost per problem. */
export interface SplitScore {
  accuracy: number;
  cost: number;
}

/** Scores on the validation and test splits, each averaged over the seeds. */
export interface Scores {
  validation: SplitScore;
  test: SplitScore;
}

/** Scores per-problem outcomes (1 = correct; cost) on every seed's splits, averaged over the seeds. */
export function scoreSplits(correct: ArrayLike<number>, cost: ArrayLike<number>, splits: Splits): Scores {
  const scores: Scores = { validation: { accuracy: 0, cost: 0 }, test: { accuracy: 0, cost: 0 } };
  const seeds = splits.validation.length;
  for (const mask of splits.validation) {
    for (let p = 0; p < mask.length; p++) {
      const side = mask[p] ? scores.validation : scores.test;
      side.accuracy += correct[p];
      side.cost += cost[p];
    }
  }
  for (const [side, size] of [[scores.validation, splits.validationSize], [scores.test, splits.testSize]] as const) {
    side.accuracy /= seeds * size;
    side.cost /= seeds * size;
  }
  return scores;
}
