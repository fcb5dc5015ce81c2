// Main-thread responsiveness: p50/p99/max event-loop delay (perf_hooks.monitorEventLoopDelay)
// at idle and while a 3-tier cascade with k = 5 runs on the tiny generated GGUFs through
// runCascade, LlamaModelProvider (default threads) and SandboxPool — the first, cold cascade
// (llama.cpp start-up and model loads) apart from warm ones — for a small document and for a
// 10,000-line one, and during findFunctionAtCursor on the latter (the step before a cascade).
// Goal: p99 ≤ 20 ms during a warm cascade.
//
//   npm run bench:event-loop        # builds first (the wasm and sandbox worker load from dist/)
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setAssetDir } from '../../src/engine/assets';
import { runCascade } from '../../src/engine/cascade/runCascade';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { LlamaModelProvider } from '../../src/engine/model/LlamaModelProvider';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { writeTinyGguf } from '../fixtures/makeTinyGguf.mjs';
import { type LargeSource, manyLines } from '../helpers/largeSources';

const root = path.resolve(__dirname, '..', '..');
const IDLE_MS = 3000;
const WARM_RUNS = 3;
const GOAL_P99_MS = 20;
const SMALL: LargeSource = { text: '// Clamps x into [lo, hi].\nfunction clamp(x, lo, hi) {\n  ', cursor: 55 };

interface Delay {
  p50: number;
  p99: number;
  max: number;
  ms: number;
}

/** Event-loop delay percentiles (ms) while `work` runs. */
async function measure(work: () => Promise<unknown>): Promise<Delay> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const started = performance.now();
  histogram.enable();
  // The first tick only starts the clock: a block before it would go unrecorded.
  await new Promise((resolve) => setTimeout(resolve, 2));
  await work();
  // One more tick, so that a block at the very end is recorded too.
  await new Promise((resolve) => setTimeout(resolve, 2));
  histogram.disable();
  const toMs = (ns: number) => ns / 1e6;
  return { p50: toMs(histogram.percentile(50)), p99: toMs(histogram.percentile(99)), max: toMs(histogram.max), ms: performance.now() - started };
}

const row = (label: string, { p50, p99, max, ms }: Delay) =>
  console.log(`${label.padEnd(44)} ${p50.toFixed(1).padStart(8)} ${p99.toFixed(1).padStart(8)} ${max.toFixed(1).padStart(8)} ${(ms / 1000).toFixed(1).padStart(8)}`);

async function main(): Promise<void> {
  setAssetDir(path.join(root, 'dist'));
  const generated = path.join(root, 'test', 'fixtures', 'generated');
  const models = [1, 2, 3].map((seed) => {
    const file = path.join(generated, `tiny-${'abc'[seed - 1]}.gguf`);
    writeTinyGguf(file, { seed });
    return file;
  });
  const tiers = validateTiers(models.map((model) => ({ model, samples: 5, testsPerSample: 4, maxTokens: 64 })));
  const provider = new LlamaModelProvider({ gpu: false });
  const sandbox = new SandboxPool();
  const find = async ({ text, cursor }: LargeSource) => {
    const fn = await findFunctionAtCursor(text, cursor, 'javascript');
    if (!fn) throw new Error('no function at the cursor');
    return fn;
  };
  const cascade = async (source: LargeSource, seed: number) => {
    const fn = await find(source); // before the measurement: it has a row of its own
    return () => runCascade({ document: source.text, fn, tiers, modelFor: (tier) => provider.get({ model: tier.model! }), sandbox, seed });
  };
  const warm = async (source: LargeSource) => {
    const runs = await Promise.all(Array.from({ length: WARM_RUNS }, (_, i) => cascade(source, i + 1)));
    return async () => {
      for (const run of runs) await run();
    };
  };

  console.log(`3 tiers (tiny-a, tiny-b, tiny-c), k = 5, t = 4, 64 tokens; ${WARM_RUNS} warm cascades per row\n`);
  console.log(`${'event-loop delay (ms)'.padEnd(44)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)} ${'wall s'.padStart(8)}`);
  row(`idle (${IDLE_MS / 1000} s)`, await measure(() => new Promise((resolve) => setTimeout(resolve, IDLE_MS))));
  row('cold cascade, small document (loads models)', await measure(await cascade(SMALL, 1)));
  const small = await measure(await warm(SMALL));
  row('warm cascades, small document', small);
  const large = manyLines(10_000);
  row('warm cascades, 10,000-line document', await measure(await warm(large)));
  row('findFunctionAtCursor, 10,000-line document', await measure(() => find(large)));
  console.log(`\ngoal p99 ≤ ${GOAL_P99_MS} ms during a warm cascade (small document): ${small.p99 <= GOAL_P99_MS ? 'met' : 'NOT met'}`);
  await provider.dispose();
  await sandbox.dispose();
}

void main();
