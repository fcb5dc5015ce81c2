// Engine soak with the real models: N cascades (default 1,000) through runCascade with
// node-llama-cpp on the tiny generated GGUFs (LlamaModelProvider) and the real SandboxPool,
// half of them cancelled after a random 0–50 ms as keystrokes do, two in flight at a time.
// Then it counts what is left over — loaded contexts and their sequences, queued
// generations, sandbox workers and jobs, active handles and timers — and prints RSS and V8
// heap (after a GC) at the start, at checkpoints and at the end, and whether they settle.
//
//   npm run bench:soak                       # builds, generates the tiny models, 1,000 requests
//   node --expose-gc --import tsx test/bench/soak.ts --requests 200
//
// The tiny models write random characters, which never parse as a function or an assert, so
// the sandbox would never run. Every generation therefore runs in full on the real model (its
// tokens, its cancellation), and its text is then replaced by a scripted answer — a right or
// a wrong `add`, or three asserts — so that each request also executes its pass matrix.
import path from 'node:path';
import { setAssetDir } from '../../src/engine/assets';
import { runCascade } from '../../src/engine/cascade/runCascade';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import type { LlamaCppBackend } from '../../src/engine/model/LlamaCppBackend';
import { LlamaModelProvider } from '../../src/engine/model/LlamaModelProvider';
import type { GenerateOptions, ModelBackend } from '../../src/engine/model/ModelBackend';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { writeTinyGguf } from '../fixtures/makeTinyGguf.mjs';
import { isTestPrompt } from '../helpers/ScriptedBackend';
import { activeResources, seededRandom, soak } from '../helpers/soak';

const root = path.resolve(__dirname, '..', '..');
const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const REQUESTS = flag('requests', 1000);
const CHECKPOINTS = 5;
const POOL_SIZE = 2;
/** RSS growth from the first checkpoint to the end below which memory counts as settled. */
const SETTLED_RSS_BYTES = 32 * 1024 * 1024;

const DOC = '/** Adds two numbers. */\nfunction add(a, b) {\n  ';
const TESTS = '1, 2), 3);\nassert.deepStrictEqual(add(2, 2), 4);\nassert.deepStrictEqual(add(0, 5), 5);\n';
const SOLUTIONS = ['return a + b;\n}\n', 'return a - b;\n}\n'];

