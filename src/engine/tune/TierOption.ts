/**
 * One tier's setting in the grid search: k candidates and k test samples, the first t
 * asserts of each, acceptance threshold θ. k = 0 means one greedy answer without tests.
 */
export interface TierOption {
  k: number;
  t: number;
  threshold: number;
}

/** The values the grid search tries (the paper's grid by default). */
export interface TuneGrid {
  /** Default [0, 1, 3, 5, 10]. */
  k: number[];
  /** Default [0, 2, 4]. */
  t: number[];
  /** Default [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0]. */
  theta: number[];
}

export const DEFAULT_GRID: TuneGrid = {
  k: [0, 1, 3, 5, 10],
  t: [0, 2, 4],
  theta: [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0],
};

/**
 * Every option of one tier allowed by the algorithm's constraints: k > 0 ⇔ t > 0, so k = 0
 * is the single option (0, 0) (θ is meaningless without tests and recorded as 1.0), and each
 * k > 0 pairs with every t > 0 and every θ. Where the option may stand in a cascade (k = 0
 * only last, k = 1 never last) is the search's business: see canEnd / canContinue.
 */
export function tierOptions(grid: TuneGrid): TierOption[] {
  const ks = [...new Set(grid.k)].sort((a, b) => a - b);
  const ts = [...new Set(grid.t)].filter((t) => t > 0).sort((a, b) => a - b);
  const thetas = [...new Set(grid.theta)].sort((a, b) => a - b);
  return ks.flatMap((k) => (k === 0 ? [{ k: 0, t: 0, threshold: 1 }] : ts.flatMap((t) => thetas.map((threshold) => ({ k, t, threshold })))));
}

/** Whether a tier with this option may be the last tier used (k = 1 never is). */
export const canEnd = (option: TierOption): boolean => option.k !== 1;

/** Whether another tier may follow this option (nothing follows k = 0). */
export const canContinue = (option: TierOption): boolean => option.k !== 0;
