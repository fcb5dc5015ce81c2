// The prompt of a huge document is clipped to the model's context around the cursor: a
// 10,000-line file and a file with 200,000-character lines, through runCascade and the real
// node-llama-cpp backend with a 256-token context.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { runCascade } from '../../src/engine/cascade/runCascade';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { LlamaCppBackend } from '../../src/engine/model/LlamaCppBackend';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { writeTinyGguf } from '../fixtures/makeTinyGguf.mjs';
import { type LargeSource, longLine, manyLines } from '../helpers/largeSources';

const TINY_A = path.resolve(__dirname, '..', 'fixtures', 'generated', 'tiny-a.gguf');
const CONTEXT_SIZE = 256;
const MAX_TOKENS = 16;

/** The text the backend's document sequence holds now (prompt and generated tokens). Test-only access to a private field. */
async function contextText(backend: LlamaCppBackend): Promise<{ tokens: number; text: string }> {
  type Loaded = { model: LlamaModel; lanes: { document: { slots: { sequence: LlamaContextSequence }[] } } };
  const { model, lanes } = await (backend as unknown as { loading: Promise<Loaded> }).loading;
  const { sequence } = lanes.document.slots[0];
  return { tokens: sequence.contextTokens.length, text: model.detokenize(sequence.contextTokens) };
}

describe('prompt clipping for large files (real node-llama-cpp, tiny GGUF)', function () {
  this.timeout(60_000);
  let backend: LlamaCppBackend;
  let sandbox: SandboxPool;
  before(() => {
    writeTinyGguf(TINY_A, { seed: 1 });
    backend = new LlamaCppBackend({ model: TINY_A, threads: 1, contextSize: CONTEXT_SIZE }, { gpu: false });
    sandbox = new SandboxPool({ size: 1 });
  });
  after(async () => {
    await backend.dispose();
    await sandbox.dispose();
  });

  const cases: [string, LargeSource][] = [
    ['a 10,000-line file', manyLines(10_000)],
    ['a file with 200,000-character lines', longLine(200_000)],
  ];
  for (const [label, { text, cursor }] of cases) {
    it(`sends only the text around the cursor of ${label}, within the context`, async () => {
      const fn = await findFunctionAtCursor(text, cursor, 'javascript');
      assert.equal(fn?.name, 'clamp');
      const result = await runCascade({
        document: text,
        fn,
        tiers: validateTiers([{ model: TINY_A, samples: 0, testsPerSample: 0, maxTokens: MAX_TOKENS }]),
        modelFor: () => backend,
        sandbox,
      });
      assert.equal(result.trace[0].error, undefined);
      assert.equal(result.trace[0].tokens.solutions, MAX_TOKENS);
      const held = await contextText(backend);
      assert.ok(held.tokens <= CONTEXT_SIZE, `${held.tokens} tokens in a ${CONTEXT_SIZE}-token context`);
      // The tiny vocabulary is byte-level: the prompt fills all but the quarter kept for generation, right up to the cursor.
      assert.ok(held.tokens >= (CONTEXT_SIZE * 3) / 4 - 4, `only ${held.tokens} tokens were used`);
      assert.ok(held.text.includes(text.slice(cursor - 60, cursor)), 'the prompt ends with the text before the cursor');
      assert.ok(held.text.includes(text.slice(cursor, cursor + 20)), 'the prompt has the text after the cursor');
    });
  }
});
