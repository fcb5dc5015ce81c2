// Tune benchmark: a synthetic recorded run (3 tiers × 164 problems, K = 10 candidates and
// test samples, T = 4 asserts each, from a seeded PRNG) through the built `cascade tune` with
// the paper's full grid and 5 seeds. Prints the tune report and the wall time.
// Run with `npm run bench:tune` (builds first).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../../src/engine/tune/splitProblems.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROBLEMS = 164;
const K = 10;
const T = 4;
// Tier skill (chance a candidate is right on an average problem), chance an assert is right,
// and price per token (the paper's RTX 3090 $ per 1k tokens for WizardCoder 7B / 13B / 34B).
const TIERS = [
  { model: '/models/small.gguf', skill: 0.45, assertSkill: 0.6, costPerToken: 0.00191 / 1000 },
  { model: '/models/medium.gguf', skill: 0.6, assertSkill: 0.7, costPerToken: 0.00665 / 1000 },
  { model: '/models/large.gguf', skill: 0.75, assertSkill: 0.8, costPerToken: 0.02024 / 1000 },
];


const random = seededRandom(42);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const clamp = (p) => Math.min(0.95, Math.max(0, p));

/** One (problem, tier) record: asserts come from a shared pool of 12 per problem, so samples repeat some. */
function record(problem, difficulty, tierIndex) {
  const tier = TIERS[tierIndex];
  const candidates = Array.from({ length: K }, () => ({ tokens: int(30, 120), correct: random() < clamp(tier.skill + 1.2 * (0.5 - difficulty)), usable: random() < 0.95 }));
  const ids = new Map();
  const valid = [];
  const testSamples = Array.from({ length: K }, () => {
    const picks = [...new Set(Array.from({ length: int(0, T) }, () => int(0, 11)))];
    const asserts = picks.map((pick) => {
      if (!ids.has(pick)) {
        ids.set(pick, ids.size);
        valid.push(random() < tier.assertSkill);
      }
      return ids.get(pick);
    });
    return { tokens: int(20, 90), asserts };
  });
  const asserts = [...ids.values()].map((id) => {
    const sample = testSamples.findIndex((s) => s.asserts.includes(id));
    return { sample, tokens: testSamples[sample].tokens / testSamples[sample].asserts.length };
  });
  const passes = (c, id) => c.usable && (c.correct ? valid[id] : random() < (valid[id] ? 0.3 : 0.2));
  const matrix = candidates.map((c) => asserts.map((_, id) => (passes(c, id) ? 1 : 0)));
  return {
    problem: `Synthetic/${problem}`, tier: tierIndex, model: tier.model, costPerToken: tier.costPerToken,
    temperature: 0.8, maxTokens: 256, testsPerSample: T, candidates, testSamples, asserts, matrix,
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-tune-bench-'));
try {
  const lines = [];
  for (let p = 0; p < PROBLEMS; p++) {
    const difficulty = random();
    for (let t = 0; t < TIERS.length; t++) lines.push(JSON.stringify(record(p, difficulty, t)));
  }
  const runs = path.join(dir, 'run.jsonl');
  writeFileSync(runs, `${lines.join('\n')}\n`);
  const started = performance.now();
  const report = execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'tune', '--runs', runs, '--out', path.join(dir, 'tuned.json'), '--plot', path.join(dir, 'pareto.svg')], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(report);
  console.log(`\ncascade tune on ${TIERS.length} tiers × ${PROBLEMS} problems, K = ${K}, T = ${T}: ${seconds.toFixed(2)} s wall (node start-up, reading, search, writing)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
