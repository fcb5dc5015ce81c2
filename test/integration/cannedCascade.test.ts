// The cascade's verified path with the real node-llama-cpp and the real sandbox, on canned GGUFs
// (test/fixtures/cannedGguf.mjs): constructed models whose greedy answers are fixed — a right or
// a deliberately wrong function body after the FIM middle token, a fixed set of asserts after
// a test prompt. Default tier settings (k 3, t 4, θ 1, 256 tokens), as a user's tiers would be.
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCascade } from '../../src/engine/cascade/runCascade';
import type { CascadeResult } from '../../src/engine/cascade/CascadeResult';
import { indexDocument } from '../../src/engine/context/indexDocument';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { LlamaModelProvider } from '../../src/engine/model/LlamaModelProvider';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { buildTestPrompt } from '../../src/engine/testgen/buildTestPrompt';
import { CANNED_MODELS, writeCannedGgufs } from '../fixtures/cannedGguf.mjs';

const GENERATED = path.resolve(__dirname, '..', 'fixtures', 'generated');
const canned = (name: keyof typeof CANNED_MODELS) => path.join(GENERATED, `${name}.gguf`);
const RIGHT = canned('canned-clamp-right');
const WRONG = canned('canned-clamp-wrong');
const COUNTER = canned('canned-counter-right');

const CLAMP = '/** Clamps x into [lo, hi]. */\nfunction clamp(x, lo, hi) {\n  \n}\n';
const CLAMP_CURSOR = CLAMP.indexOf('\n}');
const RIGHT_BODY = 'return Math.min(Math.max(x, lo), hi);';
const WRONG_BODY = 'return Math.max(Math.min(x, lo), hi);';
const CLAMP_ASSERTS = CANNED_MODELS['canned-clamp-right'].tests.trim().split('\n');
const COUNTER_DOC = [
  'class Counter {',
  '  constructor(start) {',
  '    this.value = start;',
  '  }',
  '  /** Adds n (default 1) and returns the new value. */',
  '  add(n = 1) {',
  '    ',
  '  }',
  '}',
  '',
].join('\n');
const COUNTER_CURSOR = COUNTER_DOC.indexOf('    \n') + 4;

describe('the verified path on canned GGUFs (real node-llama-cpp, real sandbox)', function () {
  this.timeout(60_000);
  let provider: LlamaModelProvider;
  let sandbox: SandboxPool;

  before(() => {
    // pretest writes these too; this keeps a lone `npx mocha <this file>` working.
    writeCannedGgufs(GENERATED);
    provider = new LlamaModelProvider({ gpu: false });
    sandbox = new SandboxPool();
  });
  after(async () => {
    await provider.dispose();
    await sandbox.dispose();
  });

  const cascade = async (document: string, cursor: number, models: string[]): Promise<CascadeResult> => {
    const fn = await findFunctionAtCursor(document, cursor, 'javascript');
    assert.ok(fn, 'the cursor is in a function body');
    return runCascade({
      document,
      fn,
      tiers: validateTiers(models.map((model) => ({ model }))),
      modelFor: (tier) => provider.get({ model: tier.model!, threads: 1 }),
      sandbox,
    });
  };

  it('a canned model answers FIM with its body and the real test prompt with its asserts, greedy or sampled', async () => {
    const model = provider.get({ model: RIGHT, threads: 1 });
    const fim = { prefix: CLAMP.slice(0, CLAMP_CURSOR), suffix: CLAMP.slice(CLAMP_CURSOR), maxTokens: 256 };
    const greedy = await model.generate({ ...fim, temperature: 0 });
    assert.equal(greedy.infill, true);
    assert.equal(greedy.text, CANNED_MODELS['canned-clamp-right'].body);
    assert.equal(greedy.stopReason, 'eos');
    // One token per line: a few tokens, not one per character.
    assert.ok(greedy.tokens <= 8, `${greedy.tokens} tokens`);
    for (const seed of [1, 2, 3]) assert.equal((await model.generate({ ...fim, temperature: 0.8, seed })).text, greedy.text);

    const fn = await findFunctionAtCursor(CLAMP, CLAMP_CURSOR, 'javascript');
    assert.ok(fn);
    const { prompt, prefill } = buildTestPrompt(fn, (await indexDocument({ document: CLAMP, fn })).subject);
    const tests = await model.generate({ prefix: prompt, maxTokens: 256, temperature: 0.8, seed: 1001 });
    assert.equal(prefill + tests.text, CANNED_MODELS['canned-clamp-right'].tests);
  });

  it('accepted path: a right canned tier 1 is accepted at tier 1, verified by its own asserts, all of which pass', async () => {
    const result = await cascade(CLAMP, CLAMP_CURSOR, [RIGHT]);
    assert.equal(result.verdict, 'verified');
    assert.equal(result.acceptedTier, 0);
    // The ramble after the function and the model's own closing brace are cut off.
    assert.equal(result.completion, RIGHT_BODY);
    assert.deepEqual(result.asserts, CLAMP_ASSERTS);
    assert.deepEqual(result.passed, { passed: 4, total: 4 });
    const [tier] = result.trace;
    assert.equal(tier.verdict, 'accepted');
    assert.equal(tier.candidates.length, 3);
    assert.ok(tier.candidates.every((c) => c.usable && c.completion === RIGHT_BODY));
    assert.deepEqual(tier.matrix, [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]);
    assert.equal(tier.score, tier.required);
  });

  it('escalation: a wrong canned tier 1 is rejected by the asserts it wrote, and a right canned tier 2 is accepted', async () => {
    const result = await cascade(CLAMP, CLAMP_CURSOR, [WRONG, RIGHT]);
    assert.equal(result.verdict, 'verified');
    assert.equal(result.acceptedTier, 1);
    assert.equal(result.completion, RIGHT_BODY);
    assert.deepEqual(result.passed, { passed: 4, total: 4 });
    const [first, second] = result.trace;
    assert.equal(first.verdict, 'rejected');
    assert.equal(first.accepted, false);
    assert.ok(first.candidates.every((c) => c.usable && c.completion === WRONG_BODY), 'the wrong body is a complete function');
    assert.deepEqual(first.asserts, CLAMP_ASSERTS);
    // The swapped min/max always returns hi: only clamp(42, 0, 10) === 10 passes.
    assert.deepEqual(first.matrix, [[0, 0, 1, 0], [0, 0, 1, 0], [0, 0, 1, 0]]);
    assert.equal(second.verdict, 'accepted');
  });

  it('a wrong canned model alone is rejected; its complete function is the unverified fallback', async () => {
    const result = await cascade(CLAMP, CLAMP_CURSOR, [WRONG]);
    assert.equal(result.verdict, 'unverified');
    assert.equal(result.acceptedTier, null);
    assert.equal(result.completion, WRONG_BODY);
    assert.deepEqual(result.passed, { passed: 1, total: 4 });
  });

  it('class method: a right canned model for Counter.prototype.add is verified by test blocks that build an instance', async () => {
    const result = await cascade(COUNTER_DOC, COUNTER_CURSOR, [COUNTER]);
    assert.equal(result.verdict, 'verified', JSON.stringify(result.trace[0], null, 1));
    assert.equal(result.acceptedTier, 0);
    assert.equal(result.completion, 'this.value += n;\n    return this.value;');
    assert.equal(result.asserts.length, 2);
    assert.ok(result.asserts.every((block) => block.startsWith('{\n') && block.includes('new Counter(')), result.asserts.join('\n'));
    assert.deepEqual(result.passed, { passed: 2, total: 2 });
  });
});
