import type { Rng } from '../TaskKind';

/** Words the string kinds draw from: palindromes, vowels, repeated letters, an empty string. */
export const WORDS = [
  'cat', 'dog', 'level', 'hello', 'noon', 'apple', 'code', 'radar', 'banana', 'kayak', 'test', 'moon',
  'a', '', 'tree', 'sun', 'racecar', 'java', 'script', 'node', 'aeiou', 'sky', 'book', 'stats',
  'pop', 'civic', 'letter', 'seven', 'rotor', 'table', 'zoo', 'madam', 'mississippi', 'lemon',
];

/**
 * A small integer, mostly one digit: toy models write the expected values of their own asserts
 * digit by digit (their tokenizer has single-digit number tokens), so the arithmetic stays small.
 */
export const small = (rng: Rng): number => (rng.chance(0.85) ? rng.int(0, 9) : rng.int(-9, 15));

export const word = (rng: Rng, nonEmpty = false): string => {
  const w = rng.pick(WORDS);
  return nonEmpty && w === '' ? 'hi' : w;
};

/** An array of small integers, 0–5 long (1–5 with `nonEmpty`). */
export const smallArray = (rng: Rng, nonEmpty = false): number[] =>
  Array.from({ length: rng.int(nonEmpty ? 1 : 0, 5) }, () => small(rng));
