// Latency of what a user waits for, through the product's own model layer:
// - prompt evaluation with a random-weight GGUF of Qwen2.5-Coder-0.5B's exact shapes and
//   vocabulary (qwenSizedGguf.ts, generated once into ~/.cache/cascade-bench): cold, then one
//   character typed at the cursor at the end of a ~1,000-token document and in its middle
//   (where the capped suffix is evaluated again); goals warm ≤ 5% of cold at the end, ≤ 40%
//   mid-file;
// - k samples of one prompt one after another vs as parallel sequences (`--parallel`);
// - early stop, with the canned GGUFs (test/fixtures/cannedGguf.mjs), whose greedy answers are
//   fixed and ramble on past the function: the tokens a candidate costs vs the tokens of the
//   function (goal ≤ function + 3), and a test sample's tokens at its t-th assert;
// - a 2-tier cascade of canned models (a wrong tier 1, a right tier 2): when the first ghost
//   text is ready (goal ≤ one greedy candidate + 100 ms) and when the verified one is.
//
//   npm run bench:latency [-- --json] [--threads N] [--gpu] [--parallel on|off|both] [--samples K] [--suffix-lines 24,16]
import os from 'node:os';
import path from 'node:path';
import { setAssetDir } from '../../src/engine/assets';
import { generateAsserts } from '../../src/engine/cascade/generateAsserts';
import { generateCandidates } from '../../src/engine/cascade/generateCandidates';
import { runCascade } from '../../src/engine/cascade/runCascade';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { indexDocument } from '../../src/engine/context/indexDocument';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { LlamaCppBackend } from '../../src/engine/model/LlamaCppBackend';
import { LlamaModelProvider } from '../../src/engine/model/LlamaModelProvider';
import { DEFAULT_SUFFIX_LINES, type GenerateOptions, type ModelSpec } from '../../src/engine/model/ModelBackend';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { writeCannedGgufs } from '../fixtures/cannedGguf.mjs';
import { qwenSizedGguf } from './qwenSizedGguf';

const root = path.resolve(__dirname, '..', '..');
const GENERATED = path.join(root, 'test', 'fixtures', 'generated');
// One keystroke at a time, as a user writes `a + b`.
const TYPED = ' a +';
const CLAMP = '// Clamps x into [lo, hi].\nfunction clamp(x, lo, hi) {\n  ';
const TESTS_PER_SAMPLE = 2;

interface Flags {
  json: boolean;
  threads: number;
  gpu: boolean;
  parallel: 'on' | 'off' | 'both';
  samples: number;
  suffixLines: number[];
}

function parseFlags(argv: string[]): Flags {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const parallel = value('--parallel') ?? 'both';
  if (!['on', 'off', 'both'].includes(parallel)) throw new Error('--parallel must be on, off or both');
  const suffixLines = (value('--suffix-lines') ?? `${DEFAULT_SUFFIX_LINES},16`).split(',').map(Number);
  return {
    json: argv.includes('--json'),
    threads: Number(value('--threads') ?? 1),
    gpu: argv.includes('--gpu'),
    parallel: parallel as Flags['parallel'],
    samples: Number(value('--samples') ?? 4),
    suffixLines,
  };
}

