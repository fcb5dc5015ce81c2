import type { RecordedRun } from './groupRuns';
import { simulateThresholds } from './simulateTier';
import type { TierOption } from './TierOption';

/** One (tier, option) over all problems, as typed arrays indexed by problem. */
export interface OutcomeTable {
  /** 1 when the tier accepts its chosen candidate. */
  accepted: Uint8Array;
  /** 1 when the chosen candidate is correct. */
  correct: Uint8Array;
  /** Tokens used × the tier's cost per token. */
  cost: Float64Array;
}

/**
 * Precomputes every tier's outcome under every option for every problem (simulateTier, one
 * selection per (k, t) shared by its thresholds), so that the grid search only combines
 * arrays. Result: tables[tier][option].
 */
export function buildOutcomeTables(run: RecordedRun, options: TierOption[]): OutcomeTable[][] {
  const count = run.problems.length;
  const groups = new Map<string, number[]>();
  options.forEach((o, index) => groups.set(`${o.k},${o.t}`, [...(groups.get(`${o.k},${o.t}`) ?? []), index]));
  return run.tiers.map((tier) => {
    const tables = options.map((): OutcomeTable => ({ accepted: new Uint8Array(count), correct: new Uint8Array(count), cost: new Float64Array(count) }));
    for (const indexes of groups.values()) {
      const { k, t } = options[indexes[0]];
      tier.records.forEach((record, p) => {
        const outcomes = simulateThresholds(record, k, t, indexes.map((i) => options[i].threshold));
        outcomes.forEach((outcome, j) => {
          const table = tables[indexes[j]];
          table.accepted[p] = outcome.accepted ? 1 : 0;
          table.correct[p] = outcome.correct ? 1 : 0;
          table.cost[p] = outcome.tokens * tier.costPerToken;
        });
      });
    }
    return tables;
  });
}
