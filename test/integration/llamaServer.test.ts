// Server tiers against a real llama.cpp llama-server (built from the source node-llama-cpp ships,
// see test/server/buildLlamaServer.sh) on 127.0.0.1. Two project-made models are served: the
// trained toy-m of models/toy (it writes code: FIM through /infill, a mixed cascade) and the
// random tiny GGUF of test/fixtures (it never ends its text, so a long generation is always under
// way when the test cancels it — which proves the server stopped, not that the text was short).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AbortError } from '../../src/engine/errors';
import { ServerBackend } from '../../src/engine/server/ServerBackend';
import { llamaServerMissing, serverMetric, startLlamaServer, waitForIdleSlots } from '../fixtures/llamaServer.mjs';
import { runCli } from '../helpers/runCli';
import { skipLoudly } from '../helpers/skipLoudly';

const ROOT = path.resolve(__dirname, '..', '..');
const TOY = path.join(ROOT, 'models', 'toy');
const TINY = path.join(ROOT, 'test', 'fixtures', 'generated', 'tiny-a.gguf');
const PREDICTED = 'llamacpp:tokens_predicted_total';

type Server = Awaited<ReturnType<typeof startLlamaServer>>;

describe('server tier against a real llama-server (loopback)', function () {
  this.timeout(120_000);
  let toy: Server | undefined;
  let tiny: Server | undefined;

  before(async function () {
    const missing = llamaServerMissing();
    if (missing) skipLoudly(this, 'llama-server not built', missing);
    [toy, tiny] = await Promise.all([
      startLlamaServer({ model: path.join(TOY, 'toy-m.gguf'), parallel: 4, contextSize: 256 }),
      startLlamaServer({ model: TINY, parallel: 1, contextSize: 2048 }),
    ]);
  });
  after(async () => {
    await Promise.all([toy?.stop(), tiny?.stop()]);
  });

  it("asks /props and /infill: the toy model's FIM tokens make it an infill tier, and it fills a body through /infill", async () => {
    const model = new ServerBackend({ server: toy!.origin });
    await model.load();
    assert.equal(model.supportsInfill, true);
    const generation = await model.generate({ prefix: '/** Returns the square of n. */\nfunction square(n) {\n  ', suffix: '\n}\n', maxTokens: 40, temperature: 0 });
    assert.equal(generation.infill, true);
    assert.match(generation.text, /return n \* n;/);
    assert.ok(generation.tokens > 0 && generation.tokens <= 40, `tokens ${generation.tokens}`);
    assert.deepEqual(model.state, { kind: 'ready', infill: true });
  });

  it('k samples go as one request with n: the server decodes them in its slots and they differ by seed', async () => {
    const model = new ServerBackend({ server: toy!.origin });
    const prompt = '// Create a set of tests for this function:\n/** Returns the square of n. */\nfunction square(n) {\n  return n * n;\n}\nassert.deepStrictEqual(square(';
    const generations = await model.generateMany([0, 1, 2, 3].map((i) => ({ prefix: prompt, maxTokens: 24, temperature: 1, seed: 10 + i })));
    assert.equal(generations.length, 4);
    assert.ok(generations.every((g) => g.tokens > 0 && !g.infill), JSON.stringify(generations));
    assert.ok(new Set(generations.map((g) => g.text)).size > 1, `all four samples are the same: ${JSON.stringify(generations.map((g) => g.text))}`);
  });

  it('a keystroke (abort) mid-stream stops the generation on the server: its slot goes idle long before max tokens', async () => {
    const before = (await serverMetric(tiny!.origin, PREDICTED)) ?? 0;
    const model = new ServerBackend({ server: tiny!.origin });
    const controller = new AbortController();
    const pending = model.generate({ prefix: 'function f(', maxTokens: 1900, temperature: 0, signal: controller.signal, stopAt: () => void controller.abort() });
    await assert.rejects(pending, AbortError);
    await waitForIdleSlots(tiny!.origin);
    const predicted = ((await serverMetric(tiny!.origin, PREDICTED)) ?? 0) - before;
    assert.ok(predicted < 950, `the server predicted ${predicted} of 1900 tokens after the abort`);
  });

  it('an early stop (stopAt) closes the stream and the server stops too; an uncut run of the same request generates every token', async () => {
    const model = new ServerBackend({ server: tiny!.origin });
    const request = { prefix: 'function g(', maxTokens: 1900, temperature: 0 };
    const start = (await serverMetric(tiny!.origin, PREDICTED)) ?? 0;
    const cut = await model.generate({ ...request, stopAt: (text) => (text.length >= 3 ? 3 : undefined) });
    assert.equal(cut.stopReason, 'complete');
    assert.equal(cut.text.length, 3);
    await waitForIdleSlots(tiny!.origin);
    const afterCut = (await serverMetric(tiny!.origin, PREDICTED)) ?? 0;
    assert.ok(afterCut - start < 950, `the server predicted ${afterCut - start} tokens after the cut`);
    const full = await model.generate(request);
    assert.equal(full.stopReason, 'maxTokens');
    assert.equal(full.tokens, 1900);
    assert.equal(((await serverMetric(tiny!.origin, PREDICTED)) ?? 0) - afterCut, 1900);
  });

  it('a mixed cascade through the CLI: local toy-s at tier 1 is rejected, toy-m on the server accepts at tier 2, and the trace names both', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-mixed-'));
    const tiers = path.join(dir, 'tiers.json');
    const local = { model: path.join(TOY, 'toy-s.gguf'), samples: 1, testsPerSample: 2, threshold: 1 };
    writeFileSync(tiers, JSON.stringify({ tiers: [local, { server: toy!.origin, samples: 1, testsPerSample: 2, threshold: 0.5 }] }));
    const run = await runCli('complete', path.join(ROOT, 'test', 'fixtures', 'demo', 'palindrome.js'), '--line', '3', '--tiers', tiers);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /tier 1 \(toy-s\.gguf\): 1 candidates .* → rejected/);
    assert.match(run.stdout, new RegExp(`tier 2 \\(server 127\\.0\\.0\\.1:${toy!.port}\\): 1 candidates \\(1 parsed\\), [1-9]\\d* asserts, .* → accepted`));
    assert.match(run.stdout, /result: tier 2 accepted/);
    assert.match(run.stderr, new RegExp(`tier 2/2 \\(server 127\\.0\\.0\\.1:${toy!.port}\\): solutions`));
  });
});
