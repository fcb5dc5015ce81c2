// `npm run models:toy`: reproduces the toy models in models/toy/ — corpus → tokenizer →
// tokenised documents → training → export, all seeded. Every stage keeps its output in
// test/toy/generated/ with a stamp of its inputs and is skipped when that is current, so a
// second run only redoes what changed.
//
//   npm run models:toy [-- --sizes toy-s,toy-m] [--stop-after tokenize] [--threads 1] [--jobs 2]
//
// --sizes: which models (default all); --jobs: sizes trained at once (each with --threads
// threads); --stop-after: corpus | tokenizer | tokenize | train. Training (test/toy/train/
// trainToy.py, PyTorch on the CPU) runs at nice 10.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTROL_TOKENS } from '../../fixtures/llamaGguf.mjs';
import { learnBpe, vocabulary, type Bpe } from './bpe';
import { exampleTokens, readExamples, segmentsOf, writeDocs } from './examples';
import { CONTEXT, CORPUS_SEED, MERGES, SIZES, TRAIN_MB, VALID_MB, type ToyTraining } from './sizes';
import { initTensors, parameterCount, readTrainedTensors, toyGgufBytes } from './toyGguf';

const REPO = path.resolve(__dirname, '..', '..', '..');
const GENERATED = path.join(REPO, 'test', 'toy', 'generated');
const CORPUS = path.join(GENERATED, 'corpus');
const MODELS = path.join(REPO, 'models', 'toy');
const DESCRIPTION =
  'Toy code model trained by Cascade (npm run models:toy) on its own generated corpus of small JavaScript/TypeScript functions, for testing and demonstration only; meaningless on real code.';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

const log = (line: string) => console.error(`[models:toy] ${line}`);
const hash = (...parts: Array<string | Buffer>) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
};

