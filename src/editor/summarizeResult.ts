import type { CascadeResult } from '../engine';

/** One line for notifications, the status bar tooltip and the log: who answered and how well. */
export function summarizeResult(result: CascadeResult, ms: number): string {
  const tiers = result.trace.length;
  if (result.verdict === 'unverifiable') {
    const tier = (result.trace.at(-1)?.tier ?? 0) + 1;
    return result.completion
      ? `unverifiable: ${result.reason} — tier ${tier}'s greedy answer, not tested (${ms} ms)`
      : `unverifiable: ${result.reason} — and tier ${tier} wrote no complete function (${ms} ms)`;
  }
  if (result.acceptedTier !== null) {
    return `tier ${result.acceptedTier + 1} answered, ${result.passed.passed}/${result.passed.total} asserts passed (${ms} ms)`;
  }
  if (!result.completion) return `no tier produced a complete function (${tiers} tried, ${ms} ms); nothing was inserted`;
  return `unverified fallback from tier ${(result.trace.at(-1)?.tier ?? 0) + 1}: no tier passed its own tests (${ms} ms)`;
}
