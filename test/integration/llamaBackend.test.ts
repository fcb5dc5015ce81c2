// Real node-llama-cpp on the tiny generated GGUFs (test/fixtures/makeTinyGguf.mjs): loading,
// greedy and seeded generation, stop strings, cancellation, queueing and load errors.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AbortError, ModelLoadError } from '../../src/engine/errors';
import { LlamaCppBackend } from '../../src/engine/model/LlamaCppBackend';
import { LlamaModelProvider } from '../../src/engine/model/LlamaModelProvider';
import type { GenerateOptions } from '../../src/engine/model/ModelBackend';
import { writeTinyGguf } from '../fixtures/makeTinyGguf.mjs';
import { whenGenerating } from '../helpers/generating';

const GENERATED = path.resolve(__dirname, '..', 'fixtures', 'generated');
const TINY_A = path.join(GENERATED, 'tiny-a.gguf');
const TINY_B = path.join(GENERATED, 'tiny-b.gguf');
const PREFIX = 'function add(a, b) {\n  return';
const SUFFIX = '\n}\n';
// Letters, spaces, newlines and code punctuation: what an editor shows as ghost text.
const PRINTABLE = /^[\x20-\x7e\n]+$/;

const tiny = (model: string, extra: { contextSize?: number } = {}) =>
  new LlamaCppBackend({ model, threads: 1, ...extra }, { gpu: false });

const greedy = (extra: Partial<GenerateOptions> = {}): GenerateOptions => ({
  prefix: PREFIX,
  suffix: SUFFIX,
  maxTokens: 16,
  temperature: 0,
  ...extra,
});

/** Resolves to how long `promise` took to settle after `since`, asserting it rejects with AbortError. */
async function abortLatency(promise: Promise<unknown>, since: () => number): Promise<number> {
  await assert.rejects(promise, AbortError);
  return performance.now() - since();
}

