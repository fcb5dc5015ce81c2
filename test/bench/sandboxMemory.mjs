// Sandbox memory soak: 10,000 runs (passing, failing, erroring and quickly timing-out
// programs) through the built SandboxPool (dist/sandbox.js), printing the host process's
// RSS (which includes the worker threads and their wasm memories) and V8 heapUsed before,
// every 2,000 runs, and after, each after a GC. Run with `npm run bench:sandbox-memory`
// (builds first; needs node --expose-gc).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { SandboxPool } = createRequire(import.meta.url)(path.join(root, 'dist/sandbox.js'));

const RUNS = 10_000;
const CHECKPOINT_EVERY = 2_000;
/** heapUsed growth (after GC) since the baseline below which the host heap counts as flat. */
const FLAT_HEAP_BYTES = 5 * 1024 * 1024;
/**
 * RSS growth from the first checkpoint to the end below which the process counts as flat.
 * The first 2,000 runs are warm-up (wasm pages touched, JIT, the TypeScript compiler's
 * heap), and a replaced worker can leave freed pages with the allocator: some noise is
 * expected, a leak of even 10 KiB a run (80 MiB) is not.
 */
const FLAT_RSS_BYTES = 64 * 1024 * 1024;

/** One program of each kind the pool sees; every tenth run is a 20 ms timeout. */
const MIX = [
  { status: 'pass', request: { code: 'function add(a, b) { return a + b }\nconsole.assert(add(1, 2) === 3);' } },
  { status: 'fail', request: { code: "const assert = require('assert');\nassert.deepEqual([1, 2], [1, 3]);" } },
  { status: 'error', request: { code: 'const o = null;\no.x;' } },
  { status: 'pass', request: { code: 'const s = []; for (let i = 0; i < 1000; i++) s.push({ i, t: "x" + i });\nconsole.assert(s.length === 1000);' } },
  { status: 'fail', request: { code: 'setTimeout(() => console.assert(false, "late"), 5);' } },
  { status: 'error', request: { code: 'function f(n) { return f(n + 1) }\nf(0);' } },
  { status: 'pass', request: { code: 'const v = await Promise.resolve(3);\nconsole.assert(v === 3);' } },
  { status: 'pass', request: { code: 'const n: number = 2;\nconsole.assert(n * 2 === 4);', language: 'ts' } },
  // The memory bomb gets time enough to exhaust its heap even on a loaded machine.
  { status: 'error', request: { code: 'const a = []; for (;;) a.push(new Uint8Array(1 << 20));', timeoutMs: 10_000 } },
  { status: 'timeout', request: { code: 'for (;;) {}', timeoutMs: 20 } },
];

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const signedMib = (bytes) => `${bytes >= 0 ? '+' : ''}${mib(bytes)}`;

/** Memory after a full GC (twice: the first can leave finalizer work for the second). */
function measure() {
  globalThis.gc();
  globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

function report(label, sample, restarts = 0) {
  console.log(`${label.padEnd(16)} rss ${mib(sample.rss).padStart(10)}   heapUsed ${mib(sample.heapUsed).padStart(9)}   worker restarts ${restarts}`);
}

async function main() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const pool = new SandboxPool();
  const unexpected = new Map();
  const counts = { pass: 0, fail: 0, error: 0, timeout: 0 };
  const runOne = async (index) => {
    const { status, request } = MIX[index % MIX.length];
    const outcome = await pool.run(request);
    counts[outcome.status]++;
    if (outcome.status !== status) unexpected.set(request.code, outcome);
  };
  try {
    report('start', measure());
    // Warm-up: start the workers and load the TypeScript compiler before the baseline.
    for (let i = 0; i < MIX.length; i++) await runOne(i);
    const baseline = measure();
    report('baseline', baseline);
    const started = performance.now();
    const lanes = Math.max(1, pool.stats().workers);
    let steady;
    for (let done = 0; done < RUNS; done += CHECKPOINT_EVERY) {
      let next = done;
      const end = done + CHECKPOINT_EVERY;
      const lane = async () => {
        while (next < end) await runOne(next++);
      };
      await Promise.all(Array.from({ length: lanes }, lane));
      const sample = measure();
      steady ??= sample;
      report(`after ${end}`, sample, pool.stats().restarts);
    }
    const seconds = (performance.now() - started) / 1000;
    const after = measure();
    report('after (gc)', after, pool.stats().restarts);
    const heapGrowth = after.heapUsed - baseline.heapUsed;
    const steadyRssGrowth = after.rss - steady.rss;
    const flat = steadyRssGrowth < FLAT_RSS_BYTES && heapGrowth < FLAT_HEAP_BYTES;
    console.log(`\n${RUNS} runs in ${seconds.toFixed(1)} s on ${lanes} worker(s): ${JSON.stringify(counts)}`);
    console.log(`pool: ${JSON.stringify(pool.stats())}`);
    console.log(`growth since baseline: rss ${signedMib(after.rss - baseline.rss)}, heapUsed ${signedMib(heapGrowth)}`);
    console.log(`growth since run ${CHECKPOINT_EVERY}: rss ${signedMib(steadyRssGrowth)} → ${flat ? 'flat' : 'GROWING'}`);
    for (const [code, outcome] of unexpected) console.log(`unexpected outcome for ${JSON.stringify(code)}: ${JSON.stringify(outcome)}`);
    if (!flat || unexpected.size > 0) process.exitCode = 1;
  } finally {
    await pool.dispose();
  }
}

await main();
