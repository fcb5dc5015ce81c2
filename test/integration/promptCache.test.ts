// The KV cache, early stops and parallel samples on the real node-llama-cpp with the tiny
// generated GGUF (one token per character): each request reports how many prompt tokens it
// had to evaluate, and these tests assert on those counts — never on times.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { LlamaModel } from 'node-llama-cpp';
import { AbortError } from '../../src/engine/errors';
import { LlamaCppBackend } from '../../src/engine/model/LlamaCppBackend';
import type { GenerateOptions, ModelSpec } from '../../src/engine/model/ModelBackend';
import { writeTinyGguf } from '../fixtures/makeTinyGguf.mjs';

const TINY_A = path.resolve(__dirname, '..', 'fixtures', 'generated', 'tiny-a.gguf');
// ~1,000 tokens of code in 60 lines.
const DOC = Array.from({ length: 60 }, (_, i) => `let value${i} = ${i};`).join('\n') + '\n';
const MID = DOC.indexOf('\n', DOC.length / 2) + 1;

const tiny = (extra: Partial<ModelSpec> = {}) => new LlamaCppBackend({ model: TINY_A, threads: 1, ...extra }, { gpu: false });
const request = (prefix: string, suffix: string | undefined, extra: Partial<GenerateOptions> = {}): GenerateOptions => ({
  prefix,
  suffix,
  maxTokens: 4,
  temperature: 0,
  ...extra,
});

