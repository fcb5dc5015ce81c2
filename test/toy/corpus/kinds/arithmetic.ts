import type { FunctionKind } from '../TaskKind';
import { small } from './inputs';

const NUM2 = { params: ['number', 'number'], returns: 'number' } as const;
const NUM1 = { params: ['number'], returns: 'number' } as const;
const PRED1 = { params: ['number'], returns: 'boolean' } as const;
const PAIRS = [['a', 'b'], ['x', 'y'], ['m', 'n'], ['first', 'second']];
const ONE = [['x'], ['n'], ['value'], ['num']];
const two = (rng: import('../TaskKind').Rng) => [small(rng), small(rng)];
const one = (rng: import('../TaskKind').Rng) => [small(rng)];

/** Level 1: one expression of arithmetic or a comparison. */
export const ARITHMETIC: FunctionKind[] = [
  {
    type: 'function', id: 'sum', level: 1,
    phrasings: [
      ({ p }) => `Returns the sum of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Adds ${p[0]} and ${p[1]}.`,
      () => 'Adds two numbers.',
      ({ p }) => `Computes ${p[0]} + ${p[1]}.`,
      ({ p }) => `Returns ${p[0]} plus ${p[1]}.`,
    ],
    names: ['add', 'sum', 'addNumbers', 'sumOfTwo', 'plus'],
    params: PAIRS, types: NUM2, inputs: two,
    body: ({ p }) => [`return ${p[0]} + ${p[1]};`],
  },
  {
    type: 'function', id: 'difference', level: 1,
    phrasings: [
      ({ p }) => `Returns the difference of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Subtracts ${p[1]} from ${p[0]}.`,
      ({ p }) => `Returns ${p[0]} minus ${p[1]}.`,
      ({ p }) => `Computes ${p[0]} - ${p[1]}.`,
      ({ p }) => `Returns what is left when ${p[1]} is taken away from ${p[0]}.`,
    ],
    names: ['subtract', 'difference', 'minus', 'sub', 'takeAway'],
    params: PAIRS, types: NUM2, inputs: two,
    body: ({ p }) => [`return ${p[0]} - ${p[1]};`],
  },
  {
    type: 'function', id: 'product', level: 1,
    phrasings: [
      ({ p }) => `Returns the product of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Multiplies ${p[0]} and ${p[1]}.`,
      ({ p }) => `Returns ${p[0]} times ${p[1]}.`,
      ({ p }) => `Computes ${p[0]} * ${p[1]}.`,
      () => 'Returns the result of multiplying two numbers.',
    ],
    names: ['multiply', 'product', 'times', 'mul', 'multiplyNumbers'],
    params: PAIRS, types: NUM2, inputs: (rng) => [rng.int(0, 10), rng.int(0, 10)],
    body: ({ p }) => [`return ${p[0]} * ${p[1]};`],
  },
  {
    type: 'function', id: 'square', level: 1,
    phrasings: [
      ({ p }) => `Returns the square of ${p[0]}.`,
      ({ p }) => `Squares ${p[0]}.`,
      ({ p }) => `Returns ${p[0]} times ${p[0]}.`,
      ({ p }) => `Returns ${p[0]} squared.`,
      ({ p }) => `Computes ${p[0]} to the power of two.`,
    ],
    names: ['square', 'squared', 'sqr', 'squareOf', 'toSquare'],
    params: ONE, types: NUM1, inputs: one,
    body: ({ p }) => [`return ${p[0]} * ${p[0]};`],
  },
  {
    type: 'function', id: 'cube', level: 1,
    phrasings: [
      ({ p }) => `Returns the cube of ${p[0]}.`,
      ({ p }) => `Cubes ${p[0]}.`,
      ({ p }) => `Returns ${p[0]} times ${p[0]} times ${p[0]}.`,
      ({ p }) => `Returns ${p[0]} cubed.`,
      ({ p }) => `Computes ${p[0]} to the power of three.`,
    ],
    names: ['cube', 'cubed', 'cubeOf', 'toCube', 'thirdPower'],
    params: ONE, types: NUM1, inputs: (rng) => [rng.int(-4, 6)],
    body: ({ p }) => [`return ${p[0]} * ${p[0]} * ${p[0]};`],
  },
  {
    type: 'function', id: 'multiplyBy', level: 1,
    phrasings: [
      ({ p, v }) => `Returns ${p[0]} multiplied by ${v}.`,
      ({ p, v }) => `Multiplies ${p[0]} by ${v}.`,
      ({ p, v }) => `Returns ${v} times ${p[0]}.`,
      ({ p, v }) => `Scales ${p[0]} by a factor of ${v}.`,
      ({ p, v }) => `Returns the product of ${p[0]} and ${v}.`,
    ],
    names: ['times{v}', 'multiplyBy{v}', 'scaleBy{v}', 'mul{v}', 'multipliedBy{v}'],
    values: [2, 3, 4, 5, 6, 8, 9, 10, 12, 20, 100], heldValues: [7, 11],
    params: ONE, types: NUM1, inputs: one,
    body: ({ p, v }) => [`return ${p[0]} * ${v};`],
  },
  {
    type: 'function', id: 'addConstant', level: 1,
    phrasings: [
      ({ p, v }) => `Adds ${v} to ${p[0]}.`,
      ({ p, v }) => `Returns ${p[0]} increased by ${v}.`,
      ({ p, v }) => `Returns ${p[0]} + ${v}.`,
      ({ p, v }) => `Increments ${p[0]} by ${v}.`,
      ({ p, v }) => `Returns the value of ${p[0]} after adding ${v} to it.`,
    ],
    names: ['add{v}', 'plus{v}', 'increaseBy{v}', 'addConst{v}', 'incrementBy{v}'],
    values: [1, 2, 3, 4, 5, 6, 8, 9, 10, 20, 100], heldValues: [7, 12],
    params: ONE, types: NUM1, inputs: one,
    body: ({ p, v }) => [`return ${p[0]} + ${v};`],
  },
  {
    type: 'function', id: 'isEven', level: 1,
    phrasings: [
      ({ p }) => `Returns true if ${p[0]} is even.`,
      ({ p }) => `Checks whether ${p[0]} is even.`,
      ({ p }) => `Returns whether ${p[0]} is an even number.`,
      ({ p }) => `Tells if ${p[0]} is divisible by 2.`,
      ({ p }) => `Returns true when ${p[0]} is even, false otherwise.`,
    ],
    names: ['isEven', 'even', 'checkEven', 'isEvenNumber', 'evenCheck'],
    params: ONE, types: PRED1, inputs: one,
    body: ({ p }) => [`return ${p[0]} % 2 === 0;`],
  },
  {
    type: 'function', id: 'isOdd', level: 1,
    phrasings: [
      ({ p }) => `Returns true if ${p[0]} is odd.`,
      ({ p }) => `Checks whether ${p[0]} is odd.`,
      ({ p }) => `Returns whether ${p[0]} is an odd number.`,
      ({ p }) => `Tells if ${p[0]} leaves a remainder when divided by 2.`,
      ({ p }) => `Returns true when ${p[0]} is odd, false otherwise.`,
    ],
    names: ['isOdd', 'odd', 'checkOdd', 'isOddNumber', 'oddCheck'],
    params: ONE, types: PRED1, inputs: one,
    body: ({ p }) => [`return ${p[0]} % 2 !== 0;`],
  },
  {
    type: 'function', id: 'larger', level: 1,
    phrasings: [
      ({ p }) => `Returns the larger of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Returns the maximum of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Returns whichever of ${p[0]} and ${p[1]} is bigger.`,
      () => 'Picks the greater of two numbers.',
      ({ p }) => `Returns ${p[0]} if it is greater than ${p[1]}, otherwise ${p[1]}.`,
    ],
    names: ['max', 'larger', 'maxOfTwo', 'bigger', 'greater'],
    params: PAIRS, types: NUM2, inputs: two,
    body: ({ p }) => [`return ${p[0]} > ${p[1]} ? ${p[0]} : ${p[1]};`],
  },
  {
    type: 'function', id: 'smaller', level: 1,
    phrasings: [
      ({ p }) => `Returns the smaller of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Returns the minimum of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Returns whichever of ${p[0]} and ${p[1]} is less.`,
      () => 'Picks the lesser of two numbers.',
      ({ p }) => `Returns ${p[0]} if it is less than ${p[1]}, otherwise ${p[1]}.`,
    ],
    names: ['min', 'smaller', 'minOfTwo', 'lesser', 'lower'],
    params: PAIRS, types: NUM2, inputs: two,
    body: ({ p }) => [`return ${p[0]} < ${p[1]} ? ${p[0]} : ${p[1]};`],
  },
  {
    type: 'function', id: 'absolute', level: 1,
    phrasings: [
      ({ p }) => `Returns the absolute value of ${p[0]}.`,
      ({ p }) => `Returns ${p[0]} without its sign.`,
      ({ p }) => `Computes |${p[0]}|.`,
      ({ p }) => `Returns the distance of ${p[0]} from zero.`,
      ({ p }) => `Returns ${p[0]} if it is not negative, otherwise -${p[0]}.`,
    ],
    names: ['abs', 'absolute', 'absValue', 'magnitude', 'absoluteValue'],
    params: ONE, types: NUM1, inputs: (rng) => [rng.int(-12, 12)],
    body: ({ p }) => [`return ${p[0]} < 0 ? -${p[0]} : ${p[0]};`],
  },
  {
    type: 'function', id: 'average', level: 1,
    phrasings: [
      ({ p }) => `Returns the average of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Returns the mean of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Computes the midpoint between ${p[0]} and ${p[1]}.`,
      ({ p }) => `Returns (${p[0]} + ${p[1]}) / 2.`,
      () => 'Returns the arithmetic mean of two numbers.',
    ],
    names: ['average', 'mean', 'avg', 'midpoint', 'meanOfTwo'],
    params: PAIRS, types: NUM2, inputs: two,
    body: ({ p }) => [`return (${p[0]} + ${p[1]}) / 2;`],
  },
  {
    type: 'function', id: 'isNegative', level: 1,
    phrasings: [
      ({ p }) => `Returns true if ${p[0]} is negative.`,
      ({ p }) => `Checks whether ${p[0]} is less than zero.`,
      ({ p }) => `Returns whether ${p[0]} is below zero.`,
      ({ p }) => `Tells if ${p[0]} is a negative number.`,
      ({ p }) => `Returns true when ${p[0]} < 0, false otherwise.`,
    ],
    names: ['isNegative', 'negative', 'belowZero', 'isBelowZero', 'lessThanZero'],
    params: ONE, types: PRED1, inputs: (rng) => [rng.int(-10, 10)],
    body: ({ p }) => [`return ${p[0]} < 0;`],
  },
  {
    type: 'function', id: 'isDivisibleBy', level: 1,
    phrasings: [
      ({ p, v }) => `Returns true if ${p[0]} is divisible by ${v}.`,
      ({ p, v }) => `Checks whether ${p[0]} is a multiple of ${v}.`,
      ({ p, v }) => `Returns whether ${v} divides ${p[0]} evenly.`,
      ({ p, v }) => `Tells if ${p[0]} % ${v} is zero.`,
      ({ p, v }) => `Returns true when ${p[0]} can be divided by ${v} with no remainder.`,
    ],
    names: ['divisibleBy{v}', 'isMultipleOf{v}', 'dividesBy{v}', 'isDivisibleBy{v}', 'multipleOf{v}'],
    values: [2, 3, 4, 5, 6, 8, 9, 10, 12, 100], heldValues: [7, 11],
    params: ONE, types: PRED1,
    inputs: (rng, v) => [rng.chance(0.5) ? (v as number) * rng.int(0, 6) : rng.int(0, 60)],
    body: ({ p, v }) => [`return ${p[0]} % ${v} === 0;`],
  },
];
