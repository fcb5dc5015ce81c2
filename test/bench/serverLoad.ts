// Load on a shared model server: 20 cascades at once from 4 clients (4 editors, each with its own
// server backend and sandbox) against one llama-server --parallel 4 serving the trained toy-m
// (models/toy). Each cascade completes one held-out problem of models/toy/bench.jsonl through a
// server tier (k samples in one request, t asserts per test sample). Prints failures, throughput
// and p50/p95 latency; the goal is 0 failures.
//
//   npm run bench:server [-- --clients 4 --cascades 20 --parallel 4 --samples 3 --tests 2 --json]
import path from 'node:path';
import { setAssetDir } from '../../src/engine/assets';
import { runCascade } from '../../src/engine/cascade/runCascade';
import type { CascadeResult } from '../../src/engine/cascade/CascadeResult';
import { readBenchProblems } from '../../src/engine/bench/readBenchProblems';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { TierModels } from '../../src/engine/model/TierModels';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { parseFlags } from '../../src/cli/parseFlags';
import { llamaServerMissing, serverMetric, startLlamaServer } from '../fixtures/llamaServer.mjs';

const ROOT = path.resolve(__dirname, '..', '..');
setAssetDir(path.join(ROOT, 'dist'));

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const { flags } = parseFlags(process.argv.slice(2), { clients: 'number', cascades: 'number', parallel: 'number', samples: 'number', tests: 'number', json: 'boolean' });
  const [clients, cascades, parallel] = [flags.clients ?? 4, flags.cascades ?? 20, flags.parallel ?? 4];
  const missing = llamaServerMissing();
  if (missing) throw new Error(missing);
  const problems = readBenchProblems(path.join(ROOT, 'models', 'toy', 'bench.jsonl')).slice(0, cascades);
  const server = await startLlamaServer({ model: path.join(ROOT, 'models', 'toy', 'toy-m.gguf'), parallel, contextSize: 256, threads: 2 });
  const tiers = validateTiers([{ server: server.origin, samples: flags.samples ?? 3, testsPerSample: flags.tests ?? 2, maxTokens: 96 }]);
  const editors = Array.from({ length: clients }, () => ({ models: new TierModels(), sandbox: new SandboxPool() }));
  try {
    // Warm each client's sandbox and the server's first prompt, as an editor that has been open a while.
    await Promise.all(editors.map(({ models, sandbox }) => Promise.all([sandbox.run({ code: '0' }), models.modelFor(tiers[0]).load()])));
    const predictedBefore = (await serverMetric(server.origin, 'llamacpp:tokens_predicted_total')) ?? 0;
    const started = performance.now();
    const outcomes = await Promise.all(
      problems.map(async (problem, i) => {
        const { models, sandbox } = editors[i % clients];
        const t0 = performance.now();
        try {
          const fn = await findFunctionAtCursor(problem.prompt, problem.prompt.length, problem.language);
          if (!fn) throw new Error(`${problem.id}: no function at the end of the prompt`);
          const result: CascadeResult = await runCascade({ document: problem.prompt, fn, tiers, modelFor: (tier) => models.modelFor(tier), sandbox, seed: 1 });
          const error = result.trace.find((t) => t.error)?.error;
          return { ms: performance.now() - t0, error, accepted: result.acceptedTier !== null };
        } catch (error) {
          return { ms: performance.now() - t0, error: error instanceof Error ? error.message : String(error), accepted: false };
        }
      }),
    );
    const wallS = (performance.now() - started) / 1000;
    const predicted = ((await serverMetric(server.origin, 'llamacpp:tokens_predicted_total')) ?? 0) - predictedBefore;
    const sorted = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const failures = outcomes.filter((o) => o.error);
    const report = {
      clients,
      cascades: outcomes.length,
      serverParallel: parallel,
      failures: failures.length,
      accepted: outcomes.filter((o) => o.accepted).length,
      wallSeconds: Number(wallS.toFixed(2)),
      cascadesPerSecond: Number((outcomes.length / wallS).toFixed(2)),
      serverTokensPerSecond: Math.round(predicted / wallS),
      p50Ms: Math.round(percentile(sorted, 50)),
      p95Ms: Math.round(percentile(sorted, 95)),
      maxMs: Math.round(sorted.at(-1) ?? 0),
    };
    if (flags.json) console.log(JSON.stringify(report));
    else {
      console.log(`${report.cascades} cascades from ${clients} clients against llama-server --parallel ${parallel} (toy-m, k=${tiers[0].samples}, t=${tiers[0].testsPerSample})`);
      console.log(`failures ${report.failures}; accepted at their tier ${report.accepted}`);
      console.log(`wall ${report.wallSeconds} s; throughput ${report.cascadesPerSecond} cascades/s, ${report.serverTokensPerSecond} generated tokens/s on the server`);
      console.log(`latency p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms, max ${report.maxMs} ms`);
      for (const failure of failures) console.log(`  failed: ${failure.error}`);
    }
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    await Promise.all(editors.flatMap(({ models, sandbox }) => [models.dispose(), sandbox.dispose()]));
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