describe('LlamaCppBackend (real node-llama-cpp, tiny GGUF)', function () {
  this.timeout(30000);
  let backend: LlamaCppBackend;
  let scratch: string;

  before(async () => {
    // pretest writes these too; this keeps a lone `npx mocha <this file>` working.
    writeTinyGguf(TINY_A, { seed: 1 });
    writeTinyGguf(TINY_B, { seed: 2 });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'cascade-llama-'));
    backend = tiny(TINY_A);
  });

  after(async () => {
    await backend.dispose();
    await rm(scratch, { recursive: true, force: true });
  });

  it('loads lazily and reports infill support', async () => {
    assert.equal(backend.name, 'tiny-a.gguf');
    assert.equal(backend.supportsInfill, false);
    await backend.load();
    assert.equal(backend.supportsInfill, true);
  });

  it('greedy generation returns printable text and counts its tokens', async () => {
    const result = await backend.generate(greedy());
    assert.match(result.text, PRINTABLE);
    assert.ok(result.tokens >= 1 && result.tokens <= 16, `tokens: ${result.tokens}`);
    assert.equal(result.infill, true);
    assert.equal(result.stopReason, 'maxTokens');
    const plain = await backend.generate(greedy({ suffix: undefined }));
    assert.equal(plain.infill, false);
    assert.match(plain.text, PRINTABLE);
  });

  it('greedy generation is deterministic', async () => {
    const first = await backend.generate(greedy({ maxTokens: 32 }));
    await backend.generate(greedy({ prefix: 'const x = ' }));
    const second = await backend.generate(greedy({ maxTokens: 32 }));
    assert.equal(second.text, first.text);
  });

  it('sampling with a seed is repeatable', async () => {
    const sampled = greedy({ temperature: 0.8, topP: 0.95, seed: 42, maxTokens: 32 });
    const first = await backend.generate(sampled);
    const second = await backend.generate(sampled);
    assert.equal(second.text, first.text);
  });

  it('stops before a stop string and leaves it out', async () => {
    const full = (await backend.generate(greedy({ maxTokens: 32 }))).text;
    const stop = full.slice(6, 8);
    const result = await backend.generate(greedy({ maxTokens: 32, stop: [stop] }));
    assert.equal(result.text, full.slice(0, full.indexOf(stop)));
    assert.equal(result.stopReason, 'stop');
  });

  it('an abort mid-generation rejects promptly with AbortError', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    let finished = false;
    const { options, started } = whenGenerating(greedy({ maxTokens: 1000, signal: controller.signal }));
    const running = backend.generate(options).finally(() => (finished = true));
    await started;
    assert.equal(finished, false, 'the generation runs when its first text arrives');
    abortedAt = performance.now();
    controller.abort();
    const latency = await abortLatency(running, () => abortedAt);
    assert.ok(latency < 1000, `abort took ${latency} ms`);
    await assert.rejects(backend.generate(greedy({ signal: AbortSignal.abort() })), AbortError);
  });

  it('serialises concurrent generations; a queued request leaves at once when aborted', async () => {
    const alone = [(await backend.generate(greedy())).text, (await backend.generate(greedy({ prefix: 'x = ' }))).text];
    const together = await Promise.all([backend.generate(greedy()), backend.generate(greedy({ prefix: 'x = ' }))]);
    assert.deepEqual(
      together.map((g) => g.text),
      alone,
    );

    const controller = new AbortController();
    let runningDone = false;
    const { options, started } = whenGenerating(greedy({ maxTokens: 500 }));
    const running = backend.generate(options).then(() => (runningDone = true));
    const queued = backend.generate(greedy({ signal: controller.signal }));
    await started;
    const abortedAt = performance.now();
    controller.abort();
    await abortLatency(queued, () => abortedAt);
    assert.equal(runningDone, false, 'the queued request left while the running one was still generating');
    await running;
  });

  it('clips a prompt longer than the context', async () => {
    const small = tiny(TINY_A, { contextSize: 128 });
    try {
      const result = await small.generate(greedy({ prefix: 'let a = 1;\n'.repeat(200), suffix: '}\n'.repeat(100) }));
      assert.match(result.text, PRINTABLE);
      assert.equal(result.tokens, 16);
    } finally {
      await small.dispose();
    }
  });

  it('two seeds give two different models', async () => {
    const other = tiny(TINY_B);
    try {
      const [a, b] = [await backend.generate(greedy()), await other.generate(greedy())];
      assert.notEqual(a.text, b.text);
    } finally {
      await other.dispose();
    }
  });

  describe('load errors name the file and say what to do', () => {
    const expectLoadError = async (file: string, pattern: RegExp) => {
      const broken = tiny(file);
      try {
        await assert.rejects(broken.load(), (error: unknown) => {
          assert.ok(error instanceof ModelLoadError, String(error));
          assert.ok(error.message.includes(file), error.message);
          assert.match(error.message, pattern);
          return true;
        });
        // A failed load is not cached: the next call tries (and fails) again.
        await assert.rejects(broken.generate(greedy()), ModelLoadError);
      } finally {
        await broken.dispose();
      }
    };

    it('missing file', () => expectLoadError(path.join(scratch, 'missing.gguf'), /not found.*download/));

    it('directory', async () => {
      const dir = path.join(scratch, 'model-dir.gguf');
      await mkdir(dir, { recursive: true });
      await expectLoadError(dir, /directory/);
    });

    it('not a GGUF', async () => {
      const file = path.join(scratch, 'notes.gguf');
      await writeFile(file, 'this is not a model\n');
      await expectLoadError(file, /Not a GGUF/);
    });

    it('truncated GGUF', async () => {
      const bytes = await readFile(TINY_A);
      for (const [name, length] of [
        ['header.gguf', 200],
        ['half.gguf', bytes.length / 2],
      ] as const) {
        const file = path.join(scratch, name);
        await writeFile(file, bytes.subarray(0, length));
        await expectLoadError(file, /truncated or corrupt/);
      }
    });
  });

  it('dispose ends the backend and a running generation; later calls reject', async () => {
    const short = tiny(TINY_A);
    await short.load();
    const { options, started } = whenGenerating(greedy({ maxTokens: 1000 }));
    const running = assert.rejects(short.generate(options), AbortError);
    await started;
    await short.dispose();
    await running;
    await short.dispose();
    assert.equal(short.supportsInfill, false);
    await assert.rejects(short.generate(greedy()), AbortError);
  });

  it('the provider shares one backend per model setting', async () => {
    const provider = new LlamaModelProvider({ gpu: false });
    try {
      const spec = { model: TINY_A, threads: 1 };
      assert.equal(provider.get(spec), provider.get({ ...spec }));
      assert.notEqual(provider.get(spec), provider.get({ ...spec, contextSize: 512 }));
      // A tier's k only sizes the parallel sequences of the model the tiers share.
      assert.equal(provider.get(spec), provider.get({ ...spec, samples: 5 }));
      assert.notEqual(provider.get(spec), provider.get({ ...spec, suffixLines: 8 }));
      assert.match((await provider.get(spec).generate(greedy())).text, PRINTABLE);
    } finally {
      await provider.dispose();
    }
  });
});
