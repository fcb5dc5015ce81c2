import type { TuneResult } from './tuneRun';

/** The options of grid configuration `c`, one per tier (−1 = skipped). */
export function gridChoice(result: TuneResult, c: number): number[] {
  return [...result.grid.choices.subarray(c * result.grid.tiers, (c + 1) * result.grid.tiers)];
}
