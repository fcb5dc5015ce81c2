// Model failures in the middle of a generation, with the real node-llama-cpp on the tiny
// generated GGUFs: context overflow, disposal, and errors inside llama.cpp — each request
// fails cleanly (or is clipped and answers) and the next request works.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { LlamaContext } from 'node-llama-cpp';
import { runCascade } from '../../src/engine/cascade/runCascade';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { AbortError, CascadeError } from '../../src/engine/errors';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { LlamaCppBackend } from '../../src/engine/model/LlamaCppBackend';
import { LlamaModelProvider } from '../../src/engine/model/LlamaModelProvider';
import type { GenerateOptions } from '../../src/engine/model/ModelBackend';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { writeCannedGgufs } from '../fixtures/cannedGguf.mjs';
import { writeTinyGguf } from '../fixtures/makeTinyGguf.mjs';
import { whenGenerating } from '../helpers/generating';

const GENERATED = path.resolve(__dirname, '..', 'fixtures', 'generated');
const TINY_A = path.join(GENERATED, 'tiny-a.gguf');
// A canned GGUF (test/fixtures/cannedGguf.mjs): its greedy answer is a right clamp, with asserts it passes.
const CANNED_RIGHT = path.join(GENERATED, 'canned-clamp-right.gguf');
const PRINTABLE = /^[\x20-\x7e\n]+$/;
const SMALL_CONTEXT = 256;

const request = (extra: Partial<GenerateOptions> = {}): GenerateOptions => ({
  prefix: 'function add(a, b) {\n  return',
  suffix: '\n}\n',
  maxTokens: 16,
  temperature: 0,
  ...extra,
});

/**
 * The llama.cpp context a backend holds now. Test-only access to a private field: it is how
 * these tests break the context underneath the backend, as a crashed or freed llama.cpp would.
 */
async function contextOf(backend: LlamaCppBackend): Promise<LlamaContext> {
  const loaded = await (backend as unknown as { loading: Promise<{ context: LlamaContext }> }).loading;
  return loaded.context;
}

/**
 * A switch that makes llama_decode fail on the backend's current context from then on, as
 * llama.cpp does when it runs out of memory.
 */
async function decodeFailure(backend: LlamaCppBackend): Promise<() => void> {
  const native = ((await contextOf(backend)) as unknown as { _ctx: object })._ctx;
  // The addon's methods are read-only: shadow the inherited one with an own property.
  return () => {
    Object.defineProperty(native, 'decodeBatch', { value: () => Promise.reject(new Error('llama_decode failed (simulated)')) });
  };
}

/** Rejects with a CascadeError naming the model and the cause, never with a bare llama.cpp error. */
const failsWith = (cause: RegExp) => (error: unknown) => {
  assert.ok(error instanceof CascadeError && !(error instanceof AbortError), String(error));
  assert.match(error.message, /Model tiny-a\.gguf failed while generating/);
  assert.match(error.message, cause);
  return true;
};

