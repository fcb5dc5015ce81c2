/** A document and the cursor inside its unfinished function. */
export interface LargeSource {
  text: string;
  cursor: number;
}

const UNFINISHED = '/** Clamps x into [lo, hi]. */\nfunction clamp(x, lo, hi) {\n  ';

/** `count` lines of small, complete JavaScript functions (five lines each, the last blank). */
function completeFunctions(count: number, from: number): string {
  const lines: string[] = [];
  for (let i = from; lines.length < count; i++) {
    lines.push(`function helper${i}(a, b) {`, `  const sum = a + b * ${i};`, '  return sum > 0 ? sum : -sum;', '}', '');
  }
  return lines.slice(0, count).join('\n');
}

/**
 * A `lines`-line JavaScript file of small functions with an unfinished `clamp` in the middle:
 * its body is still to be written and the rest of the file follows it.
 */
export function manyLines(lines: number): LargeSource {
  const half = Math.floor(lines / 2);
  const before = `${completeFunctions(half, 0)}\n${UNFINISHED}`;
  return { text: `${before}\n\n${completeFunctions(lines - half - 3, half)}\n`, cursor: before.length };
}

/** A file with a line of at least `chars` characters of data before and after an unfinished `clamp`. */
export function longLine(chars: number): LargeSource {
  const data = (name: string) => `const ${name} = [${'1234567, '.repeat(Math.ceil(chars / 9))}];`;
  const before = `${data('before')}\n\n${UNFINISHED}`;
  return { text: `${before}\n\n${data('after')}\n`, cursor: before.length };
}
