// Sandbox benchmark, three views of the same question: how much does running generated code
// cost next to generating it?
//
// 1. HumanEvalPack JS (164 whole programs: solution + its test function) through a SandboxPool,
//    one at a time and all at once, then as one `node` process each with the same concurrency.
// 2. A tier's pass matrix: k = 5 candidates × |T| = 20 asserts = 100 assert-sized runs through
//    runPassMatrix on a warm pool, for the 20 HumanEval problems with the most asserts whose
//    wrong solution never loops (their MultiPL-E asserts, repeated to 20). The budget it is held
//    to: one generated token per run (a 0.5B model on a laptop CPU: ~31 tokens/s, 32 ms a
//    token, 3.2 s for 100 runs).
// 3. The whole CLI: `cascade check` on N assert-sized programs (function + one assert, as the
//    cascade runs them) as a process of its own, against one `node` process per program, one
//    at a time, over an evenly spread sample of the same programs.
//
//   npm run bench:sandbox [-- --programs N] [-- --node-sample M]   # builds first
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setAssetDir } from '../../src/engine/assets';
import { runPassMatrix } from '../../src/engine/cascade/runPassMatrix';
import { withAssert } from '../../src/engine/context/planProgram';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import {
  type AssertSizedProblem,
  assertSizedProblems,
  assertSizedPrograms,
  haveHumanEval,
  wholePrograms as humanEvalPackPrograms,
} from '../helpers/humanEvalPrograms';
import { datasetsHint } from '../helpers/sharedDatasets';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const K = 5;
const T = 20;
const MATRIX_PROBLEMS = 20;
/** One generated token of a 0.5B model on this CPU, in ms (31 tokens/s). */
const TOKEN_MS = 32;
const CLI_RUNS = 3;

const flag = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
};
const percentile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** Runs `task` over `items` with at most `limit` in flight; returns the results in order. */
async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

