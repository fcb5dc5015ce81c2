import type { TierTrace } from '../cascade/CascadeResult';

/**
 * The most verified answer among finished tiers, for when the latency budget runs out before
 * the cascade ends: the chosen candidate with the highest dual-agreement score (a later tier
 * wins ties: larger models are better). Undefined when no candidate passed any assert.
 */
export function bestSoFar(traces: readonly TierTrace[]): { completion: string; tier: number; score: number } | undefined {
  let best: { completion: string; tier: number; score: number } | undefined;
  for (const t of traces) {
    if (t.chosen < 0 || t.score <= 0) continue;
    if (!best || t.score >= best.score) best = { completion: t.candidates[t.chosen].completion, tier: t.tier, score: t.score };
  }
  return best;
}