/** The real backend, generating in full, with its text replaced by a scripted answer. */
function scriptedText(real: ModelBackend): ModelBackend {
  return {
    name: real.name,
    get supportsInfill() {
      return real.supportsInfill;
    },
    load: (signal) => real.load(signal),
    dispose: () => real.dispose(),
    async generate(options: GenerateOptions) {
      const generation = await real.generate(options);
      const text = isTestPrompt(options) ? TESTS : SOLUTIONS[(options.seed ?? 0) % SOLUTIONS.length];
      return { ...generation, text };
    },
  };
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function memory(): { rss: number; heapUsed: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

async function main(): Promise<void> {
  if (!(globalThis as { gc?: () => void }).gc) console.warn('warning: run with node --expose-gc for comparable memory figures');
  setAssetDir(path.join(root, 'dist'));
  const models = ['tiny-a', 'tiny-b'].map((name, i) => {
    const file = path.join(root, 'test', 'fixtures', 'generated', `${name}.gguf`);
    writeTinyGguf(file, { seed: i + 1 });
    return file;
  });
  const tiers = validateTiers(models.map((model) => ({ model, samples: 2, testsPerSample: 2, maxTokens: 12, contextSize: 256 })));
  const fn = await findFunctionAtCursor(DOC, DOC.length, 'javascript');
  if (!fn) throw new Error('no function at the cursor');
  const provider = new LlamaModelProvider({ gpu: false });
  const backends: LlamaCppBackend[] = tiers.map((tier) => provider.get({ model: tier.model!, contextSize: tier.contextSize }));
  const sandbox = new SandboxPool({ size: POOL_SIZE });
  const cascade = (index: number, signal?: AbortSignal) =>
    runCascade({ document: DOC, fn, tiers, modelFor: (_tier, i) => scriptedText(backends[i]), sandbox, signal, seed: index });

  // Warm-up: models loaded, sandbox workers started, JIT warm; the baseline is taken after it.
  const warmStart = performance.now();
  for (let i = 0; i < 10; i++) await cascade(i);
  console.log(`warm-up: 10 cascades in ${Math.round(performance.now() - warmStart)} ms`);
  const resourcesBefore = activeResources();
  const memoryBefore = memory();
  const checkpoints: { rss: number; heapUsed: number }[] = [];
  console.log(`before: rss ${mib(memoryBefore.rss)}, heapUsed ${mib(memoryBefore.heapUsed)}`);

  const random = seededRandom(1);
  const chunk = Math.ceil(REQUESTS / CHECKPOINTS);
  const totals = { completed: 0, cancelled: 0, failures: [] as unknown[] };
  const started = performance.now();
  for (let done = 0; done < REQUESTS; done += chunk) {
    const requests = Math.min(chunk, REQUESTS - done);
    const tally = await soak({
      requests,
      concurrency: 2,
      cancelRate: 0.5,
      maxCancelMs: 50,
      random,
      request: (index, signal) => cascade(done + index, signal),
    });
    totals.completed += tally.completed;
    totals.cancelled += tally.cancelled;
    totals.failures.push(...tally.failures);
    const now = memory();
    checkpoints.push(now);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${done + requests} requests (${seconds.toFixed(1)} s): rss ${mib(now.rss)}, heapUsed ${mib(now.heapUsed)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${REQUESTS} requests in ${seconds.toFixed(1)} s (${((seconds * 1000) / REQUESTS).toFixed(0)} ms each): ` +
    `${totals.completed} completed, ${totals.cancelled} cancelled, ${totals.failures.length} failed`);
  for (const failure of totals.failures.slice(0, 3)) console.log(`  failure: ${String(failure)}`);

  // Runs abandoned by a cancellation finish in their worker; give them their time limit.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const memoryAfter = memory();
  const resourcesAfter = activeResources();
  const leftovers = {
    backends: await Promise.all(backends.map((backend) => backend.stats())),
    sandbox: sandbox.stats(),
  };
  console.log('\nleftovers after the soak:');
  backends.forEach((backend, i) => console.log(`  model ${backend.name}: ${JSON.stringify(leftovers.backends[i])}`));
  console.log(`  sandbox: ${JSON.stringify(leftovers.sandbox)}`);
  console.log(`  active resources: before ${JSON.stringify(resourcesBefore)}, after ${JSON.stringify(resourcesAfter)}`);
  console.log(`  rss: before ${mib(memoryBefore.rss)}, after ${mib(memoryAfter.rss)} (${mib(memoryAfter.rss - memoryBefore.rss)})`);
  console.log(`  heapUsed: before ${mib(memoryBefore.heapUsed)}, after ${mib(memoryAfter.heapUsed)} (${mib(memoryAfter.heapUsed - memoryBefore.heapUsed)})`);

  const rssGrowth = memoryAfter.rss - checkpoints[0].rss;
  const clean =
    totals.failures.length === 0 &&
    // One sequence per prompt kind (document, tests), reused: more would be a leak.
    leftovers.backends.every((stats) => stats.loaded && stats.sequencesInUse <= 2 && stats.pending === 0) &&
    leftovers.sandbox.busy === 0 &&
    leftovers.sandbox.queued === 0 &&
    leftovers.sandbox.workers <= POOL_SIZE &&
    Object.entries(resourcesAfter).every(([type, count]) => count <= (resourcesBefore[type] ?? 0));
  console.log(`\nno leftovers: ${clean ? 'yes' : 'NO'}`);
  console.log(`memory settled: ${rssGrowth < SETTLED_RSS_BYTES ? 'yes' : 'NO'} (rss ${mib(rssGrowth)} from the first checkpoint to the end; limit ${mib(SETTLED_RSS_BYTES)})`);

  await provider.dispose();
  await sandbox.dispose();
  console.log(`after dispose: models ${JSON.stringify(await Promise.all(backends.map((backend) => backend.stats())))}, sandbox ${JSON.stringify(sandbox.stats())}`);
  process.exitCode = clean ? 0 : 1;
}

void main();
