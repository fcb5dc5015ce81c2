import { readFileSync } from 'node:fs';
import { DataFormatError } from '../errors';

/** Reads a dataset or run file as text; an unreadable file is a DataFormatError naming it. */
export function readDataFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataFormatError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
