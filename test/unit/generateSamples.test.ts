import assert from 'node:assert/strict';
import { generateAsserts } from '../../src/engine/cascade/generateAsserts';
import { generateCandidates, type GenerationContext } from '../../src/engine/cascade/generateCandidates';
import { indexDocument } from '../../src/engine/context/indexDocument';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { isTestPrompt, ScriptedBackend } from '../helpers/ScriptedBackend';

const DOC = '/** Adds two numbers. */\nfunction add(a, b) {\n  ';
// The model writes the function, then rambles on with another one, as models do.
const SOLUTION = (seed = 0) => `return a + b + ${seed};\n}\n\nfunction more() {\n  return 1;\n}\n`;
const TESTS = '1, 2), 3);\nassert.deepStrictEqual(add(2, 2), 4);\nassert.deepStrictEqual(add(0, 5), 5);\n';
const tier = { samples: 3, testsPerSample: 2, temperature: 0.8, maxTokens: 256 };

const scripted = (parallel: boolean) =>
  new ScriptedBackend('m', (options) => (isTestPrompt(options) ? TESTS : SOLUTION(options.seed)), 0, parallel);

async function context(): Promise<GenerationContext> {
  const fn = await findFunctionAtCursor(DOC, DOC.length, 'javascript');
  assert.ok(fn);
  return { document: DOC, fn, context: await indexDocument({ document: DOC, fn }), seed: 1 };
}

describe('generateCandidates and generateAsserts (scripted model)', () => {
  it('a candidate stops once the function is complete and costs only its tokens', async () => {
    const candidates = await generateCandidates(tier, scripted(false), await context());
    assert.deepEqual(candidates.map((c) => c.completion), ['return a + b + 0;\n}', 'return a + b + 2;\n}', 'return a + b + 3;\n}']);
    // "return a + b + 0;\n" and "}\n\n": the chunk with the brace also shows what follows it.
    assert.deepEqual(candidates.map((c) => c.tokens), [7, 7, 7]);
  });

  it('a test sample stops after its t-th assert and records when each assert was complete', async () => {
    const model = scripted(false);
    const { testSamples, asserts } = await generateAsserts(tier, model, await context());
    assert.deepEqual(asserts, ['assert.deepStrictEqual(add(1, 2), 3);', 'assert.deepStrictEqual(add(2, 2), 4);']);
    // "1, " "2), " "3);\n" | "assert.deepStrictEqual(add(2, " "2), " "4);\n": six of the sample's nine words.
    assert.deepEqual(testSamples, [0, 1, 2].map(() => ({ tokens: 6, asserts: [0, 1], assertTokens: [3, 6] })));
  });

  it('with parallel samples, candidate 0 comes alone and the rest together, with the same results', async () => {
    const sequential = scripted(false);
    const parallel = scripted(true);
    const seen: number[] = [];
    const one = await generateCandidates(tier, sequential, await context());
    const many = await generateCandidates(tier, parallel, await context(), async (_candidate, i) => (seen.push(i), true));
    assert.deepEqual(many, one);
    assert.deepEqual(seen, [0, 1, 2]);
    assert.deepEqual(parallel.batches, [2]);
    assert.deepEqual(parallel.calls.map((c) => c.temperature), [0, 0.8, 0.8]);
    assert.deepEqual(await generateAsserts(tier, parallel, await context()), await generateAsserts(tier, sequential, await context()));
    assert.deepEqual(parallel.batches, [2, 3]);
    assert.deepEqual(sequential.batches, [], 'one after another, each sample is its own request');
  });
});
