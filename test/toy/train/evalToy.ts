// Held-out scores of the toy models from a `cascade bench` recording of the toy tiers on the
// held-out benchmark: per tier, greedy pass@1 (candidate 0 is the greedy one; official tests) by
// level, and how its own first test sample judges its greedy answer (a correct answer all of
// whose asserts pass is what a k = 1 tier accepts; a wrong one that fails an assert is rightly
// rejected).
//
//   node --import tsx test/toy/train/evalToy.ts --runs run.jsonl [--bench models/toy/bench.jsonl]
import { readFileSync } from 'node:fs';
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

/** Scores every tier of a `cascade bench` recording against the benchmark's levels and kinds. */
export function scoreRunFile(runFile: string, benchFile: string): ToyScore[] {
  const lines = new Map(readJsonLines<BenchLine>(benchFile).map((l) => [l.name, l]));
  const runs = readJsonLines<Run & { tier: number; model: string }>(runFile);
  const tiers = [...new Set(runs.map((r) => r.tier))].sort((x, y) => x - y);
  return tiers.map((tier) => {
    const own = runs.filter((r) => r.tier === tier);
    return scoreRuns(path.basename(own[0].model, '.gguf'), own, lines);
  });
}

function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
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

function main(): void {
  const runFile = flag('runs');
  if (!runFile) throw new Error('--runs run.jsonl (a cascade bench recording of the toy tiers)');
  const benchFile = path.resolve(flag('bench') ?? path.join(REPO, 'models', 'toy', 'bench.jsonl'));
  console.log(formatScores(scoreRunFile(path.resolve(runFile), benchFile)));
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