/** Wall ms of one `node` process per file, `concurrency` at a time; and how many exited clean. */
async function nodePerProgram(codes: string[], concurrency: number): Promise<{ ms: number; pass: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-bench-'));
  try {
    const files = codes.map((code, i) => {
      const file = path.join(dir, `p${i}.js`);
      writeFileSync(file, code);
      return file;
    });
    const started = performance.now();
    const passed = await mapLimit(files, concurrency, (file) => new Promise<boolean>((resolve) => {
      const child = spawn(process.execPath, [file], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve(code === 0 && !stderr.includes('Assertion failed')));
    }));
    return { ms: performance.now() - started, pass: passed.filter(Boolean).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function wholePrograms(): Promise<void> {
  const programs = humanEvalPackPrograms();
  const pool = new SandboxPool();
  let size: number;
  try {
    // Warm-up: start the workers and let V8 tier up the wasm.
    await Promise.all(programs.slice(0, 20).map((code) => pool.run({ code })));
    size = pool.stats().workers;
    const latencies: number[] = [];
    for (const code of programs) {
      const started = performance.now();
      await pool.run({ code });
      latencies.push(performance.now() - started);
    }
    const started = performance.now();
    const outcomes = await Promise.all(programs.map((code) => pool.run({ code })));
    const seconds = (performance.now() - started) / 1000;
    console.log(`1. HumanEvalPack JS canonical: ${programs.length} whole programs, ${os.availableParallelism()} CPUs`);
    console.log(`   SandboxPool (${size} worker${size === 1 ? '' : 's'}), one at a time: p50 ${fmt(percentile(latencies, 0.5))} ms, p95 ${fmt(percentile(latencies, 0.95))} ms`);
    const pass = outcomes.filter((o) => o.status === 'pass').length;
    console.log(`   all at once: ${fmt(seconds)} s, ${fmt(programs.length / seconds, 0)} programs/s, ${pass} pass`);
    const node = await nodePerProgram(programs, size);
    const nodePerSecond = programs.length / (node.ms / 1000);
    console.log(`   node per program (${size} at a time): ${fmt(node.ms / 1000)} s, ${fmt(nodePerSecond, 1)} programs/s, ${node.pass} pass`);
    console.log(`   speed-up: ${fmt(programs.length / seconds / nodePerSecond, 1)}x`);
  } finally {
    await pool.dispose();
  }
}

async function tierMatrix(): Promise<void> {
  const pool = new SandboxPool();
  try {
    // A wrong solution that loops runs into the time limit (1 s a run): that is the limit's
    // cost, not the sandbox's, so such problems are left out.
    const terminates = async (p: AssertSizedProblem): Promise<boolean> => {
      const outcomes = await Promise.all(p.asserts.map((a) => pool.run({ code: withAssert(p.buggy, a), timeoutMs: 1000 })));
      return outcomes.every((o) => o.status !== 'timeout');
    };
    const problems: AssertSizedProblem[] = [];
    for (const p of assertSizedProblems().sort((a, b) => b.asserts.length - a.asserts.length)) {
      if (problems.length < MATRIX_PROBLEMS && (await terminates(p))) problems.push(p);
    }
    const matrixFor = (p: AssertSizedProblem): Promise<number[][]> => {
      // Five distinct candidates (identical ones would run once): the right one, the wrong one, variants.
      const candidates = [p.solution, p.buggy, ...[1, 2, 3].map((i) => `${p.solution}\n// variant ${i}\n`)];
      const asserts = Array.from({ length: T }, (_, i) => p.asserts[i % p.asserts.length]);
      return runPassMatrix(candidates, asserts, { sandbox: pool, language: 'js', runTimeoutMs: 1000 });
    };
    const walls: number[] = [];
    let passes = 0;
    for (const p of problems) {
      const started = performance.now();
      const matrix = await matrixFor(p);
      walls.push(performance.now() - started);
      passes += matrix.flat().reduce((sum, cell) => sum + cell, 0);
    }
    const runs = K * T;
    const budget = runs * TOKEN_MS;
    console.log(`2. A tier's pass matrix: k ${K} × |T| ${T} = ${runs} runs (runPassMatrix, ${pool.stats().workers} warm worker), ${problems.length} problems`);
    console.log(`   per matrix: median ${fmt(percentile(walls, 0.5), 0)} ms, max ${fmt(Math.max(...walls), 0)} ms (${fmt(percentile(walls, 0.5) / runs)} ms a run); ${passes} passing cells`);
    console.log(`   budget, one generated token per run (${TOKEN_MS} ms): ${budget} ms; median uses ${fmt((100 * percentile(walls, 0.5)) / budget, 1)}% of it`);
  } finally {
    await pool.dispose();
  }
}

async function wholeCli(count: number, nodeSample: number): Promise<void> {
  const programs = assertSizedPrograms(assertSizedProblems());
  const chosen = Array.from({ length: count }, (_, i) => programs[i % programs.length]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-bench-cli-'));
  try {
    const file = path.join(dir, 'programs.jsonl');
    writeFileSync(file, `${chosen.map((p, i) => JSON.stringify({ id: `${i}:${p.id}`, code: p.code })).join('\n')}\n`);
    const checkOnce = (): { ms: number; summary: string } => {
      const started = performance.now();
      const out = execFileSync(process.execPath, [CLI, 'check', '--jsonl', file], { maxBuffer: 64 * 1024 * 1024 }).toString();
      return { ms: performance.now() - started, summary: out.trim().split('\n').at(-1) ?? '' };
    };
    checkOnce(); // warm-up: the file system cache
    const checks = Array.from({ length: CLI_RUNS }, checkOnce);
    const cliMs = percentile(checks.map((c) => c.ms), 0.5);
    const step = Math.max(1, Math.floor(count / nodeSample));
    const sample = chosen.filter((_, i) => i % step === 0).slice(0, nodeSample);
    const node = await nodePerProgram(sample.map((p) => p.code), 1);
    const nodePerProgramMs = node.ms / sample.length;
    console.log(`3. Whole CLI on ${count} assert-sized programs (function + one assert; HumanEvalPack solutions, MultiPL-E asserts)`);
    console.log(`   cascade check: median ${fmt(cliMs / 1000)} s of ${CLI_RUNS} (${fmt(cliMs / count)} ms a program, process start included); ${checks[0].summary}`);
    console.log(`   node per program, one at a time, ${sample.length} of them: ${fmt(nodePerProgramMs, 1)} ms each, ${fmt((nodePerProgramMs * count) / 1000, 1)} s for all ${count}; ${node.pass} exit clean`);
    console.log(`   speed-up, whole process: ${fmt((nodePerProgramMs * count) / cliMs, 1)}x (goal: >= 50x)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  setAssetDir(path.join(ROOT, 'dist'));
  if (!haveHumanEval()) throw new Error(datasetsHint(['humanevalpack-js.jsonl', 'multipl-e_humaneval-js-reworded.jsonl']));
  await wholePrograms();
  await tierMatrix();
  await wholeCli(flag('--programs', 1000), flag('--node-sample', 200));
}

void main();
