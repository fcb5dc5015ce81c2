/**
 * The Pareto-optimal points of (cost, accuracy): no other point is at most as costly and
 * more accurate, or cheaper and at least as accurate. Returned as indexes sorted by cost
 * (accuracy then rises strictly); among identical points the one with the highest
 * `preference` is kept (then the lowest index).
 * @param preference a tie-breaker per point, e.g. the configuration's thresholds: the paper
 *   found θ of 0.9–1.0 best, so equal scores go to the stricter configuration. Default: none.
 */
export function paretoFront(cost: ArrayLike<number>, accuracy: ArrayLike<number>, preference?: ArrayLike<number>): number[] {
  const prefer = (i: number) => preference?.[i] ?? 0;
  const order = Array.from({ length: cost.length }, (_, i) => i).sort(
    (a, b) => cost[a] - cost[b] || accuracy[b] - accuracy[a] || prefer(b) - prefer(a) || a - b,
  );
  const front: number[] = [];
  let best = -Infinity;
  for (const i of order) {
    if (accuracy[i] > best + 1e-12) {
      front.push(i);
      best = accuracy[i];
    }
  }
  return front;
}

/** How to pick one configuration from the front. */
export interface PickRule {
  /** Most accurate configuration whose cost is at most this. */
  budget?: number;
  /** Cheapest configuration at least this accurate (a fraction in [0, 1]). */
  minAccuracy?: number;
}

/**
 * Picks from a front (as paretoFront returns it): the most accurate within the budget, the
 * cheapest reaching the accuracy floor, or — with neither — the most accurate of all.
 * Both rules together: the cheapest within the budget that reaches the floor.
 * Returns undefined when nothing qualifies.
 */
export function pickFromFront(front: number[], cost: ArrayLike<number>, accuracy: ArrayLike<number>, rule: PickRule): number | undefined {
  const affordable = front.filter((i) => rule.budget === undefined || cost[i] <= rule.budget);
  if (rule.minAccuracy === undefined) return affordable.at(-1);
  return affordable.find((i) => accuracy[i] >= rule.minAccuracy! - 1e-12);
}
