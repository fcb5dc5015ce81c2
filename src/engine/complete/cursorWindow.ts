/** The part of a document the engine works on, and the cursor within it. */
export interface CursorWindow {
  text: string;
  cursor: number;
  /** Where `text` starts in the document. */
  offset: number;
}

/**
 * Cuts a large document down to the lines around the cursor: tree-sitter parses synchronously
 * on the editor's thread (100–400 ms for a 10,000-line file), while the model only ever sees a
 * few thousand tokens next to the cursor. The window starts and ends on line boundaries so the
 * function being written stays whole unless it is longer than `before` characters.
 * Small documents are returned as they are.
 * @param before characters kept before the cursor. Default 32,000.
 * @param after characters kept after the cursor. Default 8,000.
 */
export function cursorWindow(text: string, cursor: number, before = 32_000, after = 8_000): CursorWindow {
  if (text.length <= before + after) return { text, cursor, offset: 0 };
  const from = cursor <= before ? 0 : text.indexOf('\n', cursor - before) + 1 || cursor - before;
  const lineEnd = text.lastIndexOf('\n', cursor + after);
  const to = cursor + after >= text.length ? text.length : lineEnd > cursor ? lineEnd : cursor + after;
  return { text: text.slice(from, to), cursor: cursor - from, offset: from };
}
