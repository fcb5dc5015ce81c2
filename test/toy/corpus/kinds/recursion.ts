import type { FunctionKind } from '../TaskKind';
import { small } from './inputs';

const PERSON = '{ name: string; age: number }';
const PEOPLE = [['Ann', 31], ['Bob', 25], ['Cleo', 40], ['Dan', 25], ['Eve', 19], ['Finn', 52]] as const;
const person = (rng: import('../TaskKind').Rng) => {
  const [name, age] = rng.pick(PEOPLE);
  return { name, age };
};

/** Level 4: recursion and objects. */
export const RECURSION: FunctionKind[] = [
  {
    type: 'function', id: 'factorial', level: 4,
    phrasings: [
      ({ p }) => `Returns the factorial of ${p[0]}.`,
      ({ p }) => `Computes ${p[0]}! recursively.`,
      ({ p }) => `Returns 1 * 2 * ... * ${p[0]} (1 for 0).`,
      ({ p }) => `Returns the product of all integers from 1 to ${p[0]}.`,
      ({ p }) => `Calculates ${p[0]} factorial.`,
    ],
    names: ['factorial', 'fact', 'factorialOf', 'computeFactorial', 'nFactorial'],
    params: [['n'], ['k'], ['num'], ['x']],
    types: { params: ['number'], returns: 'number' }, inputs: (rng) => [rng.int(0, 6)],
    body: ({ p, name }) => [`if (${p[0]} <= 1) return 1;`, `return ${p[0]} * ${name}(${p[0]} - 1);`],
  },
  {
    type: 'function', id: 'fibonacci', level: 4,
    phrasings: [
      ({ p }) => `Returns the ${p[0]}th Fibonacci number.`,
      ({ p }) => `Returns fibonacci(${p[0]}), where fib(0) = 0 and fib(1) = 1.`,
      ({ p }) => `Computes the Fibonacci number at position ${p[0]}.`,
      () => 'Returns the nth term of the sequence 0, 1, 1, 2, 3, 5, 8, ...',
      ({ p }) => `Recursively finds Fibonacci number ${p[0]}.`,
    ],
    names: ['fibonacci', 'fib', 'fibo', 'nthFibonacci', 'fibNumber'],
    params: [['n'], ['k'], ['i'], ['index']],
    types: { params: ['number'], returns: 'number' }, inputs: (rng) => [rng.int(0, 10)],
    body: ({ p, name }) => [`if (${p[0]} < 2) return ${p[0]};`, `return ${name}(${p[0]} - 1) + ${name}(${p[0]} - 2);`],
  },
  {
    type: 'function', id: 'sumDigits', level: 4,
    phrasings: [
      ({ p }) => `Returns the sum of the digits of ${p[0]}.`,
      ({ p }) => `Adds up the decimal digits of ${p[0]}.`,
      ({ p }) => `Returns the digit sum of the non-negative integer ${p[0]}.`,
      ({ p }) => `Sums the digits of ${p[0]} recursively.`,
      ({ p }) => `Computes the total of all digits in ${p[0]}.`,
    ],
    names: ['sumDigits', 'digitSum', 'sumOfDigits', 'addDigits', 'digitTotal'],
    params: [['n'], ['num'], ['x'], ['value']],
    types: { params: ['number'], returns: 'number' }, inputs: (rng) => [rng.int(0, rng.pick([9, 99, 999]))],
    body: ({ p, name }) => [`if (${p[0]} < 10) return ${p[0]};`, `return (${p[0]} % 10) + ${name}(Math.floor(${p[0]} / 10));`],
  },
  {
    type: 'function', id: 'gcd', level: 4,
    phrasings: [
      ({ p }) => `Returns the greatest common divisor of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Computes gcd(${p[0]}, ${p[1]}) with Euclid's algorithm.`,
      ({ p }) => `Returns the largest number that divides both ${p[0]} and ${p[1]}.`,
      ({ p }) => `Finds the highest common factor of ${p[0]} and ${p[1]}.`,
      ({ p }) => `Returns the biggest integer dividing ${p[0]} and ${p[1]} with no remainder.`,
    ],
    names: ['gcd', 'greatestCommonDivisor', 'hcf', 'commonDivisor', 'euclid'],
    params: [['a', 'b'], ['x', 'y'], ['m', 'n'], ['p', 'q']],
    types: { params: ['number', 'number'], returns: 'number' },
    inputs: (rng) => {
      const k = rng.int(1, 6);
      return [k * rng.int(1, 8), k * rng.int(0, 8)];
    },
    body: ({ p, name }) => [`if (${p[1]} === 0) return ${p[0]};`, `return ${name}(${p[1]}, ${p[0]} % ${p[1]});`],
  },
  {
    type: 'function', id: 'power', level: 4,
    phrasings: [
      ({ p }) => `Returns ${p[0]} raised to the power ${p[1]}.`,
      ({ p }) => `Computes ${p[0]} to the ${p[1]}th power recursively.`,
      ({ p }) => `Returns ${p[0]} multiplied by itself ${p[1]} times.`,
      ({ p }) => `Raises ${p[0]} to the non-negative integer power ${p[1]}.`,
      ({ p }) => `Returns ${p[0]} ** ${p[1]} without using the operator.`,
    ],
    names: ['power', 'pow', 'raise', 'toPower', 'exponentiate'],
    params: [['base', 'exp'], ['x', 'n'], ['b', 'e'], ['a', 'k']],
    types: { params: ['number', 'number'], returns: 'number' },
    inputs: (rng) => [rng.int(-3, 5), rng.int(0, 4)],
    body: ({ p, name }) => [`if (${p[1]} === 0) return 1;`, `return ${p[0]} * ${name}(${p[0]}, ${p[1]} - 1);`],
  },
  {
    type: 'function', id: 'fullName', level: 4,
    phrasings: [
      ({ p }) => `Returns the full name of ${p[0]}: first name, a space, last name.`,
      ({ p }) => `Joins ${p[0]}.first and ${p[0]}.last with a space.`,
      ({ p }) => `Returns ${p[0]}'s first and last name.`,
      ({ p }) => `Formats ${p[0]} as 'First Last'.`,
      ({ p }) => `Builds the display name of ${p[0]} from its first and last fields.`,
    ],
    names: ['fullName', 'getFullName', 'nameOf', 'displayName', 'formatName'],
    params: [['person'], ['user'], ['p'], ['who']],
    types: { params: ['{ first: string; last: string }'], returns: 'string' },
    inputs: (rng) => [rng.pick([{ first: 'Ada', last: 'Lovelace' }, { first: 'Alan', last: 'Turing' }, { first: 'Grace', last: 'Hopper' }, { first: 'Linus', last: 'Torvalds' }, { first: 'Ann', last: 'Lee' }])],
    body: ({ p }) => [`return ${p[0]}.first + ' ' + ${p[0]}.last;`],
  },
  {
    type: 'function', id: 'makePoint', level: 4,
    phrasings: [
      ({ p }) => `Returns a point object with x = ${p[0]} and y = ${p[1]}.`,
      ({ p }) => `Makes an { x, y } object from ${p[0]} and ${p[1]}.`,
      () => 'Creates a point from its two coordinates.',
      ({ p }) => `Returns { x: ${p[0]}, y: ${p[1]} }.`,
      ({ p }) => `Builds a 2D point whose x is ${p[0]} and whose y is ${p[1]}.`,
    ],
    names: ['makePoint', 'point', 'createPoint', 'toPoint', 'newPoint'],
    params: [['x', 'y'], ['a', 'b'], ['px', 'py'], ['left', 'top']],
    types: { params: ['number', 'number'], returns: '{ x: number; y: number }' },
    inputs: (rng) => [small(rng), small(rng)],
    body: ({ p }) => [`return { x: ${p[0]}, y: ${p[1]} };`],
  },
  {
    type: 'function', id: 'countKeys', level: 4,
    phrasings: [
      ({ p }) => `Returns the number of keys of ${p[0]}.`,
      ({ p }) => `Counts the properties of the object ${p[0]}.`,
      ({ p }) => `Returns how many own keys ${p[0]} has.`,
      ({ p }) => `Returns Object.keys(${p[0]}).length.`,
      ({ p }) => `Tells how many entries the object ${p[0]} holds.`,
    ],
    names: ['countKeys', 'keyCount', 'numKeys', 'sizeOf', 'propertyCount'],
    params: [['obj'], ['o'], ['record'], ['map']],
    types: { params: ['Record<string, number>'], returns: 'number' },
    inputs: (rng) => [Object.fromEntries(['a', 'b', 'c', 'd'].slice(0, rng.int(0, 4)).map((k) => [k, small(rng)]))],
    body: ({ p }) => [`return Object.keys(${p[0]}).length;`],
  },
  {
    type: 'function', id: 'olderName', level: 4,
    phrasings: [
      ({ p }) => `Returns the name of the older of ${p[0]} and ${p[1]} (${p[0]} on a tie).`,
      ({ p }) => `Compares the ages of ${p[0]} and ${p[1]} and returns the older one's name.`,
      () => "Returns the name of whichever person has the larger age; the first one if equal.",
      ({ p }) => `Returns ${p[0]}.name if ${p[0]} is at least as old as ${p[1]}, else ${p[1]}.name.`,
      ({ p }) => `Tells who is older, ${p[0]} or ${p[1]}, by name.`,
    ],
    names: ['older', 'olderName', 'whoIsOlder', 'eldest', 'senior'],
    params: [['a', 'b'], ['first', 'second'], ['p', 'q'], ['left', 'right']],
    types: { params: [PERSON, PERSON], returns: 'string' },
    inputs: (rng) => [person(rng), person(rng)],
    body: ({ p }) => [`return ${p[0]}.age >= ${p[1]}.age ? ${p[0]}.name : ${p[1]}.name;`],
  },
  {
    type: 'function', id: 'totalPrice', level: 4,
    phrasings: [
      ({ p }) => `Returns the total price of ${p[0]}: the sum of price times qty.`,
      ({ p }) => `Adds up price * qty over the items of ${p[0]}.`,
      ({ p }) => `Returns what the order ${p[0]} costs in all.`,
      () => 'Computes the total cost of a list of { price, qty } items.',
      ({ p }) => `Sums each line's price multiplied by its quantity in ${p[0]}.`,
    ],
    names: ['totalPrice', 'cartTotal', 'orderTotal', 'sumPrices', 'checkoutTotal'],
    params: [['items'], ['cart'], ['lines'], ['products']],
    types: { params: ['{ price: number; qty: number }[]'], returns: 'number' },
    inputs: (rng) => [Array.from({ length: rng.int(0, 3) }, () => ({ price: rng.int(1, 9), qty: rng.int(1, 4) }))],
    body: ({ p }) => ['let total = 0;', `for (const item of ${p[0]}) {`, '  total += item.price * item.qty;', '}', 'return total;'],
  },
];
