import type { FunctionKind } from '../TaskKind';
import { smallArray, word } from './inputs';

const ARRAYS = [['arr'], ['nums'], ['values'], ['list']];
const STRINGS = [['s'], ['str'], ['text'], ['word']];
const REDUCE = { params: ['number[]'], returns: 'number' } as const;

/** Level 3: loops over arrays, strings and ranges, and array methods with a callback. */
export const LOOPS: FunctionKind[] = [
  {
    type: 'function', id: 'sumArray', level: 3,
    phrasings: [
      ({ p }) => `Returns the sum of the numbers in ${p[0]}.`,
      ({ p }) => `Adds up all elements of ${p[0]}.`,
      ({ p }) => `Returns the total of ${p[0]}.`,
      ({ p }) => `Sums the array ${p[0]}.`,
      ({ p }) => `Computes the sum of every number in the list ${p[0]}.`,
    ],
    names: ['sumArray', 'sumOfArray', 'sumAll', 'arraySum', 'sumList'],
    params: ARRAYS, types: REDUCE, inputs: (rng) => [smallArray(rng)],
    body: ({ p }) => ['let total = 0;', `for (const x of ${p[0]}) {`, '  total += x;', '}', 'return total;'],
  },
  {
    type: 'function', id: 'largestElement', level: 3,
    phrasings: [
      ({ p }) => `Returns the largest element of ${p[0]}.`,
      ({ p }) => `Finds the maximum value in ${p[0]}.`,
      ({ p }) => `Returns the biggest number in ${p[0]}.`,
      () => 'Returns the greatest element of a non-empty array.',
      ({ p }) => `Scans ${p[0]} and returns its highest value.`,
    ],
    names: ['largest', 'maxElement', 'findMax', 'maxOfArray', 'biggestElement'],
    params: ARRAYS, types: REDUCE, inputs: (rng) => [smallArray(rng, true)],
    body: ({ p }) => [`let best = ${p[0]}[0];`, `for (const x of ${p[0]}) {`, '  if (x > best) best = x;', '}', 'return best;'],
  },
  {
    type: 'function', id: 'smallestElement', level: 3,
    phrasings: [
      ({ p }) => `Returns the smallest element of ${p[0]}.`,
      ({ p }) => `Finds the minimum value in ${p[0]}.`,
      ({ p }) => `Returns the lowest number in ${p[0]}.`,
      () => 'Returns the least element of a non-empty array.',
      ({ p }) => `Scans ${p[0]} and returns its smallest value.`,
    ],
    names: ['smallestElement', 'minElement', 'findMin', 'minOfArray', 'tiniest'],
    params: ARRAYS, types: REDUCE, inputs: (rng) => [smallArray(rng, true)],
    body: ({ p }) => [`let best = ${p[0]}[0];`, `for (const x of ${p[0]}) {`, '  if (x < best) best = x;', '}', 'return best;'],
  },
  {
    type: 'function', id: 'countOccurrences', level: 3,
    phrasings: [
      ({ p }) => `Counts how many times ${p[1]} occurs in ${p[0]}.`,
      ({ p }) => `Returns the number of occurrences of ${p[1]} in ${p[0]}.`,
      ({ p }) => `Returns how often ${p[1]} appears in the array ${p[0]}.`,
      ({ p }) => `Counts the elements of ${p[0]} equal to ${p[1]}.`,
      ({ p }) => `Returns the count of ${p[1]} within ${p[0]}.`,
    ],
    names: ['countOccurrences', 'countOf', 'occurrences', 'howMany', 'frequency'],
    params: [['arr', 'x'], ['list', 'value'], ['nums', 'target'], ['items', 'needle']],
    types: { params: ['number[]', 'number'], returns: 'number' },
    inputs: (rng) => [smallArray(rng).map((x) => Math.abs(x) % 4), rng.int(0, 3)],
    body: ({ p }) => ['let count = 0;', `for (const el of ${p[0]}) {`, `  if (el === ${p[1]}) count++;`, '}', 'return count;'],
  },
  {
    type: 'function', id: 'countVowels', level: 3,
    phrasings: [
      ({ p }) => `Counts the vowels in ${p[0]}.`,
      ({ p }) => `Returns the number of vowels (a, e, i, o, u) in ${p[0]}.`,
      ({ p }) => `Returns how many vowels ${p[0]} contains.`,
      ({ p }) => `Counts the letters of ${p[0]} that are vowels.`,
      ({ p }) => `Returns the vowel count of the string ${p[0]}.`,
    ],
    names: ['countVowels', 'vowelCount', 'numVowels', 'vowels', 'countAeiou'],
    params: STRINGS, types: { params: ['string'], returns: 'number' }, inputs: (rng) => [word(rng)],
    body: ({ p }) => ['let count = 0;', `for (const ch of ${p[0]}) {`, "  if ('aeiou'.includes(ch)) count++;", '}', 'return count;'],
  },
  {
    type: 'function', id: 'removeDuplicates', level: 3,
    phrasings: [
      ({ p }) => `Returns ${p[0]} without duplicates, in order of first appearance.`,
      ({ p }) => `Removes duplicate values from ${p[0]}.`,
      ({ p }) => `Returns the distinct elements of ${p[0]}.`,
      ({ p }) => `Keeps the first occurrence of each value in ${p[0]}.`,
      ({ p }) => `Returns a copy of ${p[0]} where every value appears only once.`,
    ],
    names: ['removeDuplicates', 'unique', 'dedupe', 'distinct', 'uniqueValues'],
    params: ARRAYS, types: { params: ['number[]'], returns: 'number[]' },
    inputs: (rng) => [smallArray(rng).map((x) => Math.abs(x) % 4)],
    body: ({ p, ts }) => [
      ts ? 'const result: number[] = [];' : 'const result = [];',
      `for (const x of ${p[0]}) {`,
      '  if (!result.includes(x)) result.push(x);',
      '}',
      'return result;',
    ],
  },
  {
    type: 'function', id: 'sumTo', level: 3,
    phrasings: [
      ({ p }) => `Returns the sum of the integers from 1 to ${p[0]}.`,
      ({ p }) => `Adds up 1 + 2 + ... + ${p[0]}.`,
      ({ p }) => `Returns the ${p[0]}th triangular number.`,
      ({ p }) => `Sums all whole numbers up to ${p[0]}.`,
      ({ p }) => `Computes the total of every integer between 1 and ${p[0]} inclusive.`,
    ],
    names: ['sumTo', 'sumUpTo', 'triangular', 'sumRange', 'sumFirstN'],
    params: [['n'], ['limit'], ['k'], ['upTo']],
    types: { params: ['number'], returns: 'number' }, inputs: (rng) => [rng.int(0, 12)],
    body: ({ p }) => ['let total = 0;', `for (let i = 1; i <= ${p[0]}; i++) {`, '  total += i;', '}', 'return total;'],
  },
  {
    type: 'function', id: 'countPositives', level: 3,
    phrasings: [
      ({ p }) => `Counts the positive numbers in ${p[0]}.`,
      ({ p }) => `Returns how many elements of ${p[0]} are greater than zero.`,
      ({ p }) => `Returns the number of positive values in ${p[0]}.`,
      ({ p }) => `Counts the elements of ${p[0]} above 0.`,
      ({ p }) => `Returns the count of strictly positive entries of ${p[0]}.`,
    ],
    names: ['countPositives', 'positives', 'numPositive', 'countAboveZero', 'howManyPositive'],
    params: ARRAYS, types: REDUCE, inputs: (rng) => [smallArray(rng).map((x) => x - 4)],
    body: ({ p }) => [`return ${p[0]}.filter((x) => x > 0).length;`],
  },
  {
    type: 'function', id: 'productOfArray', level: 3,
    phrasings: [
      ({ p }) => `Returns the product of the numbers in ${p[0]}.`,
      ({ p }) => `Multiplies together all elements of ${p[0]}.`,
      ({ p }) => `Returns the product of ${p[0]}, 1 for an empty array.`,
      ({ p }) => `Computes ${p[0]}[0] * ${p[0]}[1] * ... for the whole array.`,
      ({ p }) => `Returns every number of ${p[0]} multiplied together.`,
    ],
    names: ['productOfArray', 'multiplyAll', 'arrayProduct', 'productAll', 'productList'],
    params: ARRAYS, types: REDUCE, inputs: (rng) => [smallArray(rng).map((x) => (x % 5) + 1)],
    body: ({ p }) => ['let product = 1;', `for (const x of ${p[0]}) {`, '  product *= x;', '}', 'return product;'],
  },
  {
    type: 'function', id: 'scaleAll', level: 3,
    phrasings: [
      ({ p, v }) => `Returns ${p[0]} with every element multiplied by ${v}.`,
      ({ p, v }) => `Multiplies each number in ${p[0]} by ${v}.`,
      ({ p, v }) => `Returns a new array of the elements of ${p[0]} times ${v}.`,
      ({ p, v }) => `Scales every value of ${p[0]} by ${v}.`,
      ({ p, v }) => `Maps each element x of ${p[0]} to x * ${v}.`,
    ],
    names: ['timesAll{v}', 'scaleAll{v}', 'mapTimes{v}', 'multiplyEach{v}', 'scaleEach{v}'],
    values: [2, 3, 4, 5, 10], heldValues: [6],
    params: ARRAYS, types: { params: ['number[]'], returns: 'number[]' }, inputs: (rng) => [smallArray(rng)],
    body: ({ p, v }) => [`return ${p[0]}.map((x) => x * ${v});`],
  },
  {
    type: 'function', id: 'filterEvens', level: 3,
    phrasings: [
      ({ p }) => `Returns the even numbers of ${p[0]}.`,
      ({ p }) => `Keeps only the even elements of ${p[0]}.`,
      ({ p }) => `Returns a new array with the even values in ${p[0]}.`,
      ({ p }) => `Filters ${p[0]} down to its even numbers.`,
      ({ p }) => `Drops the odd numbers from ${p[0]} and returns the rest.`,
    ],
    names: ['filterEvens', 'evens', 'onlyEven', 'keepEven', 'evenNumbers'],
    params: ARRAYS, types: { params: ['number[]'], returns: 'number[]' }, inputs: (rng) => [smallArray(rng)],
    body: ({ p }) => [`return ${p[0]}.filter((x) => x % 2 === 0);`],
  },
  {
    type: 'function', id: 'countChar', level: 3,
    phrasings: [
      ({ p, v }) => `Counts how many times '${v}' occurs in ${p[0]}.`,
      ({ p, v }) => `Returns the number of '${v}' characters in ${p[0]}.`,
      ({ p, v }) => `Returns how often the letter '${v}' appears in ${p[0]}.`,
      ({ p, v }) => `Counts the '${v}'s in the string ${p[0]}.`,
      ({ p, v }) => `Returns the count of '${v}' within ${p[0]}.`,
    ],
    names: ['count{V}', 'count{V}s', 'num{V}', 'occurrencesOf{V}', 'tally{V}'],
    values: ['a', 'e', 's', 't', 'o', 'l', 'n', 'r'], heldValues: ['i', 'p'],
    params: STRINGS, types: { params: ['string'], returns: 'number' }, inputs: (rng) => [word(rng)],
    body: ({ p, v }) => ['let count = 0;', `for (const ch of ${p[0]}) {`, `  if (ch === '${v}') count++;`, '}', 'return count;'],
  },
];
