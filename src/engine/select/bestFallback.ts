import type { TierTrace } from '../cascade/CascadeResult';

/** The answer a cascade falls back to when no tier accepted. */
export interface Fallback {
  tier: number;
  /** Index of the candidate in that tier's trace. */
  candidate: number;
  completion: string;
  /** The tier's dual-agreement score over its maximum k·|T|, in [0, 1] (0 without tests). */
  normalised: number;
}

/**
 * The best complete function among the tiers that ran: each tier offers its chosen
 * candidate (or, if that one does not parse, its first candidate that does), scored by the
 * tier's normalised score — raw scores grow with k·|T|, so they cannot be compared across
 * tiers. Ties go to the later tier (larger models are better). Undefined when no tier
 * produced a candidate that parses: code that does not parse is never an answer.
 */
export function bestFallback(traces: readonly TierTrace[]): Fallback | undefined {
  let best: Fallback | undefined;
  for (const t of traces) {
    const chosen = t.candidates[t.chosen]?.usable ? t.chosen : t.candidates.findIndex((c) => c.usable);
    if (chosen < 0) continue;
    const max = t.candidates.length * t.asserts.length;
    const normalised = chosen === t.chosen && max > 0 ? t.score / max : 0;
    if (!best || normalised >= best.normalised) best = { tier: t.tier, candidate: chosen, completion: t.candidates[chosen].completion, normalised };
  }
  return best;
}
