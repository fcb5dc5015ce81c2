const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** How many more `close` than `open` brackets the text has (its unmatched closers). */
function excessClosers(text: string, close: string): number {
  let excess = 0;
  for (const ch of text) {
    if (ch === close) excess++;
    else if (ch === PAIRS[close]) excess--;
  }
  return excess;
}

/** True when every bracket in `tail` closes something opened before the completion. */
function closesOutside(completion: string, tail: string): boolean {
  return Object.keys(PAIRS).every((close) => {
    const inTail = [...tail].filter((ch) => ch === close).length;
    return inTail === 0 || excessClosers(completion, close) >= inTail;
  });
}

/**
 * Removes from the end of a completion the closing brackets and punctuation that the document
 * already has right after the cursor, so that accepting it never duplicates `)`, `}` or `;`
 * (the editor's auto-closing inserted them before the model answered). Brackets are only
 * removed when the completion closes more than it opens, so `foo()` before a `)` stays intact.
 */
export function trimSuffixOverlap(completion: string, suffix: string): string {
  const lineRest = suffix.split('\n', 1)[0].trim();
  if (!lineRest) return completion;
  const trimmed = completion.trimEnd();
  for (let n = Math.min(lineRest.length, trimmed.length); n > 0; n--) {
    const tail = lineRest.slice(0, n);
    if (/^[)\]};,'"`\s]+$/.test(tail) && trimmed.endsWith(tail) && closesOutside(trimmed, tail)) {
      return trimmed.slice(0, -n);
    }
  }
  return completion;
}
