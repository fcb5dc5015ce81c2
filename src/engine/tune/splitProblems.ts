/** A seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Validation/test splits of the problems, one per seed. */
export interface Splits {
  /** Per seed: 1 where the problem is in the validation split. */
  validation: Uint8Array[];
  /** Problems in each validation split (the same for every seed). */
  validationSize: number;
  /** Problems in each test split. */
  testSize: number;
}

/**
 * Splits problems 0..count−1 once per seed: a seeded Fisher–Yates shuffle, the first
 * round(valFraction · count) problems go to validation, the rest to test (164 problems and
 * 0.3 give the paper's 49 / 115). Throws RangeError when either side would be empty.
 */
export function splitProblems(count: number, valFraction: number, seeds: number[]): Splits {
  const validationSize = Math.round(valFraction * count);
  if (validationSize < 1 || validationSize >= count) {
    throw new RangeError(`a validation fraction of ${valFraction} leaves an empty split of ${count} problems`);
  }
  const validation = seeds.map((seed) => {
    const random = seededRandom(seed);
    const order = Array.from({ length: count }, (_, i) => i);
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const mask = new Uint8Array(count);
    for (const problem of order.slice(0, validationSize)) mask[problem] = 1;
    return mask;
  });
  return { validation, validationSize, testSize: count - validationSize };
}
