// A fast engine soak: 200 cascades through scripted models and the real sandbox pool, half of
// them cancelled at a random moment, must leave nothing behind (sandbox jobs, workers, timers).
// The real-model soak with memory figures is test/bench/soak.ts.
import assert from 'node:assert/strict';
import { runCascade } from '../../src/engine/cascade/runCascade';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { isTestPrompt, ScriptedBackend } from '../helpers/ScriptedBackend';
import { activeResources, seededRandom, soak } from '../helpers/soak';

const DOC = '/** Adds two numbers. */\nfunction add(a, b) {\n  ';
const TESTS = '1, 2), 3);\nassert.deepStrictEqual(add(2, 2), 4);\nassert.deepStrictEqual(add(0, 5), 5);\n';
const SOLUTIONS = ['return a + b;\n}\n', 'return a - b;\n}\n', 'return a * b;\n}\n'];
const POOL_SIZE = 2;
const REQUESTS = 200;

/** Waits until `ready()` holds, checking every 10 ms, or fails after `limitMs`. */
async function until(ready: () => boolean, limitMs: number, what: string): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!ready()) {
    assert.ok(Date.now() < deadline, `still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('engine soak (scripted models, real sandbox pool)', function () {
  this.timeout(120_000);

  it(`${REQUESTS} cascades with random cancellations leave no jobs, extra workers or timers behind`, async () => {
    const fn = await findFunctionAtCursor(DOC, DOC.length, 'javascript');
    assert.ok(fn);
    const random = seededRandom(7);
    const model = (name: string) =>
      new ScriptedBackend(name, (options, call) => (isTestPrompt(options) ? TESTS : SOLUTIONS[call % SOLUTIONS.length]), 2);
    const models = [model('small'), model('large')];
    const tiers = validateTiers([
      { model: 'small.gguf', samples: 2, testsPerSample: 3 },
      { model: 'large.gguf', samples: 3, testsPerSample: 3 },
    ]);
    const sandbox = new SandboxPool({ size: POOL_SIZE });
    try {
      const cascade = (signal?: AbortSignal) =>
        runCascade({ document: DOC, fn, tiers, modelFor: (_tier, i) => models[i], sandbox, signal, runTimeoutMs: 100 });
      await cascade(); // warm-up: workers started, grammar loaded
      const before = activeResources();

      const tally = await soak({
        requests: REQUESTS,
        concurrency: 2,
        cancelRate: 0.5,
        maxCancelMs: 50,
        random,
        request: (_index, signal) => cascade(signal),
      });

      assert.deepEqual(tally.failures, []);
      assert.equal(tally.completed + tally.cancelled, REQUESTS);
      assert.ok(tally.cancelled >= REQUESTS / 10, `only ${tally.cancelled} requests were cancelled mid-flight`);
      assert.ok(tally.completed >= REQUESTS / 2, `only ${tally.completed} requests completed`);
      // Runs abandoned by a cancellation finish in their worker within their 100 ms limit.
      await until(() => sandbox.stats().busy === 0, 10_000, 'abandoned sandbox runs');
      const stats = sandbox.stats();
      assert.equal(stats.queued, 0);
      assert.ok(stats.workers <= POOL_SIZE, `${stats.workers} workers for a pool of ${POOL_SIZE}`);
      assert.ok(stats.runs > REQUESTS, `only ${stats.runs} sandbox runs`);
      const after = activeResources();
      for (const [type, count] of Object.entries(after)) {
        assert.ok(count <= (before[type] ?? 0), `${type}: ${before[type] ?? 0} before, ${count} after`);
      }
    } finally {
      await sandbox.dispose();
    }
  });
});