describe('model failures mid-generation (real node-llama-cpp, tiny GGUF)', function () {
  this.timeout(60_000);
  let provider: LlamaModelProvider;
  const spec = { model: TINY_A, threads: 1, contextSize: SMALL_CONTEXT };

  before(() => {
    writeTinyGguf(TINY_A, { seed: 1 });
    writeCannedGgufs(GENERATED);
  });
  beforeEach(() => {
    provider = new LlamaModelProvider({ gpu: false });
  });
  afterEach(() => provider.dispose());

  const backendFor = (extra: object = {}) => provider.get({ ...spec, ...extra });

  describe('context overflow', () => {
    it('clips a prompt hundreds of times larger than the context and still answers', async () => {
      const backend = backendFor();
      // The tiny vocabulary is byte-level: one token per character, ~800× the context.
      const result = await backend.generate(request({ prefix: 'let a = 1;\n'.repeat(20_000), suffix: '}\n'.repeat(5_000) }));
      assert.match(result.text, PRINTABLE);
      assert.equal(result.tokens, 16);
      assert.equal(result.stopReason, 'maxTokens');
    });

    it('bounds maxTokens larger than the context to the quarter of it kept for generation', async () => {
      const result = await backendFor().generate(request({ prefix: 'x = '.repeat(1_000), maxTokens: 10 * SMALL_CONTEXT }));
      assert.equal(result.tokens, SMALL_CONTEXT / 4);
      assert.equal(result.stopReason, 'maxTokens');
    });
  });

  describe('disposal', () => {
    it('dispose() during a generation ends it with an AbortError naming the model; a fresh backend works', async () => {
      const backend = backendFor();
      await backend.load();
      const { options, started } = whenGenerating(request({ maxTokens: 100_000 }));
      const running = assert.rejects(backend.generate(options), (error: unknown) => {
        assert.ok(error instanceof AbortError, String(error));
        assert.match(error.message, /tiny-a\.gguf was disposed/);
        return true;
      });
      await started;
      await provider.dispose();
      await running;
      await assert.rejects(backend.generate(request()), AbortError);
      const fresh = backendFor();
      assert.notEqual(fresh, backend);
      assert.match((await fresh.generate(request())).text, PRINTABLE);
    });

    it('a backend disposed on its own is replaced by the provider', async () => {
      const backend = backendFor();
      await backend.generate(request());
      await backend.dispose();
      assert.deepEqual(await backend.stats(), { loaded: false, sequencesInUse: 0, pending: 0 });
      const fresh = backendFor();
      assert.notEqual(fresh, backend);
      assert.match((await fresh.generate(request())).text, PRINTABLE);
    });
  });

  describe('errors inside llama.cpp', () => {
    it('a context freed underneath a generation fails that request; the next one reloads and works', async () => {
      const backend = backendFor();
      const before = await backend.generate(request());
      const context = await contextOf(backend);
      const { options, started } = whenGenerating(request({ maxTokens: 100_000 }));
      const running = assert.rejects(backend.generate(options), failsWith(/disposed/));
      const queued = backend.generate(request());
      await started;
      await context.dispose();
      await running;
      // The request queued behind the failed one runs on the reloaded model.
      assert.equal((await queued).text, before.text);
      assert.notEqual(await contextOf(backend), context);
      assert.deepEqual(await backend.stats(), { loaded: true, sequencesInUse: 1, pending: 0 });
    });

    it('a failing llama_decode rejects with a clear error; the next request works', async () => {
      const backend = backendFor();
      const before = await backend.generate(request());
      (await decodeFailure(backend))();
      await assert.rejects(backend.generate(request()), failsWith(/llama_decode failed \(simulated\)/));
      assert.equal((await backend.generate(request())).text, before.text);
    });
  });

  it('a cascade tier whose model fails mid-generation is recorded with its error and a right canned tier 2 answers, verified', async () => {
    const source = '// Clamps x into [lo, hi].\nfunction clamp(x, lo, hi) {\n  ';
    const fn = await findFunctionAtCursor(source, source.length, 'javascript');
    assert.ok(fn);
    const sandbox = new SandboxPool({ size: 1 });
    const tiers = validateTiers([
      { model: TINY_A, samples: 2, testsPerSample: 2, maxTokens: 24 },
      { model: CANNED_RIGHT, samples: 2, testsPerSample: 2, maxTokens: 24 },
    ]);
    const first = backendFor();
    await first.load();
    const fail = await decodeFailure(first);
    try {
      const result = await runCascade({
        document: source,
        fn,
        tiers,
        modelFor: (tier) => provider.get({ model: tier.model!, threads: 1, contextSize: SMALL_CONTEXT }),
        sandbox,
        // Tier 1 breaks once its model is loaded, before its first candidate.
        onProgress: (progress) => {
          if (progress.tier === 0 && progress.phase === 'solutions') fail();
        },
      });
      assert.equal(result.trace.length, 2);
      assert.match(result.trace[0].error ?? '', /tiny-a\.gguf failed while generating: llama_decode failed/);
      assert.deepEqual(result.trace[0].candidates, []);
      assert.equal(result.trace[1].error, undefined);
      assert.equal(result.trace[1].candidates.length, 2);
      assert.equal(result.verdict, 'verified');
      assert.equal(result.acceptedTier, 1, 'tier 2 answered');
      assert.equal(result.completion, 'return Math.min(Math.max(x, lo), hi);\n}');
      assert.match((await first.generate(request())).text, PRINTABLE, 'tier 1 works again for the next request');
    } finally {
      await sandbox.dispose();
    }
  });
});
