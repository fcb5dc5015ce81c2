import nodeAssert from 'node:assert';
import assert from 'node:assert/strict';
import type { RunStatus } from '../../src/engine/sandbox/Sandbox';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { seededRandom } from '../../src/engine/tune/splitProblems';
import { generateValuePair, VALUE_PRELUDE } from '../helpers/generateValuePair';

// The sandbox's `assert` (src/engine/sandbox/guest/assert.js) is checked against Node's own on
// the same programs: each program makes one assert call, since the sandbox counts a failed
// assert as `fail` even when the program catches it. Node is the oracle, so this compares
// with the Node running the tests (the guest follows Node 20).
// ASSERT_PROPERTY_SEED=<n> reruns one generation; ASSERT_PROPERTY_PAIRS=<n> makes it longer.
const SEED = Number(process.env.ASSERT_PROPERTY_SEED ?? 9);
const PAIRS = Number(process.env.ASSERT_PROPERTY_PAIRS ?? 60);
const EQUALITY = ['equal', 'notEqual', 'strictEqual', 'notStrictEqual', 'deepEqual', 'notDeepEqual',
  'deepStrictEqual', 'notDeepStrictEqual'];

const THROWN = ["new TypeError('x')", "new Error('y')", "'x'", "{ message: 'x' }", '1', 'null'];
const EXPECTED_ERRORS = ['TypeError', 'Error', 'RangeError', '/x/', "{ message: 'x' }", "{ name: 'TypeError' }",
  '{ message: /x/ }', '{ length: 1 }', '(e) => e instanceof TypeError', "new TypeError('x')", '{}', "'msg'"];
const MATCH_INPUTS = ["'abc'", "''", '123', 'null'];
const MATCH_PATTERNS = ['/a/', '/^b/', '/1/', "'a'"];
const SETTLING = ["Promise.reject(new TypeError('x'))", 'Promise.resolve(1)', "() => Promise.reject(new Error('y'))",
  "() => { throw new TypeError('x'); }", '() => 1', '1'];
const EXPECTED_REJECTIONS = ['TypeError', "'msg'"];

type Verdict = 'pass' | 'fail' | 'error';

function program(body: string): string {
  return `const assert = require('assert');\n${VALUE_PRELUDE}\n${body}\n`;
}

/** The part of a program that differs from one to the next. */
function bodyOf(code: string): string {
  return code.slice(program('').length - 1).trim();
}

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (require: unknown) => Promise<void>;

/**
 * The verdict Node gives the program (as the body of an async function, for top-level
 * `await`): an AssertionError is `fail`, any other exception `error`.
 */
async function nodeVerdict(code: string): Promise<Verdict> {
  const require = (name: string): unknown => {
    if (name === 'assert') return nodeAssert;
    throw new Error(`require('${name}') is not available`);
  };
  try {
    await new AsyncFunction('require', code)(require);
    return 'pass';
  } catch (error) {
    return error instanceof nodeAssert.AssertionError ? 'fail' : 'error';
  }
}

/** Programs of one assert each: equality checks on random pairs, then throws and match. */
function generatePrograms(seed: number): string[] {
  const random = seededRandom(seed);
  const programs: string[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const { a, b } = generateValuePair(random);
    for (const method of EQUALITY) programs.push(program(`const a = ${a};\nconst b = ${b};\nassert.${method}(a, b);`));
  }
  for (const thrown of THROWN) {
    for (const expected of EXPECTED_ERRORS) {
      programs.push(program(`assert.throws(() => { throw ${thrown}; }, ${expected});`));
    }
    for (const expected of ['TypeError', '/x/', "'msg'"]) {
      programs.push(program(`assert.doesNotThrow(() => { throw ${thrown}; }, ${expected});`));
    }
  }
  for (const target of SETTLING) {
    programs.push(program(`await assert.rejects(${target});`), program(`await assert.doesNotReject(${target});`));
    for (const expected of EXPECTED_REJECTIONS) {
      programs.push(program(`await assert.rejects(${target}, ${expected});`));
      programs.push(program(`await assert.doesNotReject(${target}, ${expected});`));
    }
  }
  for (const input of MATCH_INPUTS) {
    for (const pattern of MATCH_PATTERNS) {
      for (const method of ['match', 'doesNotMatch']) programs.push(program(`assert.${method}(${input}, ${pattern});`));
    }
  }
  return programs;
}

