import { readFileSync } from 'node:fs';
import { DataFormatError } from '../errors';

/** Reads a dataset or run file as text; an unreadable file is a DataFormatError naming it. */
function readDataFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataFormatError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * Reads a JSON Lines file: each non-blank line parsed, with `file:line` to name it in errors.
 * Throws DataFormatError for an unreadable file or a line that is not JSON.
 * @param dropUnfinishedLast ignore a last line without its newline (a writer killed mid-line).
 */
export function readJsonLines(file: string, dropUnfinishedLast = false): { value: unknown; where: string }[] {
  const text = readDataFile(file);
  const lines = text.split('\n');
  if (dropUnfinishedLast && !text.endsWith('\n')) lines.pop();
  return lines.flatMap((line, index) => {
    if (line.trim() === '') return [];
    const where = `${file}:${index + 1}`;
    try {
      return [{ value: JSON.parse(line) as unknown, where }];
    } catch {
      throw new DataFormatError(`${where}: invalid JSON`);
    }
  });
}