/** ~1,000 tokens of ordinary JavaScript, ending inside an unfinished function. */
function document(): { text: string; mid: number } {
  const functions = Array.from({ length: 13 }, (_, i) => [
    `/** Returns the sum of the first n values of xs, each scaled by ${i + 2}. */`,
    `function scaledSum${i}(xs, n) {`,
    '  let total = 0;',
    `  for (let i = 0; i < Math.min(n, xs.length); i++) total += xs[i] * ${i + 2};`,
    '  return total;',
    '}',
    '',
  ].join('\n'));
  const head = functions.slice(0, 6).join('\n');
  const tail = functions.slice(6).join('\n');
  // The middle cursor sits in a body, as a user writing a function in the middle of a file.
  const middle = '/** Whether every value of xs is below the limit. */\nfunction allBelow(xs, limit) {\n  return xs.every((x) =>';
  const text = `${head}\n${middle}\n}\n\n${tail}\n/** The largest value of xs. */\nfunction largest(xs) {\n  return xs.reduce((a, b) =>`;
  return { text, mid: head.length + 1 + middle.length };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (n: number): number => Math.round(n);

/** Cold prompt, then one character typed at `cursor` per keystroke: times and evaluated tokens. */
async function promptTimes(spec: ModelSpec, text: string, cursor: number, log: (line: string) => void) {
  const backend = new LlamaCppBackend(spec, { gpu: spec.gpuLayers === 0 ? false : 'auto' });
  try {
    await backend.load();
    const ask = (prefix: string): GenerateOptions => ({ prefix, suffix: text.slice(cursor), maxTokens: 1, temperature: 0 });
    let prefix = text.slice(0, cursor);
    let started = performance.now();
    const cold = await backend.generate(ask(prefix));
    const coldMs = performance.now() - started;
    const warm: { ms: number; evaluated: number }[] = [];
    for (const typed of TYPED) {
      prefix += typed;
      started = performance.now();
      const generation = await backend.generate(ask(prefix));
      warm.push({ ms: performance.now() - started, evaluated: generation.prompt!.evaluated });
    }
    const warmMs = median(warm.map((w) => w.ms));
    log(`  cold ${round(coldMs)} ms (${cold.prompt!.evaluated} tokens), warm ${warm.map((w) => `${round(w.ms)} ms (${w.evaluated})`).join(', ')}`);
    return { coldMs, warmMs, promptTokens: cold.prompt!.tokens, coldEvaluated: cold.prompt!.evaluated, warmEvaluated: median(warm.map((w) => w.evaluated)) };
  } finally {
    await backend.dispose();
  }
}

/** k sampled generations of one prompt with parallelSamples `mode`, wall time. */
async function samplingTime(spec: ModelSpec, mode: 'on' | 'off', text: string, k: number) {
  const backend = new LlamaCppBackend({ ...spec, parallelSamples: mode, samples: k }, { gpu: spec.gpuLayers === 0 ? false : 'auto' });
  try {
    await backend.load();
    const requests = Array.from({ length: k }, (_, i): GenerateOptions => ({ prefix: text, suffix: '', maxTokens: 32, temperature: 0.8, seed: i + 1 }));
    // The prompt is evaluated first, once per sequence, so that the time is the sampling's.
    await backend.generateMany(requests.map((r) => ({ ...r, maxTokens: 1 })));
    const started = performance.now();
    const generations = await backend.generateMany(requests);
    return { ms: performance.now() - started, tokens: generations.reduce((n, g) => n + g.tokens, 0), parallel: backend.parallel };
  } finally {
    await backend.dispose();
  }
}

/** Early stop on the canned right clamp: candidate tokens vs the function's, a test sample's tokens at its t-th assert. */
async function earlyStop(model: string, threads: number) {
  const backend = new LlamaCppBackend({ model, threads }, { gpu: false });
  try {
    const fn = (await findFunctionAtCursor(CLAMP, CLAMP.length, 'javascript'))!;
    const ctx = { document: CLAMP, fn, context: await indexDocument({ document: CLAMP, fn }), seed: 1 };
    const [candidate] = await generateCandidates({ samples: 1, temperature: 0, maxTokens: 256 }, backend, ctx);
    // The same greedy generation without a stop: when was the function's text complete, and where would it end?
    const marks: [number, number][] = [];
    const full = await backend.generate({
      prefix: CLAMP,
      suffix: '',
      maxTokens: 256,
      temperature: 0,
      stopAt: (text, tokens) => void marks.push([text.length, tokens]),
    });
    const functionTokens = marks.find(([length]) => length >= candidate.completion.length)?.[1];
    const tier = { samples: 1, temperature: 0, maxTokens: 256 };
    const stopped = await generateAsserts({ ...tier, testsPerSample: TESTS_PER_SAMPLE }, backend, ctx);
    const whole = await generateAsserts({ ...tier, testsPerSample: 20 }, backend, ctx);
    return {
      candidateTokens: candidate.tokens,
      functionTokens,
      candidateTokensWithoutEarlyStop: full.tokens,
      testTokensPerSample: {
        t: TESTS_PER_SAMPLE,
        tokens: stopped.testSamples[0].tokens,
        assertTokens: stopped.testSamples[0].assertTokens,
        withoutEarlyStop: whole.testSamples[0].tokens,
        assertsWithoutEarlyStop: whole.asserts.length,
      },
    };
  } finally {
    await backend.dispose();
  }
}

/** A wrong canned tier 1 and a right canned tier 2, models loaded: first ghost text and verified answer, ms. */
async function cannedCascade(models: { wrong: string; right: string }, threads: number) {
  const provider = new LlamaModelProvider({ gpu: false });
  const sandbox = new SandboxPool({ size: 1 });
  try {
    const tiers = validateTiers([
      { model: models.wrong, samples: 3, testsPerSample: 4, maxTokens: 128 },
      { model: models.right, samples: 3, testsPerSample: 4, maxTokens: 128 },
    ]);
    const modelFor = (tier: (typeof tiers)[number]) => provider.get({ model: tier.model!, threads, samples: tier.samples });
    const fn = (await findFunctionAtCursor(CLAMP, CLAMP.length, 'javascript'))!;
    const run = async () => {
      const started = performance.now();
      let firstGhostMs: number | undefined;
      const result = await runCascade({
        document: CLAMP,
        fn,
        tiers,
        modelFor,
        sandbox,
        onCandidate: (candidate) => {
          if (candidate.usable) firstGhostMs ??= performance.now() - started;
        },
      });
      return { firstGhostMs, verifiedMs: performance.now() - started, verdict: result.verdict, acceptedTier: result.acceptedTier };
    };
    // The first run loads both models and the sandbox; the second is what a user with warm models waits for.
    await run();
    const warm = await run();
    const ctx = { document: CLAMP, fn, context: await indexDocument({ document: CLAMP, fn }), seed: 1 };
    const started = performance.now();
    await generateCandidates({ samples: 1, temperature: 0, maxTokens: 128 }, modelFor(tiers[0]), ctx);
    return { ...warm, greedyCandidateMs: performance.now() - started };
  } finally {
    await Promise.all([provider.dispose(), sandbox.dispose()]);
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const log = (line: string) => (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
  setAssetDir(path.join(root, 'dist'));
  const loadBefore = os.loadavg();
  const model = await qwenSizedGguf(log);
  const spec: ModelSpec = { model, threads: flags.threads, gpuLayers: flags.gpu ? 'auto' : 0 };
  const doc = document();

  log(`end of the document (${flags.threads} thread${flags.threads === 1 ? '' : 's'}${flags.gpu ? ', GPU' : ''}):`);
  const end = await promptTimes(spec, doc.text, doc.text.length, log);
  const mid: Record<number, Awaited<ReturnType<typeof promptTimes>>> = {};
  for (const lines of flags.suffixLines) {
    log(`middle of the document, suffix capped at ${lines} lines:`);
    mid[lines] = await promptTimes({ ...spec, suffixLines: lines }, doc.text, doc.mid, log);
  }
  const modes = flags.parallel === 'both' ? (['off', 'on'] as const) : [flags.parallel];
  const sampling: Record<string, unknown> = { k: flags.samples, maxTokens: 32 };
  for (const mode of modes) {
    log(`${flags.samples} samples of 32 tokens, parallelSamples ${mode}:`);
    const timed = await samplingTime(spec, mode, doc.text, flags.samples);
    log(`  ${round(timed.ms)} ms for ${timed.tokens} tokens`);
    sampling[mode === 'on' ? 'parallelMs' : 'sequentialMs'] = round(timed.ms);
  }

  const [right, wrong] = ['canned-clamp-right', 'canned-clamp-wrong'].map((name) => path.join(GENERATED, `${name}.gguf`));
  writeCannedGgufs(GENERATED);
  log('early stop (canned right clamp):');
  const stops = await earlyStop(right, flags.threads);
  log(`  candidate ${stops.candidateTokens} tokens, function ${stops.functionTokens}, without early stop ${stops.candidateTokensWithoutEarlyStop}`);
  log('2-tier canned cascade (wrong, then right), models warm:');
  const cascade = await cannedCascade({ wrong, right }, flags.threads);
  log(`  first ghost ${cascade.firstGhostMs?.toFixed(1)} ms (one greedy candidate ${cascade.greedyCandidateMs.toFixed(1)} ms), ${cascade.verdict} at ${cascade.verifiedMs.toFixed(1)} ms`);

  const defaultMid = mid[flags.suffixLines[0]];
  const report = {
    model: path.basename(model),
    threads: flags.threads,
    gpu: flags.gpu,
    cpus: os.availableParallelism(),
    loadAverage: { before: loadBefore.map((n) => Number(n.toFixed(2))), after: os.loadavg().map((n) => Number(n.toFixed(2))) },
    documentTokens: end.promptTokens,
    coldPromptMs: round(end.coldMs),
    warmPromptMs: round(end.warmMs),
    warmOverCold: Number((end.warmMs / end.coldMs).toFixed(3)),
    evaluated: { cold: end.coldEvaluated, warm: end.warmEvaluated },
    suffixLines: flags.suffixLines[0],
    coldMidPromptMs: round(defaultMid.coldMs),
    warmMidPromptMs: round(defaultMid.warmMs),
    warmMidOverCold: Number((defaultMid.warmMs / defaultMid.coldMs).toFixed(3)),
    midBySuffixLines: Object.fromEntries(Object.entries(mid).map(([lines, m]) => [lines, {
      coldMs: round(m.coldMs),
      warmMs: round(m.warmMs),
      warmOverCold: Number((m.warmMs / m.coldMs).toFixed(3)),
      evaluated: { cold: m.coldEvaluated, warm: m.warmEvaluated },
    }])),
    sampling,
    candidateTokens: stops.candidateTokens,
    functionTokens: stops.functionTokens,
    candidateTokensWithoutEarlyStop: stops.candidateTokensWithoutEarlyStop,
    testTokensPerSample: stops.testTokensPerSample,
    firstGhostMs: cascade.firstGhostMs === undefined ? null : Number(cascade.firstGhostMs.toFixed(1)),
    greedyCandidateMs: Number(cascade.greedyCandidateMs.toFixed(1)),
    verifiedMs: Number(cascade.verifiedMs.toFixed(1)),
    verdict: cascade.verdict,
    acceptedTier: cascade.acceptedTier,
    notes: [
      'prompt times: random-weight Qwen2.5-Coder-0.5B-shaped Q8_0 GGUF, maxTokens 1 (prompt evaluation plus one token), median of 4 keystrokes',
      'early stop, firstGhostMs and verifiedMs: the tiny canned GGUFs, whose cost per token is far below a real model\'s; they show the token counts and the order of events, not real latency',
    ],
  };
  if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else log(JSON.stringify(report, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
