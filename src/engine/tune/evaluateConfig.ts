import type { OutcomeTable } from './outcomeTable';

/** A cascade configuration: per tier, the index of its option, or -1 when the tier is skipped. */
export type ConfigChoice = ArrayLike<number>;

/** What a configuration does on every problem. */
export interface ConfigOutcome {
  /** 1 when the answer returned is correct. */
  correct: Uint8Array;
  /** Cost of every tier the problem reached. */
  cost: Float64Array;
  /** The tier whose answer was returned: the first that accepted, else the last used. */
  answeredBy: Int16Array;
  /** 1 when that tier accepted (0: the last tier's fallback). */
  accepted: Uint8Array;
}

/**
 * Runs a cascade configuration over the precomputed outcomes, problem by problem, as
 * runCascade does: tiers in order, skipped ones left out; the first tier that accepts answers;
 * otherwise the last tier used returns its chosen candidate. Cost adds up every tier reached.
 * Throws RangeError when every tier is skipped.
 */
export function evaluateConfig(tables: OutcomeTable[][], choice: ConfigChoice): ConfigOutcome {
  const used = Array.from(choice, (option, tier) => ({ option, tier })).filter((c) => c.option >= 0);
  if (used.length === 0) throw new RangeError('a configuration needs at least one tier');
  const count = tables[0][0].cost.length;
  const result: ConfigOutcome = {
    correct: new Uint8Array(count),
    cost: new Float64Array(count),
    answeredBy: new Int16Array(count),
    accepted: new Uint8Array(count),
  };
  for (let p = 0; p < count; p++) {
    for (const [position, { option, tier }] of used.entries()) {
      const table = tables[tier][option];
      result.cost[p] += table.cost[p];
      const last = position === used.length - 1;
      if (table.accepted[p] || last) {
        result.correct[p] = table.correct[p];
        result.answeredBy[p] = tier;
        result.accepted[p] = table.accepted[p];
        break;
      }
    }
  }
  return result;
}
