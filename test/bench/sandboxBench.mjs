// Sandbox benchmark: the HumanEvalPack JS canonical suite (164 programs) through the built
// SandboxPool (dist/sandbox.js), then the same programs as one `node` process each, with
// the same concurrency as the pool. Run with `npm run bench:sandbox` (builds first).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { SandboxPool } = createRequire(import.meta.url)(path.join(root, 'dist/sandbox.js'));
const dataset = path.resolve(root, '../shared/datasets/humanevalpack-js.jsonl');
const programs = readFileSync(dataset, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line))
  .map((p) => ({ id: p.task_id, code: `${p.prompt}${p.canonical_solution}\n${p.test}` }));

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (n) => n.toFixed(2);

/** Runs `task` over `items` with at most `limit` in flight; returns the results in order. */
async function mapLimit(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

async function benchPool() {
  const pool = new SandboxPool();
  try {
    // Warm-up: start the workers and let V8 tier up the wasm.
    await Promise.all(programs.slice(0, 20).map((p) => pool.run({ code: p.code })));
    const size = pool.stats().workers;
    const latencies = [];
    for (const p of programs) {
      const started = performance.now();
      await pool.run({ code: p.code });
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const started = performance.now();
    const outcomes = await Promise.all(programs.map((p) => pool.run({ code: p.code })));
    const seconds = (performance.now() - started) / 1000;
    const pass = outcomes.filter((o) => o.status === 'pass').length;
    return { size, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), perSecond: programs.length / seconds, seconds, pass };
  } finally {
    await pool.dispose();
  }
}

function runNode(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve(code === 0 && !stderr.includes('Assertion failed')));
  });
}

async function benchNode(concurrency) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-bench-'));
  try {
    const files = programs.map((p, i) => {
      const file = path.join(dir, `p${i}.js`);
      writeFileSync(file, p.code);
      return file;
    });
    const started = performance.now();
    const passed = await mapLimit(files, concurrency, runNode);
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: files.length / seconds, seconds, pass: passed.filter(Boolean).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pool = await benchPool();
console.log(`HumanEvalPack JS canonical: ${programs.length} programs, ${os.availableParallelism()} CPUs`);
console.log(`SandboxPool (${pool.size} worker${pool.size === 1 ? '' : 's'}, QuickJS)`);
console.log(`  per-run latency, one at a time: p50 ${fmt(pool.p50)} ms, p95 ${fmt(pool.p95)} ms`);
console.log(`  whole suite at once: ${fmt(pool.seconds)} s, ${fmt(pool.perSecond)} programs/s, ${pool.pass} pass`);
const node = await benchNode(pool.size);
console.log(`node per program (${pool.size} at a time, fresh process each)`);
console.log(`  whole suite: ${fmt(node.seconds)} s, ${fmt(node.perSecond)} programs/s, ${node.pass} pass`);
console.log(`speed-up: ${fmt(pool.perSecond / node.perSecond)}x (goal: >= 50x)`);
