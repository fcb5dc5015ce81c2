/**
 * Selection and acceptance for one tier (CodeT-style dual agreement, as the algorithm guide
 * describes). Pure functions over the pass matrix M: rows are candidates, columns asserts,
 * M[a][j] = 1 when candidate a passes assert j.
 */
export interface Selection {
  /** Index of the chosen candidate, or -1 when the tier has no candidate at all. */
  candidate: number;
  /** The assert of the top-scoring pair, or -1 when no pair passes. */
  assert: number;
  /** rowsum(a) · colsum(j) of the top pair; 0 when no pair passes. */
  score: number;
  /** θ · k · |T|: the score needed to accept. */
  required: number;
  /** score ≥ required, and at least one candidate passed at least one assert. */
  accepted: boolean;
}

export interface SelectOptions {
  /** θ in [0, 1]. */
  threshold: number;
  /**
   * Which candidates are usable code (parsed into a complete function). Only used to pick
   * the fallback when no pair passes: a usable candidate beats an unparseable one.
   */
  usable?: boolean[];
}

const sum = (values: number[]): number => values.reduce((total, v) => total + v, 0);

/** Per-candidate pass counts (row sums) and per-assert pass counts (column sums). */
export function agreementCounts(matrix: number[][]): { rows: number[]; cols: number[] } {
  const width = matrix[0]?.length ?? 0;
  const cols = Array.from({ length: width }, (_, j) => sum(matrix.map((row) => row[j] ?? 0)));
  return { rows: matrix.map(sum), cols };
}

/** θ · k · |T|: the score a tier with k candidates and |T| asserts needs to accept at threshold θ. */
export function requiredScore(threshold: number, candidates: number, asserts: number): number {
  return threshold * candidates * asserts;
}

/**
 * Chooses a candidate. The top pair is the first passing (a, j) in row-major order with the
 * highest rowsum(a)·colsum(j), so ties go to the earlier candidate, then the earlier assert.
 * An empty test pool can never be accepted: with no asserts nothing was verified, and
 * θ·k·0 = 0 would otherwise accept anything.
 */
export function selectCandidate(matrix: number[][], options: SelectOptions): Selection {
  const k = matrix.length;
  const { rows, cols } = agreementCounts(matrix);
  const required = requiredScore(options.threshold, k, cols.length);
  let best = { candidate: -1, assert: -1, score: 0 };
  matrix.forEach((row, a) =>
    row.forEach((passed, j) => {
      const score = passed ? rows[a] * cols[j] : 0;
      if (score > best.score) best = { candidate: a, assert: j, score };
    }),
  );
  if (best.candidate === -1) {
    return { candidate: fallbackCandidate(k, options.usable), assert: -1, score: 0, required, accepted: false };
  }
  return { ...best, required, accepted: best.score >= required };
}

/** With no passing pair: the first usable candidate, else the first one, else none. */
function fallbackCandidate(k: number, usable: boolean[] | undefined): number {
  if (k === 0) return -1;
  const firstUsable = usable?.findIndex(Boolean) ?? -1;
  return firstUsable >= 0 ? firstUsable : 0;
}
