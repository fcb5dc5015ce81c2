import assert from 'node:assert/strict';
import type { TierConfig } from '../../src/engine/config/TierConfig';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { AbortError, ModelLoadError } from '../../src/engine/errors';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { runCascade, type CascadeRequest } from '../../src/engine/cascade/runCascade';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import type { ModelBackend } from '../../src/engine/model/ModelBackend';
import { isTestPrompt, ScriptedBackend } from '../helpers/ScriptedBackend';

const DOC = '/** Adds two numbers. */\nfunction add(a, b) {\n  ';
const CORRECT = 'return a + b;\n}\n';
const WRONG = 'return a - b;\n}\n';
// Test samples continue the pre-filled `assert.deepStrictEqual(add(`.
const TESTS = '1, 2), 3);\nassert.deepStrictEqual(add(2, 2), 4);\nassert.deepStrictEqual(add(0, 5), 5);\n';

const model = (name: string, solution: string | ((call: number) => string), tests = TESTS): ScriptedBackend =>
  new ScriptedBackend(name, (options, call) =>
    isTestPrompt(options) ? tests : typeof solution === 'string' ? solution : solution(call),
  );

describe('runCascade (scripted models, real extraction and sandbox)', function () {
  this.timeout(30000);
  let sandbox: SandboxPool;
  before(() => {
    sandbox = new SandboxPool({ size: 2 });
  });
  after(() => sandbox.dispose());

  async function cascade(tiers: Partial<TierConfig>[], models: ModelBackend[], extra: Partial<CascadeRequest> = {}) {
    const fn = await findFunctionAtCursor(DOC, DOC.length, 'javascript');
    assert.ok(fn, 'the cursor is inside add()');
    return runCascade({
      document: DOC,
      fn,
      tiers: validateTiers(tiers.map((t, i) => ({ model: `m${i}.gguf`, ...t }))),
      modelFor: (_tier, i) => models[i],
      sandbox,
      ...extra,
    });
  }

  it('accepts the first tier whose answer passes its own tests and never runs the next', async () => {
    const small = model('small', CORRECT);
    const large = model('large', CORRECT);
    const result = await cascade([{ samples: 2, testsPerSample: 3 }, { samples: 2 }], [small, large]);
    assert.equal(result.acceptedTier, 0);
    assert.equal(result.completion, 'return a + b;\n}');
    assert.equal(result.trace.length, 1);
    assert.equal(large.calls.length, 0);
    assert.deepEqual(result.trace[0].matrix, [[1, 1, 1], [1, 1, 1]]);
    assert.equal(result.trace[0].score, 6);
    assert.equal(result.trace[0].required, 6);
    assert.deepEqual(result.passed, { passed: 3, total: 3 });
    assert.equal(result.trace[0].asserts.length, 3, 'identical asserts from both samples are pooled once');
  });

  it('escalates when the small tier fails its tests', async () => {
    const result = await cascade([{ samples: 2 }, { samples: 1 }], [model('small', WRONG), model('large', CORRECT)]);
    assert.equal(result.acceptedTier, 1);
    assert.equal(result.trace.length, 2);
    assert.equal(result.trace[0].accepted, false);
    assert.deepEqual(result.trace[0].matrix, [[0, 0, 0], [0, 0, 0]]);
    assert.equal(result.trace[1].chosen, 0);
  }).timeout(30000);

  it('returns the last tier\'s best answer as the fallback when no tier passes', async () => {
    const result = await cascade([{ samples: 2 }, { samples: 2 }], [model('small', WRONG), model('large', 'return a * b;\n}\n')]);
    assert.equal(result.acceptedTier, null);
    assert.equal(result.completion, 'return a * b;\n}');
    assert.equal(result.trace.length, 2);
  });

  it('picks the candidate that agrees with the most tests among mixed samples', async () => {
    const mixed = model('mixed', (call) => (call === 1 ? CORRECT : WRONG));
    const result = await cascade([{ samples: 3, threshold: 0.3 }], [mixed]);
    assert.equal(result.trace[0].chosen, 1);
    assert.equal(result.completion, 'return a + b;\n}');
  });

  it('skips a tier whose model fails to load and keeps going', async () => {
    const broken: ModelBackend = {
      name: 'broken.gguf',
      supportsInfill: false,
      load: async () => {
        throw new ModelLoadError('Model file not found: broken.gguf');
      },
      generate: async () => {
        throw new Error('unreachable');
      },
      dispose: async () => {},
    };
    const result = await cascade([{}, { samples: 1 }], [broken, model('large', CORRECT)]);
    assert.equal(result.trace[0].error, 'Model file not found: broken.gguf');
    assert.equal(result.acceptedTier, 1);
  });

  it('records a tier whose model throws mid-generation with its error, and the next tier answers', async () => {
    const failing = new ScriptedBackend('failing', (options, call) => {
      if (call === 1) throw new Error('llama_decode failed');
      return isTestPrompt(options) ? TESTS : CORRECT;
    });
    const result = await cascade([{ samples: 2 }, { samples: 1 }], [failing, model('large', CORRECT)]);
    assert.equal(failing.calls.length, 2, 'the tier stopped at its failing second candidate');
    assert.equal(result.trace[0].error, 'Tier 1 failed: llama_decode failed');
    assert.equal(result.trace[0].chosen, -1);
    assert.equal(result.acceptedTier, 1);
    assert.equal(result.completion, 'return a + b;\n}');
  });

  it('uses one greedy answer without tests for a k = 0 last tier', async () => {
    const greedy = model('greedy', CORRECT);
    const result = await cascade([{ samples: 0, testsPerSample: 0 }], [greedy]);
    assert.equal(result.acceptedTier, null);
    assert.equal(result.completion, 'return a + b;\n}');
    assert.equal(greedy.calls.length, 1);
    assert.equal(greedy.calls[0].temperature, 0);
  });

  it('starts from the greedy answer, then samples with the tier temperature and distinct seeds when k > 1', async () => {
    const sampled = model('sampled', CORRECT);
    await cascade([{ samples: 3, temperature: 0.6 }], [sampled]);
    const solutionCalls = sampled.calls.filter((c) => !isTestPrompt(c));
    assert.deepEqual(solutionCalls.map((c) => c.temperature), [0, 0.6, 0.6]);
    assert.equal(solutionCalls[0].seed, undefined);
    assert.equal(new Set(solutionCalls.slice(1).map((c) => c.seed)).size, 2);
    const testCalls = sampled.calls.filter(isTestPrompt);
    assert.deepEqual(testCalls.map((c) => c.temperature), [0.6, 0.6, 0.6], 'test samples are all sampled');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const slow = new ScriptedBackend('slow', () => {
      controller.abort();
      return CORRECT;
    });
    await assert.rejects(cascade([{ samples: 3 }, { samples: 1 }], [slow, model('large', CORRECT)], { signal: controller.signal }), AbortError);
    assert.equal(slow.calls.length, 1);
  });
});
