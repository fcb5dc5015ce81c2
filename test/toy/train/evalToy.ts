// Held-out check of toy models with the engine itself: `cascade bench` (dist/cli.js) on the
// held-out benchmark with K = 1 — the greedy candidate and the greedy test sample, exactly what a
// k = 1 tier generates — then per model: greedy pass@1 (official tests), by level and kind, and
// how its own asserts judge its answers (a correct answer all of whose asserts pass is what the
// cascade accepts at a k = 1 tier; a wrong one that fails an assert is rightly rejected).
//
//   node --import tsx test/toy/train/evalToy.ts --models models/toy/toy-s.gguf,models/toy/toy-m.gguf \
//     [--bench models/toy/bench.jsonl] [--limit N] [--out test/toy/generated/eval] [--max-t 4]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');

/** The fields of a run record (src/engine/tune/runRecord.schema.json) this summary reads. */
interface Run {
  problem: string;
  tier: number;
  candidates: Array<{ correct: boolean; usable: boolean; tokens: number }>;
  testSamples: Array<{ asserts: number[] }>;
  matrix: number[][];
}

interface BenchLine {
  name: string;
  level?: number;
  kind?: string;
}

/** One model's held-out numbers. */
export interface ToyScore {
  model: string;
  problems: number;
  /** Greedy candidate passes the official tests. */
  passAt1: number;
  byLevel: Record<string, { problems: number; pass: number }>;
  byKind: Record<string, { problems: number; pass: number }>;
  /** Of the correct answers: share whose own asserts (≥ 1) all pass — accepted at tier 1. */
  correctAccepted: number;
  /** Of the wrong answers: share that an own assert fails (or that has no asserts) — rightly not accepted. */
  wrongRejected: number;
  /** Answers accepted by their own asserts that are correct (precision of acceptance). */
  acceptedCorrect: number;
  /** Problems whose greedy test sample yielded no usable assert. */
  noAsserts: number;
}

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

function bench(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('nice', ['-n', '10', 'node', path.join(REPO, 'dist', 'cli.js'), 'bench', ...args], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cascade bench exited with ${code}`))));
  });
}

const share = (a: number, b: number) => (b === 0 ? NaN : a / b);

/** Scores the records of one tier. */
export function scoreRuns(model: string, runs: Run[], lines: Map<string, BenchLine>): ToyScore {
  const byLevel: ToyScore['byLevel'] = {};
  const byKind: ToyScore['byKind'] = {};
  let pass = 0;
  let correct = 0;
  let correctAccepted = 0;
  let wrong = 0;
  let wrongRejected = 0;
  let accepted = 0;
  let noAsserts = 0;
  for (const run of runs) {
    const ok = run.candidates[0]?.correct === true;
    const asserts = run.testSamples[0]?.asserts ?? [];
    const row = run.matrix[0] ?? [];
    const allPass = asserts.length > 0 && asserts.every((a) => row[a] === 1);
    if (asserts.length === 0) noAsserts++;
    if (ok) {
      pass++;
      correct++;
      if (allPass) correctAccepted++;
    } else {
      wrong++;
      if (!allPass) wrongRejected++;
    }
    if (allPass) accepted++;
    const line = lines.get(run.problem);
    for (const [table, key] of [[byLevel, String(line?.level ?? '?')], [byKind, line?.kind ?? '?']] as const) {
      table[key] ??= { problems: 0, pass: 0 };
      table[key].problems++;
      if (ok) table[key].pass++;
    }
  }
  return {
    model,
    problems: runs.length,
    passAt1: share(pass, runs.length),
    byLevel,
    byKind,
    correctAccepted: share(correctAccepted, correct),
    wrongRejected: share(wrongRejected, wrong),
    acceptedCorrect: share(correctAccepted, accepted),
    noAsserts,
  };
}

/** Runs the bench for `models` (one tier each, recorded separately) and scores them. */
export async function evalToy(models: string[], options: { benchFile: string; out: string; limit?: number; maxT?: number; fresh?: boolean }): Promise<ToyScore[]> {
  mkdirSync(options.out, { recursive: true });
  const lines = new Map(
    readFileSync(options.benchFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as BenchLine)
      .map((l) => [l.name, l]),
  );
  const scores: ToyScore[] = [];
  for (const model of models) {
    const name = path.basename(model, '.gguf');
    const tiers = path.join(options.out, `${name}.tiers.json`);
    const runFile = path.join(options.out, `${name}.run.jsonl`);
    if (options.fresh && existsSync(runFile)) rmSync(runFile);
    writeFileSync(tiers, JSON.stringify({ tiers: [{ model: path.resolve(model), samples: 1, testsPerSample: options.maxT ?? 4, temperature: 0, maxTokens: 128 }] }, null, 2));
    const args = ['--dataset', options.benchFile, '--tiers', tiers, '--out', runFile, '--max-k', '1', '--max-t', String(options.maxT ?? 4)];
    if (options.limit) args.push('--limit', String(options.limit));
    await bench(args);
    const runs = readFileSync(runFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Run);
    scores.push(scoreRuns(name, runs, lines));
  }
  return scores;
}

/** A plain-text table of scores. */
export function formatScores(scores: ToyScore[]): string {
  const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}%`);
  const levels = [...new Set(scores.flatMap((s) => Object.keys(s.byLevel)))].sort();
  const rows = scores.map((s) => [
    s.model,
    String(s.problems),
    pct(s.passAt1),
    ...levels.map((l) => (s.byLevel[l] ? pct(s.byLevel[l].pass / s.byLevel[l].problems) : '–')),
    pct(s.correctAccepted),
    pct(s.wrongRejected),
    pct(s.acceptedCorrect),
  ]);
  const head = ['model', 'problems', 'pass@1', ...levels.map((l) => `level ${l}`), 'correct accepted', 'wrong rejected', 'accepted correct'];
  return [head, ...rows].map((r) => r.join('\t')).join('\n');
}

async function main(): Promise<void> {
  const models = (flag('models') ?? '').split(',').filter(Boolean);
  if (models.length === 0) throw new Error('--models a.gguf,b.gguf');
  const benchFile = path.resolve(flag('bench') ?? path.join(REPO, 'models', 'toy', 'bench.jsonl'));
  const out = path.resolve(flag('out') ?? path.join(REPO, 'test', 'toy', 'generated', 'eval'));
  const limit = flag('limit') ? Number(flag('limit')) : undefined;
  const scores = await evalToy(models, { benchFile, out, limit, maxT: flag('max-t') ? Number(flag('max-t')) : undefined, fresh: process.argv.includes('--fresh') });
  console.log(formatScores(scores));
  writeFileSync(path.join(out, 'scores.json'), JSON.stringify(scores, null, 2));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
