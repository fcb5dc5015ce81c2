import type { FunctionKind, Param } from '../TaskKind';
import { small, smallArray, word } from './inputs';

const STR = { params: ['string'], returns: 'string' } as const;
const STRINGS = [['s'], ['str'], ['text'], ['word']];
const ARRAYS = [['arr'], ['nums'], ['values'], ['list']];
/** The bounds of a `[lo, hi]` parameterisation. */
const lo = (v: Param | undefined): number => (v as readonly [number, number])[0];
const hi = (v: Param | undefined): number => (v as readonly [number, number])[1];

/** Level 2: conditionals and simple string and array built-ins. */
export const CONDITIONALS: FunctionKind[] = [
  {
    type: 'function', id: 'clamp', level: 2,
    phrasings: [
      ({ p }) => `Clamps ${p[0]} to the range [${p[1]}, ${p[2]}].`,
      ({ p }) => `Returns ${p[0]} limited to be between ${p[1]} and ${p[2]}.`,
      ({ p }) => `Keeps ${p[0]} within ${p[1]} and ${p[2]}.`,
      ({ p }) => `Restricts ${p[0]} to the interval from ${p[1]} to ${p[2]}.`,
      ({ p }) => `Returns ${p[1]} if ${p[0]} is below ${p[1]}, ${p[2]} if it is above ${p[2]}, else ${p[0]}.`,
    ],
    names: ['clamp', 'limit', 'clampValue', 'bound', 'constrain'],
    params: [['x', 'lo', 'hi'], ['value', 'min', 'max'], ['n', 'low', 'high'], ['v', 'lower', 'upper']],
    types: { params: ['number', 'number', 'number'], returns: 'number' },
    inputs: (rng) => {
      const lo = rng.int(-5, 5);
      return [rng.int(-10, 20), lo, lo + rng.int(0, 10)];
    },
    body: ({ p }) => [`return Math.min(Math.max(${p[0]}, ${p[1]}), ${p[2]});`],
  },
  {
    type: 'function', id: 'clampTo', level: 2,
    phrasings: [
      ({ p, v }) => `Clamps ${p[0]} to [${lo(v)}, ${hi(v)}].`,
      ({ p, v }) => `Returns ${p[0]} kept between ${lo(v)} and ${hi(v)}.`,
      ({ p, v }) => `Limits ${p[0]} to at least ${lo(v)} and at most ${hi(v)}.`,
      ({ p, v }) => `Forces ${p[0]} into the range ${lo(v)} to ${hi(v)}.`,
      ({ p, v }) => `Returns ${p[0]} clamped to the interval [${lo(v)}, ${hi(v)}].`,
    ],
    names: ['clampRange', 'limitTo', 'clampTo', 'bounded', 'keepInRange'],
    values: [[0, 10], [0, 100], [1, 5], [-1, 1], [0, 1], [10, 20], [0, 255], [-5, 5], [1, 10]],
    heldValues: [[0, 50], [2, 8], [-10, 10]],
    params: [['x'], ['value'], ['n'], ['amount']],
    types: { params: ['number'], returns: 'number' },
    inputs: (rng, v) => {
      return [rng.int(lo(v) - 5, hi(v) + 5)];
    },
    body: ({ p, v }) => [`return Math.min(Math.max(${p[0]}, ${lo(v)}), ${hi(v)});`],
  },
  {
    type: 'function', id: 'sign', level: 2,
    phrasings: [
      ({ p }) => `Returns -1, 0 or 1 according to the sign of ${p[0]}.`,
      ({ p }) => `Returns the sign of ${p[0]}.`,
      ({ p }) => `Returns 1 if ${p[0]} is positive, -1 if it is negative, and 0 otherwise.`,
      ({ p }) => `Tells whether ${p[0]} is negative (-1), zero (0) or positive (1).`,
      ({ p }) => `Returns the signum of ${p[0]}.`,
    ],
    names: ['sign', 'signOf', 'getSign', 'sgn', 'signum'],
    params: [['x'], ['n'], ['value'], ['num']],
    types: { params: ['number'], returns: 'number' },
    inputs: (rng) => [rng.int(-9, 9)],
    body: ({ p }) => [`if (${p[0]} > 0) return 1;`, `if (${p[0]} < 0) return -1;`, 'return 0;'],
  },
  {
    type: 'function', id: 'capitalize', level: 2,
    phrasings: [
      ({ p }) => `Returns ${p[0]} with its first letter in upper case.`,
      ({ p }) => `Capitalizes the first letter of ${p[0]}.`,
      ({ p }) => `Makes the first character of ${p[0]} uppercase.`,
      ({ p }) => `Returns ${p[0]} capitalized.`,
      ({ p }) => `Upper-cases the first letter of the string ${p[0]}.`,
    ],
    names: ['capitalize', 'capitalise', 'upperFirst', 'capitalizeFirst', 'titleCase'],
    params: STRINGS, types: STR, inputs: (rng) => [word(rng)],
    body: ({ p }) => [`return ${p[0]}.charAt(0).toUpperCase() + ${p[0]}.slice(1);`],
  },
  {
    type: 'function', id: 'repeatTimes', level: 2,
    phrasings: [
      ({ p, v }) => `Returns ${p[0]} repeated ${v} times.`,
      ({ p, v }) => `Repeats the string ${p[0]} ${v} times.`,
      ({ p, v }) => `Concatenates ${v} copies of ${p[0]}.`,
      ({ p, v }) => `Returns ${v} copies of ${p[0]} joined together.`,
      ({ p, v }) => `Builds a string of ${p[0]} written ${v} times in a row.`,
    ],
    names: ['repeat{v}', 'repeatStr{v}', 'copies{v}', 'duplicate{v}', 'echo{v}'],
    values: [2, 3, 4, 5, 6, 10], heldValues: [8],
    params: STRINGS, types: STR, inputs: (rng) => [word(rng)],
    body: ({ p, v }) => [`return ${p[0]}.repeat(${v});`],
  },
  {
    type: 'function', id: 'firstElement', level: 2,
    phrasings: [
      ({ p }) => `Returns the first element of ${p[0]}.`,
      ({ p }) => `Returns the first item in ${p[0]}.`,
      ({ p }) => `Gets ${p[0]}[0].`,
      () => 'Returns the element at the start of the array.',
      ({ p }) => `Returns the head of the list ${p[0]}.`,
    ],
    names: ['first', 'head', 'firstElement', 'firstItem', 'front'],
    params: ARRAYS, types: { params: ['number[]'], returns: 'number' },
    inputs: (rng) => [smallArray(rng, true)],
    body: ({ p }) => [`return ${p[0]}[0];`],
  },
  {
    type: 'function', id: 'lastElement', level: 2,
    phrasings: [
      ({ p }) => `Returns the last element of ${p[0]}.`,
      ({ p }) => `Returns the last item in ${p[0]}.`,
      ({ p }) => `Gets the final element of ${p[0]}.`,
      () => 'Returns the element at the end of the array.',
      ({ p }) => `Returns ${p[0]}[${p[0]}.length - 1].`,
    ],
    names: ['last', 'lastElement', 'lastItem', 'finalItem', 'back'],
    params: ARRAYS, types: { params: ['number[]'], returns: 'number' },
    inputs: (rng) => [smallArray(rng, true)],
    body: ({ p }) => [`return ${p[0]}[${p[0]}.length - 1];`],
  },
  {
    type: 'function', id: 'shout', level: 2,
    phrasings: [
      ({ p }) => `Returns ${p[0]} in upper case followed by an exclamation mark.`,
      ({ p }) => `Shouts ${p[0]}: upper case plus '!'.`,
      ({ p }) => `Converts ${p[0]} to upper case and adds '!'.`,
      ({ p }) => `Returns the upper-case version of ${p[0]} with '!' at the end.`,
      ({ p }) => `Yells ${p[0]} by capitalizing every letter and appending an exclamation mark.`,
    ],
    names: ['shout', 'yell', 'exclaim', 'loud', 'scream'],
    params: STRINGS, types: STR, inputs: (rng) => [word(rng)],
    body: ({ p }) => [`return ${p[0]}.toUpperCase() + '!';`],
  },
  {
    type: 'function', id: 'maxOfThree', level: 2,
    phrasings: [
      ({ p }) => `Returns the largest of ${p[0]}, ${p[1]} and ${p[2]}.`,
      () => 'Returns the maximum of three numbers.',
      ({ p }) => `Finds the biggest of ${p[0]}, ${p[1]} and ${p[2]}.`,
      () => 'Returns the greatest of the three values.',
      ({ p }) => `Returns whichever of ${p[0]}, ${p[1]} and ${p[2]} is largest.`,
    ],
    names: ['maxOfThree', 'largestOfThree', 'max3', 'biggestOfThree', 'greatestOfThree'],
    params: [['a', 'b', 'c'], ['x', 'y', 'z'], ['p', 'q', 'r'], ['first', 'second', 'third']],
    types: { params: ['number', 'number', 'number'], returns: 'number' },
    inputs: (rng) => [small(rng), small(rng), small(rng)],
    body: ({ p }) => [`return Math.max(${p[0]}, ${p[1]}, ${p[2]});`],
  },
  {
    type: 'function', id: 'fizzBuzz', level: 2,
    phrasings: [
      ({ p }) => `Returns 'Fizz' if ${p[0]} is a multiple of 3, 'Buzz' if of 5, 'FizzBuzz' if of both, else ${p[0]} as a string.`,
      ({ p }) => `Returns the FizzBuzz word for ${p[0]}.`,
      ({ p }) => `Plays FizzBuzz: 'FizzBuzz' for multiples of 15, 'Fizz' of 3, 'Buzz' of 5, otherwise String(${p[0]}).`,
      ({ p }) => `Returns what a FizzBuzz player says for ${p[0]}.`,
      ({ p }) => `Converts ${p[0]} to 'Fizz', 'Buzz', 'FizzBuzz' or its digits, by divisibility by 3 and 5.`,
    ],
    names: ['fizzBuzz', 'fizzbuzz', 'fizz', 'fizzBuzzWord', 'playFizzBuzz'],
    params: [['n'], ['i'], ['num'], ['x']],
    types: { params: ['number'], returns: 'string' },
    inputs: (rng) => [rng.int(1, 45)],
    body: ({ p }) => [
      `if (${p[0]} % 15 === 0) return 'FizzBuzz';`,
      `if (${p[0]} % 3 === 0) return 'Fizz';`,
      `if (${p[0]} % 5 === 0) return 'Buzz';`,
      `return String(${p[0]});`,
    ],
  },
  {
    type: 'function', id: 'contains', level: 2,
    phrasings: [
      ({ p }) => `Returns true if ${p[0]} contains ${p[1]}.`,
      ({ p }) => `Checks whether ${p[1]} is in ${p[0]}.`,
      ({ p }) => `Returns whether the array ${p[0]} includes ${p[1]}.`,
      ({ p }) => `Tells if ${p[1]} occurs in ${p[0]}.`,
      ({ p }) => `Returns true when ${p[1]} is an element of ${p[0]}.`,
    ],
    names: ['contains', 'includes', 'has', 'hasElement', 'isMember'],
    params: [['arr', 'x'], ['list', 'value'], ['nums', 'target'], ['values', 'item']],
    types: { params: ['number[]', 'number'], returns: 'boolean' },
    inputs: (rng) => [smallArray(rng), rng.int(0, 10)],
    body: ({ p }) => [`return ${p[0]}.includes(${p[1]});`],
  },
  {
    type: 'function', id: 'isLeapYear', level: 2,
    phrasings: [
      ({ p }) => `Returns true if ${p[0]} is a leap year.`,
      ({ p }) => `Checks whether the year ${p[0]} is a leap year.`,
      ({ p }) => `Returns whether ${p[0]} has a February 29th.`,
      ({ p }) => `Tells if ${p[0]} is divisible by 4 but not by 100, or by 400.`,
      ({ p }) => `Returns true when the Gregorian year ${p[0]} has 366 days.`,
    ],
    names: ['isLeapYear', 'leapYear', 'isLeap', 'checkLeapYear', 'hasLeapDay'],
    params: [['year'], ['y'], ['yr'], ['n']],
    types: { params: ['number'], returns: 'boolean' },
    inputs: (rng) => [rng.pick([1900, 2000, 2004, 2023, 2024, 1996, 2100, 1600, 2019, 2020, 1800, 2400])],
    body: ({ p }) => [`return (${p[0]} % 4 === 0 && ${p[0]} % 100 !== 0) || ${p[0]} % 400 === 0;`],
  },
  {
    type: 'function', id: 'reverseString', level: 2,
    phrasings: [
      ({ p }) => `Returns ${p[0]} reversed.`,
      ({ p }) => `Reverses the string ${p[0]}.`,
      ({ p }) => `Returns the characters of ${p[0]} in reverse order.`,
      ({ p }) => `Returns ${p[0]} written backwards.`,
      ({ p }) => `Flips ${p[0]} so that its last character comes first.`,
    ],
    names: ['reverse', 'reverseString', 'reversed', 'backwards', 'flip'],
    params: STRINGS, types: STR, inputs: (rng) => [word(rng)],
    body: ({ p }) => [`return ${p[0]}.split('').reverse().join('');`],
  },
  {
    type: 'function', id: 'isPalindrome', level: 2,
    phrasings: [
      ({ p }) => `Returns true if ${p[0]} is a palindrome.`,
      ({ p }) => `Checks whether ${p[0]} reads the same backwards.`,
      ({ p }) => `Returns whether ${p[0]} equals its reverse.`,
      ({ p }) => `Tells if the string ${p[0]} is a palindrome.`,
      ({ p }) => `Returns true when ${p[0]} is the same forwards and backwards.`,
    ],
    names: ['isPalindrome', 'palindrome', 'readsSameBackwards', 'checkPalindrome', 'isMirror'],
    params: STRINGS, types: { params: ['string'], returns: 'boolean' }, inputs: (rng) => [word(rng)],
    body: ({ p }) => [`return ${p[0]} === ${p[0]}.split('').reverse().join('');`],
  },
];