/** Programs whose sandbox verdict once differed from Node's, with Node 20.20's verdict. */
const REGRESSIONS: [string, Verdict][] = [
  ["assert.deepStrictEqual(new Error('x'), new Error('x', { cause: 1 }));", 'fail'],
  ["assert.deepStrictEqual(new AggregateError([1], 'x'), new AggregateError([2], 'x'));", 'fail'],
  ['assert.deepEqual(/a/g, Object.assign(/a/g, { lastIndex: 1 }));', 'fail'],
  ['assert.deepStrictEqual(new Uint8Array([1]).buffer, new Uint8Array([2]).buffer);', 'fail'],
  ['assert.deepStrictEqual(new DataView(new Uint8Array([1]).buffer), new DataView(new Uint8Array([2]).buffer));', 'fail'],
  ['assert.deepStrictEqual({ [sym]: undefined }, { [other]: undefined });', 'fail'],
  ["assert.deepEqual(new Set([0, '0']), new Set(['', 0]));", 'fail'],
  ['assert.strictEqual(undefined);', 'error'],
  ['assert.deepEqual({});', 'error'],
  ["assert.throws(() => { throw new TypeError('x'); }, RangeError);", 'fail'],
  ["assert.throws(() => { throw 'x'; }, Error);", 'fail'],
  ["assert.throws(() => { throw 'x'; }, { length: 1 });", 'fail'],
  ["assert.throws(() => { throw new Error('x'); }, {});", 'error'],
  ["assert.throws(() => { throw new Error('x'); }, { code: undefined });", 'fail'],
  ["assert.throws(() => { throw new Error('boom'); }, 'boom');", 'error'],
  ["assert.doesNotThrow(() => { throw new Error('y'); }, TypeError);", 'error'],
  ['assert.match(123, /1/);', 'fail'],
  ["await assert.rejects(() => { throw new TypeError('x'); }, TypeError);", 'error'],
  ['await assert.rejects(() => 1);', 'error'],
];

describe('guest assert vs Node assert (property test)', function () {
  this.timeout(120_000);
  let pool: SandboxPool;
  before(() => {
    pool = new SandboxPool({ size: 2 });
  });
  after(() => pool.dispose());

  async function sandboxVerdict(code: string): Promise<{ status: RunStatus; message?: string }> {
    return pool.run({ code });
  }

  it(`gives Node's verdict on generated programs (seed ${SEED})`, async () => {
    const programs = generatePrograms(SEED);
    const started = performance.now();
    const outcomes = await Promise.all(programs.map(sandboxVerdict));
    const ms = performance.now() - started;
    const expectations = await Promise.all(programs.map(nodeVerdict));
    const mismatches = programs.flatMap((code, i) => {
      const expected = expectations[i];
      const { status, message } = outcomes[i];
      return status === expected ? [] : [`node: ${expected}, sandbox: ${status} (${message ?? ''})\n${bodyOf(code)}\n`];
    });
    assert.equal(
      mismatches.length,
      0,
      `${mismatches.length} of ${programs.length} programs differ from Node (ASSERT_PROPERTY_SEED=${SEED}):\n\n` +
        mismatches.slice(0, 8).join('\n'),
    );
    // Not a check: how many cases a run covers, and how long the sandbox took for them.
    console.log(`      ${programs.length} programs in ${Math.round(ms)} ms`);
  });

  for (const [body, verdict] of REGRESSIONS) {
    it(`${body.replace(/\s+/g, ' ')} → ${verdict}`, async () => {
      const { status, message } = await sandboxVerdict(program(body));
      assert.equal(status, verdict, message);
    });
  }
});
