import path from 'node:path';
import type { BenchSettings } from '../engine/bench/benchTier';
import { type BenchProblem, readBenchProblems } from '../engine/bench/readBenchProblems';
import { openRunFile, type RunFileState } from '../engine/bench/runFile';
import { recordRun, type RecordProgress } from '../engine/bench/recordRun';
import { isServerTier, type TierConfig, tierName } from '../engine/config/TierConfig';
import { readTiersFile } from '../engine/config/readTiersFile';
import { DATASETS } from '../engine/datasets/datasetCatalog';
import { defaultDatasetsDir } from '../engine/datasets/datasetsDir';
import { resolveDataset } from '../engine/datasets/resolveDataset';
import { AbortError, CascadeError } from '../engine/errors';
import { TierModels } from '../engine/model/TierModels';
import { SandboxPool } from '../engine/sandbox/SandboxPool';
import { formatProgress } from './formatProgress';
import { parseFlags } from './parseFlags';

export const BENCH_USAGE = `cascade bench --dataset <jsonl|${DATASETS.map((d) => d.id).join('|')}> --tiers <tiers.json> --out <run.jsonl> [--limit N] [--seed S] [--max-k K] [--max-t T]`;

const BENCH_FLAGS = { dataset: 'string', tiers: 'string', out: 'string', limit: 'number', seed: 'number', 'max-k': 'number', 'max-t': 'number' } as const;

const isIntIn = (n: number | undefined, min: number, max: number) => n === undefined || (Number.isInteger(n) && n >= min && n <= max);

/** Everything a bench works through. */
interface BenchPlan {
  problems: BenchProblem[];
  tiers: TierConfig[];
  modelPaths: string[];
  file: string;
  state: RunFileState;
}

/**
 * `cascade bench`: records, for every problem of a dataset and every tier of a tiers file, K
 * candidates, K test samples (T asserts each), the pass matrix and the ground truth, one JSON
 * line per (problem, tier) appended to `--out` (see src/engine/tune/runRecord.schema.json).
 * Pairs already in `--out` are skipped, so an interrupted run resumes; Ctrl-C stops after the
 * last complete line (exit 130). Progress with ETA goes to `err`, the summary to `out`.
 * `--dataset` is a JSON Lines file or a catalog id (src/engine/datasets/datasetCatalog.ts),
 * downloaded once into defaultDatasetsDir (`$CASCADE_DATASETS_MIRROR` replaces the host).
 */
export async function benchCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { flags, positionals } = parseFlags(argv, BENCH_FLAGS);
  if (positionals.length > 0 || !flags.dataset || !flags.tiers || !flags.out) throw new CascadeError(`usage: ${BENCH_USAGE}`);
  if (!isIntIn(flags.limit, 1, Infinity)) throw new CascadeError('--limit must be a positive integer');
  if (!isIntIn(flags['max-k'], 1, 50)) throw new CascadeError('--max-k must be an integer from 1 to 50');
  if (!isIntIn(flags['max-t'], 1, 20)) throw new CascadeError('--max-t must be an integer from 1 to 20');
  const problems = readBenchProblems(await datasetFile(flags.dataset, err)).slice(0, flags.limit);
  const tiers = await readTiersFile(flags.tiers);
  const models = new TierModels({ baseDir: path.dirname(path.resolve(flags.tiers)) });
  // A server tier is recorded by its name: the run file cannot tell what model the server loaded.
  const modelPaths = tiers.map((tier) => (isServerTier(tier) ? tierName(tier) : models.modelPath(tier)));
  const state = openRunFile(flags.out);
  for (const [tier, model] of state.models) {
    if (modelPaths[tier] !== model) throw new CascadeError(`${flags.out} recorded tier ${tier} with ${model}, but the tiers file names ${modelPaths[tier] ?? 'no such tier'}: use another --out`);
  }
  if (state.truncated > 0) err.write(`note: cut off an unfinished last line of ${flags.out} (${state.truncated} bytes)\n`);

  // `on`, not `once`: a dependency's signal-exit handler re-raises SIGINT when it finds itself
  // the only listener, which `once` would make it. A second Ctrl-C exits at once.
  const controller = new AbortController();
  const onSigint = () => (controller.signal.aborted ? process.exit(130) : controller.abort());
  process.on('SIGINT', onSigint);
  const sandbox = new SandboxPool();
  const settings: BenchSettings = { sandbox, samples: flags['max-k'] ?? 10, testsPerSample: flags['max-t'] ?? 4, seed: flags.seed ?? 1, runTimeoutMs: 1000, signal: controller.signal };
  const plan = { problems, tiers, modelPaths, file: flags.out, state };
  try {
    const recorded = await recordAll(plan, settings, models, err);
    out.write(`${flags.out}: ${recorded} records written, ${state.done.size - recorded} were already there\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof AbortError)) throw error;
    err.write(`\ninterrupted: ${flags.out} holds ${state.done.size} complete records; run the same command again to resume\n`);
    return 130;
  } finally {
    process.off('SIGINT', onSigint);
    await Promise.allSettled([models.dispose(), sandbox.dispose()]);
  }
}

/** The file `--dataset` names, downloading a catalog dataset that is not there yet (progress on `err`). */
async function datasetFile(value: string, err: NodeJS.WritableStream): Promise<string> {
  const dirPath = defaultDatasetsDir();
  const isTty = (err as NodeJS.WriteStream).isTTY === true;
  let shown = false;
  const file = await resolveDataset(value, {
    dirPath,
    mirror: process.env.CASCADE_DATASETS_MIRROR,
    onFetch: (url) => err.write(`${value}: downloading ${url} into ${dirPath}\n`),
    onProgress: ({ downloadedBytes, totalBytes }) => {
      if (!isTty) return;
      shown = true;
      err.write(`\r\x1b[2K${value}: ${Math.round(downloadedBytes / 1024)} of ${totalBytes ? Math.round(totalBytes / 1024) : '?'} KiB`);
    },
  });
  if (shown) err.write('\n');
  return file;
}

/** Records what is missing from the run file, with progress on `err`; returns how many pairs it wrote. */
async function recordAll(plan: BenchPlan, settings: BenchSettings, models: TierModels, err: NodeJS.WritableStream): Promise<number> {
  const progress = progressReporter(err);
  const recorded = await recordRun(
    {
      ...plan,
      modelFor: (config) => models.modelFor({ ...config, samples: settings.samples }),
      onProgress: progress.show,
      onSkip: (problem) => err.write(`${problem.id}: no function body at the end of the prompt (expected ${problem.entryPoint}); skipped\n`),
    },
    settings,
  );
  progress.finish();
  return recorded;
}

/** Progress on `err`: redrawn in place on a terminal, one line per update otherwise. */
function progressReporter(err: NodeJS.WritableStream) {
  const started = performance.now();
  const isTty = (err as NodeJS.WriteStream).isTTY === true;
  return {
    show: ({ done, total, recorded, label }: RecordProgress) => {
      const line = formatProgress({ done, total, recorded, elapsedMs: performance.now() - started, label });
      err.write(isTty ? `\r\x1b[2K${line}` : `${line}\n`);
    },
    finish: () => {
      if (isTty) err.write('\n');
    },
  };
}
