// Writes the toy corpus: training text, validation text (held-out variants only), the same
// examples as JSON Lines with their segments apart (train.jsonl, valid.jsonl), and the
// held-out benchmark, all from one seed (see /work/toy-corpus-format.md for the format).
//
//   node --import tsx test/toy/corpus/writeCorpus.ts --seed 1 --train-mb 4 --out test/toy/generated/
//
// Flags: --seed N (1), --train-mb MB (4), --valid-mb MB (0.2), --fim-share F (0.5),
// --out DIR (test/toy/generated/), --bench FILE (DIR/bench.jsonl). 1 MB = 1,000,000 bytes.
import fs from 'node:fs';
import path from 'node:path';
import { setAssetDir } from '../../../src/engine/assets';
import { benchProblems } from './benchProblems';
import { findLeaks } from './findLeaks';
import { corpusText } from './generateExamples';
import { TASK_KINDS } from './kinds/index';

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at !== -1 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

function number(name: string, fallback: number): number {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, 'tree-sitter-javascript.wasm'))) throw new Error(`${DIST} has no parser wasm files: run \`npm run build\` first`);
  setAssetDir(DIST);
  const seed = number('seed', 1);
  const fimShare = number('fim-share', 0.5);
  const out = path.resolve(flag('out', 'test/toy/generated/'));
  const benchFile = path.resolve(flag('bench', path.join(out, 'bench.jsonl')));
  fs.mkdirSync(out, { recursive: true });
  const started = performance.now();

  const train = await corpusText({ seed, split: 'train', fimShare }, number('train-mb', 4) * 1e6);
  const valid = await corpusText({ seed, split: 'valid', fimShare }, number('valid-mb', 0.2) * 1e6);
  const bench = benchProblems(seed);
  const leaks = findLeaks(train.text);
  if (leaks.length > 0) throw new Error(`Held-out texts in the training text: ${leaks.slice(0, 10).join(', ')}`);
  const benchLeaks = bench.filter((problem) => train.text.includes(problem.prompt.slice(problem.prompt.lastIndexOf('/**'))));
  if (benchLeaks.length > 0) throw new Error(`Bench prompts in the training text: ${benchLeaks.map((p) => p.name).join(', ')}`);

  fs.writeFileSync(path.join(out, 'train.txt'), train.text);
  fs.writeFileSync(path.join(out, 'valid.txt'), valid.text);
  fs.writeFileSync(path.join(out, 'train.jsonl'), train.jsonl);
  fs.writeFileSync(path.join(out, 'valid.jsonl'), valid.jsonl);
  fs.mkdirSync(path.dirname(benchFile), { recursive: true });
  fs.writeFileSync(benchFile, bench.map((line) => JSON.stringify(line)).join('\n') + '\n');
  const meta = {
    seed,
    fimShare,
    kinds: TASK_KINDS.map((k) => ({ id: k.id, level: k.level })),
    train: train.stats,
    valid: valid.stats,
    bench: { problems: bench.length, file: path.relative(out, benchFile) },
  };
  fs.writeFileSync(path.join(out, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`train.txt ${train.stats.bytes} bytes (${train.stats.examples} examples), valid.txt ${valid.stats.bytes} bytes, ${bench.length} bench problems → ${out} (${seconds} s)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
