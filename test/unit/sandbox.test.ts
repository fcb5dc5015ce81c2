import assert from 'node:assert/strict';
import path from 'node:path';
import { AbortError } from '../../src/engine/errors';
import type { RunOutcome, RunRequest } from '../../src/engine/sandbox/Sandbox';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';

// Runs against the bundled worker in dist/ (test/setup.ts points assetPath there).
describe('SandboxPool (QuickJS worker)', function () {
  this.timeout(30_000);
  let pool: SandboxPool;
  before(() => {
    pool = new SandboxPool({ size: 2 });
  });
  after(() => pool.dispose());

  const run = (code: string, extra: Partial<RunRequest> = {}): Promise<RunOutcome> => pool.run({ code, ...extra });
  async function expectStatus(code: string, status: RunOutcome['status'], extra: Partial<RunRequest> = {}): Promise<RunOutcome> {
    const outcome = await run(code, extra);
    assert.equal(outcome.status, status, `${code}\n→ ${JSON.stringify(outcome)}`);
    return outcome;
  }

  it('passes a program whose checks hold, with no message', async () => {
    const outcome = await expectStatus('function add(a, b) { return a + b }\nconsole.assert(add(1, 2) === 3);', 'pass');
    assert.equal(outcome.message, undefined);
    assert.ok(outcome.ms >= 0);
  });

  describe('assert module (Node semantics)', () => {
    const A = "const assert = require('assert');\n";
    const cases: [string, string, string][] = [
      ['assert()', 'assert(1)', 'assert(0)'],
      ['ok', 'assert.ok("x")', 'assert.ok("")'],
      ['equal (==)', 'assert.equal(1, "1"); assert.equal(NaN, NaN)', 'assert.equal(1, 2)'],
      ['notEqual', 'assert.notEqual(1, 2)', 'assert.notEqual(1, "1")'],
      ['strictEqual (Object.is)', 'assert.strictEqual(NaN, NaN)', 'assert.strictEqual(0, -0)'],
      ['notStrictEqual', 'assert.notStrictEqual(1, "1")', 'assert.notStrictEqual(2, 2)'],
      ['deepEqual (loose)', 'assert.deepEqual([1, 2], ["1", 2]); assert.deepEqual({ a: [1] }, { a: ["1"] })', 'assert.deepEqual([1, 2], [1, 3])'],
      ['notDeepEqual', 'assert.notDeepEqual([1], [2])', 'assert.notDeepEqual([1, 2], ["1", 2])'],
      ['deepStrictEqual', 'assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })', 'assert.deepStrictEqual([1, 2], ["1", 2])'],
      ['notDeepStrictEqual', 'assert.notDeepStrictEqual([1, 2], ["1", 2])', 'assert.notDeepStrictEqual([1], [1])'],
      ['deepStrictEqual on Map/Set/Date', 'assert.deepStrictEqual(new Map([[1, new Set([2])]]), new Map([[1, new Set([2])]])); assert.deepStrictEqual(new Date(5), new Date(5))', 'assert.deepStrictEqual(new Set([1]), new Set([2]))'],
      ['throws', 'assert.throws(() => { throw new TypeError("bad") }, TypeError); assert.throws(() => { throw new Error("bad x") }, /bad/); assert.throws(() => { throw new Error("m") }, { message: "m" })', 'assert.throws(() => {})'],
      ['doesNotThrow', 'assert.doesNotThrow(() => 1)', 'assert.doesNotThrow(() => { throw new Error("x") })'],
      ['rejects', 'assert.rejects(Promise.reject(new Error("x")), /x/).then(() => { globalThis.done = 1 }); setTimeout(() => assert.equal(globalThis.done, 1), 1)', 'assert.rejects(Promise.resolve(1))'],
      ['fail', 'try { assert.fail("boom") } catch (e) { assert.ok(e instanceof assert.AssertionError) }', 'assert.fail("boom")'],
      ['match', 'assert.match("abc", /b/)', 'assert.match("abc", /z/)'],
      ['node:assert/strict', "require('node:assert/strict').deepEqual([1], [1])", "require('node:assert/strict').deepEqual([1], ['1'])"],
    ];
    for (const [name, passing, failing] of cases) {
      it(`${name}: passes and fails`, async () => {
        await expectStatus(A + passing, 'pass');
        const outcome = await expectStatus(A + failing, 'fail');
        assert.match(outcome.message ?? '', /AssertionError/);
      });
    }

    it('an AssertionError the program catches itself is not a failure', async () => {
      await expectStatus(`${A}try { assert.equal(1, 2) } catch (e) {}\n`, 'pass');
    });

    it('the module is frozen: a program cannot disable its checks', async () => {
      await expectStatus(`${A}try { assert.equal = () => {} } catch (e) {}\nassert.equal(1, 2)`, 'fail');
    });
  });

  describe('console.assert', () => {
    it('a false console.assert is a failure even though Node only prints it', async () => {
      const outcome = await expectStatus('console.assert(1 === 2, "one is not two")', 'fail');
      assert.match(outcome.message ?? '', /one is not two/);
    });

    it('replacing console.assert cannot hide a failure', async () => {
      await expectStatus('try { console.assert = () => {} } catch (e) {}\nconsole.assert(false)', 'fail');
    });

    it('a failure is recorded even if the program swallows every exception afterwards', async () => {
      await expectStatus('try { console.assert(false) } catch (e) {}', 'fail');
    });
  });

  describe('limits', () => {
    it('an infinite loop times out within the limit plus a margin', async () => {
      const started = Date.now();
      const outcome = await expectStatus('for (;;) {}', 'timeout', { timeoutMs: 300 });
      assert.ok(Date.now() - started < 300 + 1500, `took ${Date.now() - started} ms`);
      assert.match(outcome.message ?? '', /300 ms/);
    });

    it('a memory bomb is an error (out of memory)', async () => {
      const outcome = await expectStatus('const a = []; for (;;) a.push(new Uint8Array(1 << 20));', 'error');
      assert.match(outcome.message ?? '', /out of memory/);
    });

    it('deep recursion is an error (stack overflow), quickly', async () => {
      const outcome = await expectStatus('function f(n) { return f(n + 1) + 1 }\nf(0)', 'error');
      assert.match(outcome.message ?? '', /stack overflow/);
      assert.ok(outcome.ms < 1000);
    });

    it('output beyond the cap is an error; output below it is fine', async () => {
      const outcome = await expectStatus('for (let i = 0; i < 1000; i++) console.log("0123456789")', 'error', { outputBytes: 1000 });
      assert.match(outcome.message ?? '', /output limit exceeded/);
      await expectStatus('for (let i = 0; i < 50; i++) console.log("0123456789")', 'pass', { outputBytes: 1000 });
    });
  });

  describe('host access', () => {
    it("require('fs') is refused", async () => {
      const outcome = await expectStatus("require('fs').readFileSync('/etc/passwd')", 'error');
      assert.match(outcome.message ?? '', /require\('fs'\) is not available in the sandbox/);
    });

    it('process.exit before a failing assert does not count as a pass', async () => {
      const outcome = await expectStatus('process.exit(0); console.assert(false)', 'error');
      assert.match(outcome.message ?? '', /process\.exit/);
      await expectStatus('try { process.exit(0) } catch (e) {}\n', 'error');
    });

    it('Atomics.wait cannot hang the worker', async () => {
      const outcome = await run('Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)');
      assert.notEqual(outcome.status, 'pass');
      assert.ok(outcome.ms < 1500);
    });
  });

  describe('languages', () => {
    it('TypeScript with enums, namespaces and parameter properties runs (MultiPL-E style)', async () => {
      const ts = [
        'declare var require: any;',
        "const assert = require('node:assert');",
        'enum Color { Red, Green }',
        'namespace Geometry { export const unit: number = 1; }',
        'class Box { constructor(private readonly size: number) {} area(): number { return this.size ** 2; } }',
        'function twice<T>(x: T): T[] { return [x, x]; }',
        'assert.equal(Color.Green, 1); assert.equal(Geometry.unit, 1); assert.equal(new Box(3).area(), 9);',
        'assert.deepEqual(twice<number>(2), [2, 2]);',
      ].join('\n');
      await expectStatus(ts, 'pass', { language: 'ts' });
      await expectStatus(`${ts}\nassert.equal(new Box(2).area(), 5);`, 'fail', { language: 'ts' });
    });

    it('a syntax error is an error (JS and TS)', async () => {
      assert.match((await expectStatus('function (', 'error')).message ?? '', /SyntaxError/);
      assert.match((await expectStatus('let x: = 1;', 'error', { language: 'ts' })).message ?? '', /SyntaxError/);
    });

    it('ES module imports of assert work', async () => {
      await expectStatus("import assert from 'node:assert';\nassert.equal(1, 2);", 'fail');
    });
  });

  describe('asynchronous code', () => {
    it('an unhandled rejection is an error, or a failure for an AssertionError', async () => {
      await expectStatus('Promise.reject(new Error("lost"))', 'error');
      await expectStatus("async function t() { require('assert').equal(1, 2) }\nt();", 'fail');
      await expectStatus("Promise.resolve(1).then((v) => require('assert').equal(v, 2));", 'fail');
    });

    it('a handled rejection is fine', async () => {
      await expectStatus('async function t() { throw new Error("x") }\nt().catch(() => {});', 'pass');
      await expectStatus('async function t() { throw new Error("x") }\n(async () => { try { await t() } catch (e) {} })();', 'pass');
    });

    it('setTimeout callbacks run, in order of virtual time', async () => {
      await expectStatus('const seen = []; setTimeout(() => seen.push(2), 20); setTimeout(() => seen.push(1), 10);\nsetTimeout(() => console.assert(seen.join() === "1,2", seen.join()), 30);', 'pass');
      await expectStatus('setTimeout(() => console.assert(false, "late"), 50);', 'fail');
      await expectStatus('let n = 0; const t = setInterval(() => { if (++n === 3) clearInterval(t) }, 100);\nsetTimeout(() => console.assert(n === 3), 1000 - 50);', 'pass', { timeoutMs: 2000 });
    });

    it('timer time counts against the limit', async () => {
      const started = Date.now();
      await expectStatus('setTimeout(() => {}, 5000);', 'timeout', { timeoutMs: 1000 });
      assert.ok(Date.now() - started < 1000, 'virtual time must not be slept');
      await expectStatus('setInterval(() => {}, 10);', 'timeout', { timeoutMs: 300 });
    });

    it('top-level await is waited for; one that never settles is a timeout', async () => {
      await expectStatus("const v = await new Promise((r) => setTimeout(() => r(3), 10));\nrequire('assert').equal(v, 3);", 'pass');
      await expectStatus("const v = await Promise.resolve(3);\nrequire('assert').equal(v, 4);", 'fail');
      const outcome = await expectStatus('await new Promise(() => {});\nconsole.log("never");', 'timeout');
      assert.match(outcome.message ?? '', /waiting on a promise/);
    });

    it('a top-level promise completion value that never settles is a timeout', async () => {
      await expectStatus('new Promise(() => {})', 'timeout');
    });
  });

  it('no state leaks from one run to the next', async () => {
    const single = new SandboxPool({ size: 1 });
    try {
      await single.run({ code: 'globalThis.x = 1; Array.prototype.leak = 2; Object.freeze(Object.prototype);' });
      const outcome = await single.run({ code: 'console.assert(typeof x === "undefined" && [].leak === undefined && !Object.isFrozen(Object.prototype));' });
      assert.equal(outcome.status, 'pass');
      assert.equal(single.stats().workers, 1, 'both runs used the same worker');
    } finally {
      await single.dispose();
    }
  });

  describe('pool', () => {
    const faultyWorker = path.resolve(__dirname, '../fixtures/faultySandboxWorker.js');

    it('retires a worker after recycleAfterRuns runs and keeps answering with a fresh one', async () => {
      const pool = new SandboxPool({ size: 1, recycleAfterRuns: 3 });
      try {
        for (let i = 0; i < 7; i++) {
          // State a program leaves behind must not survive into the next worker either.
          assert.equal((await pool.run({ code: `console.assert(typeof globalThis.leak === 'undefined'); globalThis.leak = ${i};` })).status, 'pass');
        }
        const stats = pool.stats();
        assert.equal(stats.recycled, 2);
        assert.equal(stats.restarts, 0);
        assert.equal(stats.runs, 7);
        assert.ok(stats.workers <= 1);
      } finally {
        await pool.dispose();
      }
    });

    it('a retired worker answers every run it was sent ahead before it stops', async () => {
      const pool = new SandboxPool({ size: 1, recycleAfterRuns: 3 });
      try {
        const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => pool.run({ code: `console.assert(${i} >= 0)` })));
        assert.deepEqual(outcomes.map((o) => o.status), Array(8).fill('pass'));
        assert.deepEqual({ ...pool.stats(), workers: 0 }, { workers: 0, busy: 0, queued: 0, runs: 8, restarts: 0, recycled: 2 });
      } finally {
        await pool.dispose();
      }
    });

    it('replaces a worker that crashed and runs the next program', async () => {
      const faulty = new SandboxPool({ size: 1, workerPath: faultyWorker });
      try {
        const crashed = await faulty.run({ code: '// __CRASH__' });
        assert.equal(crashed.status, 'error');
        assert.match(crashed.message ?? '', /crashed/);
        assert.equal((await faulty.run({ code: 'console.assert(1 + 1 === 2)' })).status, 'pass');
        assert.equal(faulty.stats().restarts, 1);
      } finally {
        await faulty.dispose();
      }
    });

    it('kills a worker that stops answering (watchdog) and recovers', async () => {
      const faulty = new SandboxPool({ size: 1, workerPath: faultyWorker });
      try {
        const started = Date.now();
        const hung = await faulty.run({ code: '// __HANG__', timeoutMs: 200 });
        assert.equal(hung.status, 'timeout');
        assert.ok(Date.now() - started < 200 + 3000);
        assert.equal((await faulty.run({ code: 'console.assert(true)' })).status, 'pass');
        assert.deepEqual({ ...faulty.stats(), workers: 1 }, { workers: 1, busy: 0, queued: 0, runs: 2, restarts: 1, recycled: 0 });
      } finally {
        await faulty.dispose();
      }
    });

    it('an aborted request that has not started rejects with AbortError and never runs', async () => {
      const single = new SandboxPool({ size: 1 });
      try {
        const first = single.run({ code: 'for (;;) {}', timeoutMs: 300 });
        // The second is sent ahead to the busy worker, the third waits in the pool.
        const controllers = [new AbortController(), new AbortController()];
        const later = controllers.map((controller) => single.run({ code: 'console.assert(true)' }, controller.signal));
        assert.equal(single.stats().queued, 1);
        for (const controller of controllers) controller.abort();
        for (const run of later) await assert.rejects(run, AbortError);
        assert.equal(single.stats().queued, 0);
        assert.equal((await first).status, 'timeout');
        assert.equal((await single.run({ code: 'console.assert(true)' })).status, 'pass');
        assert.equal(single.stats().runs, 2, 'only the first and the last ran');
      } finally {
        await single.dispose();
      }
    });

    it('a run sent ahead to a worker that crashes runs on its replacement', async () => {
      const faulty = new SandboxPool({ size: 1, workerPath: faultyWorker });
      try {
        const [crashed, next] = await Promise.all([faulty.run({ code: '// __CRASH__' }), faulty.run({ code: 'console.assert(1 + 1 === 2)' })]);
        assert.match(crashed.message ?? '', /crashed/);
        assert.equal(next.status, 'pass');
        assert.deepEqual({ ...faulty.stats(), workers: 1 }, { workers: 1, busy: 0, queued: 0, runs: 2, restarts: 1, recycled: 0 });
      } finally {
        await faulty.dispose();
      }
    });

    it('dispose rejects queued work and later runs', async () => {
      const single = new SandboxPool({ size: 1 });
      const running = single.run({ code: 'for (;;) {}', timeoutMs: 300 });
      const queued = single.run({ code: '1' });
      const rejections = Promise.all([assert.rejects(running, AbortError), assert.rejects(queued, AbortError)]);
      await single.dispose();
      await rejections;
      await assert.rejects(single.run({ code: '1' }), AbortError);
      assert.equal(single.stats().workers, 0);
    });
  });
});