/** Runs `make` unless `stampFile` holds `stamp`, then records it. */
async function stage(name: string, stampFile: string, stamp: string, make: () => Promise<void> | void): Promise<void> {
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    log(`${name}: up to date`);
    return;
  }
  const started = performance.now();
  log(`${name}: …`);
  await make();
  writeFileSync(stampFile, stamp);
  log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function runProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; prefix?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO, env: options.env ?? process.env, stdio: ['ignore', 'inherit', 'pipe'] });
    let tail = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-4000);
      for (const line of chunk.split('\n')) if (line.trim() && !/^\.+$/.test(line.trim())) process.stderr.write(`${options.prefix ?? ''}${line}\n`);
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${tail.slice(-800)}`))));
  });
}

async function corpus(): Promise<void> {
  const generator = path.join(REPO, 'test', 'toy', 'corpus');
  const args = ['--seed', String(CORPUS_SEED), '--train-mb', String(TRAIN_MB), '--valid-mb', String(VALID_MB), '--out', CORPUS, '--bench', path.join(CORPUS, 'bench.jsonl')];
  const sources = readdirSync(generator, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const stamp = hash(args.join(' '), ...sources.flatMap((f) => [f, readFileSync(path.join(generator, f))]));
  mkdirSync(CORPUS, { recursive: true });
  await stage('corpus', path.join(CORPUS, 'stamp'), stamp, () => runProcess('node', ['--import', 'tsx', path.join(generator, 'writeCorpus.ts'), ...args]));
}

async function tokenizer(): Promise<Bpe> {
  const file = path.join(GENERATED, 'tokenizer.json');
  const train = readFileSync(path.join(CORPUS, 'train.jsonl'));
  await stage('tokenizer', `${file}.stamp`, hash(train, String(MERGES)), () => {
    const examples = readExamples(path.join(CORPUS, 'train.jsonl'));
    const bpe = learnBpe(examples.flatMap(segmentsOf), MERGES);
    writeFileSync(file, JSON.stringify({ merges: bpe.merges.map(([a, b]) => `${a} ${b}`) }));
    log(`tokenizer: ${bpe.merges.length} merges, vocabulary ${vocabulary(bpe, CONTROL_TOKENS).length}`);
  });
  const { merges } = JSON.parse(readFileSync(file, 'utf8')) as { merges: string[] };
  return { merges: merges.map((m) => m.split(' ') as [string, string]) };
}

const VOCAB_MODEL = path.join(GENERATED, 'vocab.gguf');

/** A GGUF with the toy tokenizer (and the smallest size's shape, random weights) that node-llama-cpp tokenises the corpus with. */
async function vocabModel(bpe: Bpe): Promise<void> {
  const size = SIZES[0];
  await stage('vocabulary model', `${VOCAB_MODEL}.stamp`, hash(JSON.stringify(bpe.merges), JSON.stringify(size), String(CONTEXT)), () => {
    writeFileSync(VOCAB_MODEL, toyGgufBytes(size, bpe, CONTEXT, DESCRIPTION, initTensors(size, vocabulary(bpe, CONTROL_TOKENS).length, { seed: size.seed })));
  });
}

async function tokenize(vocabModel: string, bpe: Bpe): Promise<void> {
  const inputs = ['train', 'valid'].map((s) => readFileSync(path.join(CORPUS, `${s}.jsonl`)));
  await stage('tokenize', path.join(GENERATED, 'docs.stamp'), hash(...inputs, JSON.stringify(bpe.merges)), async () => {
    const { getLlama } = await import('node-llama-cpp');
    const llama = await getLlama({ gpu: false, build: 'never', skipDownload: true, progressLogs: false });
    const model = await llama.loadModel({ modelPath: vocabModel, vocabOnly: true });
    try {
      for (const split of ['train', 'valid']) {
        const docs = readExamples(path.join(CORPUS, `${split}.jsonl`)).map((e) => exampleTokens(model, e));
        const tokens = docs.reduce((n, d) => n + d.length, 0);
        const longest = docs.reduce((n, d) => Math.max(n, d.length), 0);
        log(`tokenize: ${split} ${docs.length} documents, ${tokens} tokens (mean ${(tokens / docs.length).toFixed(0)}, longest ${longest})`);
        writeDocs(path.join(GENERATED, `${split}.bin`), docs);
      }
    } finally {
      await model.dispose();
    }
  });
}

const trainedFile = (size: ToyTraining) => path.join(GENERATED, `${size.name}.trained.bin`);
const logFile = (size: ToyTraining) => path.join(GENERATED, `${size.name}.log.tsv`);
const TRAINER = path.join(__dirname, 'trainToy.py');

/** The Python that has PyTorch (`CASCADE_PYTHON`, else Debian's, where apt-get installs python3-torch). */
function python(): string {
  const candidates = [process.env.CASCADE_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);
  for (const candidate of candidates) {
    if (spawnSync(candidate, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error('training needs PyTorch and NumPy: `sudo apt-get install -y python3-torch python3-numpy` (or set CASCADE_PYTHON to a python that has them)');
}

async function train(size: ToyTraining, nVocab: number, threads: number): Promise<void> {
  const docsStamp = readFileSync(path.join(GENERATED, 'docs.stamp'), 'utf8');
  const stamp = hash(JSON.stringify(size), String(nVocab), String(CONTEXT), docsStamp, readFileSync(TRAINER));
  await stage(`train ${size.name}`, `${trainedFile(size)}.stamp`, stamp, async () => {
    const args = [
      '-n', '10', python(), TRAINER,
      '--docs', path.join(GENERATED, 'train.bin'), '--val', path.join(GENERATED, 'valid.bin'),
      '--out', trainedFile(size), '--log', logFile(size),
      '--vocab', String(nVocab), '--embd', String(size.nEmbd), '--blocks', String(size.nBlocks), '--heads', String(size.nHeads), '--ff', String(size.nFf),
      '--ctx', String(CONTEXT), '--batch', String(size.batch), '--steps', String(size.steps), '--warmup', String(size.warmup),
      '--lr', String(size.lr), '--lr-min', String(size.lrMin), '--seed', String(size.seed), '--threads', String(threads),
      '--eval-every', '100', '--eval-windows', '32',
    ];
    await runProcess('nice', args, { prefix: `[${size.name}] ` });
  });
}

/** Writes the committed model: the toy metadata and the trained weights (matrices f16, norms f32). */
function exportModel(size: ToyTraining, bpe: Bpe): void {
  const trained = readTrainedTensors(trainedFile(size));
  const expected = initTensors(size, vocabulary(bpe, CONTROL_TOKENS).length, { seed: size.seed });
  const tensors = expected.map((t) => {
    const got = trained.get(t.name);
    if (!got || got.dims.join() !== t.dims.join()) throw new Error(`${trainedFile(size)}: tensor ${t.name} is missing or has another shape`);
    return { ...t, type: t.dims.length === 1 ? ('f32' as const) : ('f16' as const), data: got.data };
  });
  mkdirSync(path.join(MODELS, 'curves'), { recursive: true });
  writeFileSync(path.join(MODELS, `${size.name}.gguf`), toyGgufBytes(size, bpe, CONTEXT, DESCRIPTION, tensors));
  copyFileSync(logFile(size), path.join(MODELS, 'curves', `${size.name}.tsv`));
  log(`export: models/toy/${size.name}.gguf`);
}

async function main(): Promise<void> {
  const names = flag('sizes')?.split(',');
  const sizes = names ? SIZES.filter((s) => names.includes(s.name)) : SIZES;
  if (sizes.length === 0) throw new Error(`--sizes: none of ${names?.join(', ')} (known: ${SIZES.map((s) => s.name).join(', ')})`);
  const stopAfter = flag('stop-after');
  const threads = Number(flag('threads') ?? 1);
  const jobs = Number(flag('jobs') ?? 2);
  mkdirSync(GENERATED, { recursive: true });

  await corpus();
  if (stopAfter === 'corpus') return;
  const bpe = await tokenizer();
  if (stopAfter === 'tokenizer') return;
  await vocabModel(bpe);
  await tokenize(VOCAB_MODEL, bpe);
  const nVocab = vocabulary(bpe, CONTROL_TOKENS).length;
  for (const size of sizes) log(`${size.name}: ${(parameterCount(size, nVocab) / 1e6).toFixed(2)}M parameters`);
  if (stopAfter === 'tokenize') return;
  // Each size trains in its own process, `jobs` of them at a time, the largest first: it takes
  // longest, so the smaller ones follow each other on the other jobs meanwhile.
  const queue = [...sizes].sort((a, b) => parameterCount(b, nVocab) - parameterCount(a, nVocab));
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      for (let size = queue.shift(); size; size = queue.shift()) await train(size, nVocab, threads);
    }),
  );
  if (stopAfter === 'train') return;
  for (const size of sizes) exportModel(size, bpe);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
