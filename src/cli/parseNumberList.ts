import { CascadeError } from '../engine/errors';

/**
 * Parses a comma-separated list of numbers given to flag `--name` (e.g. `0,1,3`). Throws
 * CascadeError naming the flag for an empty list or an item that is not a finite number or
 * fails `valid` (described by `what`, e.g. "an integer ≥ 0").
 */
export function parseNumberList(name: string, raw: string, valid: (n: number) => boolean, what: string): number[] {
  const items = raw.split(',').map((item) => item.trim());
  const numbers = items.map(Number);
  const bad = items.findIndex((item, i) => item === '' || !Number.isFinite(numbers[i]) || !valid(numbers[i]));
  if (bad >= 0) throw new CascadeError(`--${name} needs a comma-separated list of ${what}, got "${raw}"`);
  return numbers;
}
