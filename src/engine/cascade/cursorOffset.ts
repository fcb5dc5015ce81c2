import { CascadeError } from '../errors';

/**
 * Converts a 1-based line and optional 1-based column (default: end of line) to a string
 * offset into `text`. Throws CascadeError when the position is outside the text.
 */
export function cursorOffset(text: string, line: number, column?: number): number {
  const lines = text.split('\n');
  if (!Number.isInteger(line) || line < 1 || line > lines.length) {
    throw new CascadeError(`Line ${line} is outside the file (it has ${lines.length} lines).`);
  }
  const lineText = lines[line - 1].replace(/\r$/, '');
  const col = column ?? lineText.length + 1;
  if (!Number.isInteger(col) || col < 1 || col > lineText.length + 1) {
    throw new CascadeError(`Column ${col} is outside line ${line} (it has ${lineText.length} characters).`);
  }
  const lineStart = lines.slice(0, line - 1).reduce((offset, l) => offset + l.length + 1, 0);
  return lineStart + col - 1;
}
