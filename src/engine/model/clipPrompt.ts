/** Prefix and suffix after clipping. */
export interface ClippedPrompt<T> {
  prefix: T[];
  suffix: T[];
}

/**
 * Clips prompt tokens so that prefix and suffix together hold at most `budget` tokens. The end
 * of the prefix (next to the cursor) matters most, so the prefix loses tokens from its start and
 * the suffix from its end. When both must shrink, the suffix keeps up to `suffixShare` of the
 * budget and the prefix gets the rest.
 * @param budget tokens available to the prompt (negative counts as 0)
 * @param suffixShare fraction of the budget reserved for the suffix when both are long; default 0.25
 */
export function clipPrompt<T>(
  prefix: readonly T[],
  suffix: readonly T[],
  budget: number,
  suffixShare = 0.25,
): ClippedPrompt<T> {
  const room = Math.max(0, Math.floor(budget));
  const suffixKeep = Math.min(suffix.length, Math.max(room - prefix.length, Math.floor(room * suffixShare)));
  const prefixKeep = Math.min(prefix.length, room - suffixKeep);
  return { prefix: prefix.slice(prefix.length - prefixKeep), suffix: suffix.slice(0, suffixKeep) };
}
