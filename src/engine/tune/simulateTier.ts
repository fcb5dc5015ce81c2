import { requiredScore, selectCandidate } from '../select/selectCandidate';
import type { RunRecord } from './runRecord';
import type { TierOption } from './TierOption';

/** What one tier would have done on one problem. */
export interface TierOutcome {
  /** The chosen candidate passed its own tests (never for k = 0). */
  accepted: boolean;
  /** Index of the chosen candidate. */
  chosen: number;
  /** Whether the chosen candidate passes the official tests. */
  correct: boolean;
  /** Tokens generated for the candidates and test samples used (see sampleTokens). */
  tokens: number;
}

/**
 * Tokens charged for test sample `s` when its first `t` asserts are kept — what the cascade
 * pays, as it stops a sample after its t-th assert: the tokens generated when the t-th was
 * complete (`assertTokens`). A sample that kept at most t asserts (none included) costs all its
 * tokens. Recordings without assertTokens split the sample's tokens evenly over its asserts.
 */
export function sampleTokens(record: RunRecord, s: number, t: number): number {
  const { tokens, asserts, assertTokens } = record.testSamples[s];
  if (asserts.length <= t) return tokens;
  return assertTokens ? assertTokens[t - 1] : (tokens * t) / asserts.length;
}

/**
 * Replays one tier with option (k, t, θ) from a recorded run, exactly as runTier and
 * selectCandidate decide: candidates 0..max(k,1)−1, test samples 0..k−1 with their first t
 * asserts each, T' = the pooled asserts among those; dual agreement over the candidates × T'
 * sub-matrix, accepted iff score ≥ θ·k·|T'| and score > 0. The recorded candidates are
 * sampled, so for k ≤ 1 (greedy in a real cascade) candidate 0 and test sample 0 stand in for
 * the greedy ones. Throws RangeError when the record has fewer than k candidates or samples.
 */
export function simulateTier(record: RunRecord, option: TierOption): TierOutcome {
  return simulateThresholds(record, option.k, option.t, [option.threshold])[0];
}

/**
 * simulateTier for several thresholds at once: the choice and the score do not depend on θ,
 * so the selection runs once and only acceptance is decided per θ (with selectCandidate's
 * own requiredScore). Returns one outcome per threshold, in order.
 */
export function simulateThresholds(record: RunRecord, k: number, t: number, thresholds: number[]): TierOutcome[] {
  const rows = Math.max(1, k);
  if (record.candidates.length < rows || record.testSamples.length < k) {
    throw new RangeError(`${record.problem} tier ${record.tier}: k = ${k} needs ${rows} recorded candidates, the record has ${record.candidates.length}`);
  }
  const columns = new Set<number>();
  let tokens = 0;
  for (let s = 0; s < k; s++) {
    record.testSamples[s].asserts.slice(0, t).forEach((id) => columns.add(id));
    tokens += sampleTokens(record, s, t);
  }
  const kept = [...columns].sort((a, b) => a - b);
  const candidates = record.candidates.slice(0, rows);
  const matrix = record.matrix.slice(0, rows).map((row) => kept.map((id) => row[id]));
  const selection = selectCandidate(matrix, { threshold: 0, usable: candidates.map((c) => c.usable) });
  tokens += candidates.reduce((n, c) => n + c.tokens, 0);
  const { candidate: chosen, score } = selection;
  return thresholds.map((threshold) => ({
    accepted: k > 0 && score > 0 && score >= requiredScore(threshold, rows, kept.length),
    chosen,
    correct: candidates[chosen].correct,
    tokens,
  }));
}