describe('prompt cache, early stop and parallel samples (real node-llama-cpp, tiny GGUF)', function () {
  this.timeout(60_000);
  const backends: LlamaCppBackend[] = [];
  const backend = (extra: Partial<ModelSpec> = {}) => {
    const made = tiny(extra);
    backends.push(made);
    return made;
  };
  const evaluated = async (model: LlamaCppBackend, options: GenerateOptions) => (await model.generate(options)).prompt!.evaluated;

  before(() => writeTinyGguf(TINY_A, { seed: 1 }));
  after(() => Promise.all(backends.map((b) => b.dispose())));

  describe('KV cache reuse', () => {
    it('a character typed at the end of a document evaluates a few tokens, not the document', async () => {
      const model = backend();
      const cold = await evaluated(model, request(DOC, ''));
      assert.ok(cold > 900, `cold prompt: ${cold} tokens`);
      assert.ok((await evaluated(model, request(`${DOC}x`, ''))) <= 4);
      assert.ok((await evaluated(model, request(`${DOC}xy`, ''))) <= 4);
    });

    it('typed mid-document, only the suffix is evaluated again, capped at suffixLines lines', async () => {
      const whole = backend({ suffixLines: 1000 });
      const capped = backend({ suffixLines: 8 });
      const suffix = DOC.slice(MID);
      const cappedSuffix = suffix.split('\n').slice(0, 8).join('\n');
      for (const model of [whole, capped]) await model.generate(request(DOC.slice(0, MID), suffix));
      const typedWhole = await evaluated(whole, request(`${DOC.slice(0, MID)}x`, suffix));
      const typedCapped = await evaluated(capped, request(`${DOC.slice(0, MID)}x`, suffix));
      assert.ok(typedWhole >= suffix.length, `whole suffix: ${typedWhole}`);
      assert.ok(typedCapped <= cappedSuffix.length + 4, `capped suffix: ${typedCapped} > ${cappedSuffix.length} + 4`);
    });

    it('a test prompt does not evict the document prompt: each kind keeps its own sequence', async () => {
      const model = backend();
      await model.generate(request(DOC, ''));
      const tests = 'function add(a, b) {}\n// Create a set of tests for this function:\nassert(add(';
      await model.generate(request(tests, undefined));
      assert.ok((await evaluated(model, request(`${DOC}x`, ''))) <= 4);
      assert.ok((await evaluated(model, request(`${tests}1`, undefined))) <= 4);
      assert.equal((await model.stats()).sequencesInUse, 2);
    });

    it('the fast path and the cascade ask for different maxTokens but send the same prompt', async () => {
      const model = backend();
      await model.generate(request(DOC, '', { maxTokens: 128, stop: ['\n\n'] }));
      assert.ok((await evaluated(model, request(DOC, '', { maxTokens: 256 }))) <= 2);
    });

    it('a prefix longer than the context keeps its window while typing; it moves rarely, by a step', async () => {
      const model = backend({ contextSize: 512 });
      let prefix = DOC.repeat(8);
      await model.generate(request(prefix, ''));
      const counts: number[] = [];
      for (let typed = 0; typed < 40; typed++) {
        prefix += typed % 10 === 9 ? '\n' : 'z';
        counts.push(await evaluated(model, request(prefix, '')));
      }
      const moves = counts.filter((count) => count > 4);
      // 40 characters into a window with 1/8 of its ~380 tokens free: at most one move.
      assert.ok(moves.length <= 1, `evaluated per keystroke: ${counts.join(', ')}`);
    });

    it('with memory for one sequence only, both kinds of prompt share it', async () => {
      const { LlamaModel: Model } = await import('node-llama-cpp');
      const createContext = Model.prototype.createContext;
      // As llama.cpp does when the KV cache of two sequences does not fit.
      Model.prototype.createContext = function (this: LlamaModel, options) {
        return (options?.sequences ?? 1) > 1 ? Promise.reject(new Error('out of memory (simulated)')) : createContext.call(this, options);
      };
      try {
        const model = backend({ parallelSamples: 'on', samples: 4 });
        await model.load();
        assert.equal(model.parallel, false);
        await model.generate(request(DOC, ''));
        assert.ok((await evaluated(model, request('assert(add(', undefined))) > 5, 'the test prompt replaced the document');
        assert.ok((await evaluated(model, request(`${DOC}x`, ''))) > 900);
        assert.equal((await model.stats()).sequencesInUse, 1);
      } finally {
        Model.prototype.createContext = createContext;
      }
    });
  });

  describe('stopAt', () => {
    it('a synchronous stopAt stops at once: the tokens are those of the text kept', async () => {
      const model = backend();
      const result = await model.generate(request(DOC, '', { maxTokens: 40, stopAt: (text) => (text.length >= 5 ? 5 : undefined) }));
      assert.equal(result.text.length, 5);
      assert.equal(result.tokens, 5);
      assert.equal(result.stopReason, 'complete');
      const full = await model.generate(request(DOC, '', { maxTokens: 40 }));
      assert.equal(full.text.slice(0, 5), result.text);
    });

    it('an asynchronous stopAt costs at most the token decoded meanwhile', async () => {
      const model = backend();
      const seen: number[] = [];
      const result = await model.generate(request(DOC, '', {
        maxTokens: 40,
        stopAt: async (text, tokens) => (seen.push(tokens), text.length >= 5 ? 5 : undefined),
      }));
      assert.equal(result.text.length, 5);
      assert.ok(result.tokens >= 5 && result.tokens <= 6, `${result.tokens} tokens`);
      assert.deepEqual(seen.slice(0, 5), [1, 2, 3, 4, 5]);
    });

    it("the caller's abort still rejects with AbortError, and a failing stopAt rejects with its own error, keeping the model", async () => {
      const model = backend();
      const controller = new AbortController();
      const aborting = model.generate(request(DOC, '', { maxTokens: 1000, signal: controller.signal, stopAt: (text) => {
        if (text.length >= 3) controller.abort();
        return undefined;
      } }));
      await assert.rejects(aborting, AbortError);
      const boom = new Error('the check broke');
      await assert.rejects(model.generate(request(DOC, '', { maxTokens: 40, stopAt: async () => { throw boom; } })), (error) => error === boom);
      assert.equal((await model.stats()).loaded, true);
      assert.ok((await evaluated(model, request(DOC, ''))) <= 2, 'the cache survived');
    });
  });

  describe('parallel samples', () => {
    // Batched and single-sequence decoding round differently on some CPUs, and the random
    // tiny model's distributions are almost flat, so a sampled text is not comparable across
    // the two paths; greedy answers to different prompts are, and show that sequences do not mix.
    const sampled = (seed: number) => request(DOC.slice(0, MID), DOC.slice(MID), { maxTokens: 24, temperature: 0.8, seed, stopAt: (text) => (text.length >= 20 ? 20 : undefined) });
    // Short prompts: after a long one the tiny model falls into the same answer whatever ends it.
    const typed = ['zq', '}\n', 'abc xyz', 'let a'];
    const greedy = (prompt: string) => request(prompt, '', { maxTokens: 12 });
    const texts = (generations: { text: string }[]) => generations.map((g) => g.text);

    it("'on' decodes samples as parallel sequences of one context: each sequence answers its own prompt as one after another would", async () => {
      const sequential = backend({ parallelSamples: 'off', samples: 4 });
      const parallel = backend({ parallelSamples: 'on', samples: 4 });
      await Promise.all([sequential.load(), parallel.load()]);
      assert.equal(sequential.parallel, false);
      assert.equal(parallel.parallel, true);
      const prompts = typed.map(greedy);
      const together = await parallel.generateMany(prompts);
      const apart = [];
      for (const prompt of prompts) apart.push(await sequential.generate(prompt));
      assert.ok(new Set(texts(apart)).size > 1, `the prompts have different answers: ${JSON.stringify(texts(apart))}`);
      assert.deepEqual(texts(together), texts(apart));
      assert.deepEqual(together.map((g) => g.tokens), apart.map((g) => g.tokens));
      assert.equal((await parallel.stats()).sequencesInUse, 4);
      assert.equal((await sequential.stats()).sequencesInUse, 1);
      // Seeds sample different texts side by side, and a second batch reuses each sequence's cache.
      const seeds = [1, 2, 3, 4];
      const first = await parallel.generateMany(seeds.map(sampled));
      assert.ok(new Set(texts(first)).size > 1, 'the seeds sample different texts');
      assert.ok(first.every((g) => g.text.length === 20), texts(first).join(' | '));
      const again = await parallel.generateMany(seeds.map(sampled));
      assert.ok(again.every((g) => g.prompt!.evaluated <= 2), again.map((g) => g.prompt!.evaluated).join(', '));
    });

    it("'auto' on a CPU runs samples one after another; more samples than sequences run in waves", async () => {
      const auto = backend({ samples: 4 });
      await auto.load();
      assert.equal(auto.parallel, false);
      const narrow = backend({ parallelSamples: 'on', samples: 2 });
      const prompts = typed.slice(0, 3).map(greedy);
      const waves = await narrow.generateMany(prompts);
      assert.deepEqual(texts(waves), texts(await auto.generateMany(prompts)));
      assert.equal((await narrow.stats()).sequencesInUse, 2);
    });
  });
});
