import assert from 'node:assert/strict';
import { stopAfterAsserts } from '../../src/engine/testgen/stopAfterAsserts';

const options = { language: 'javascript' as const, functionName: 'add', prefill: 'assert.deepStrictEqual(add(', max: 2 };

/** Streams `chunks` (a token each) into the watch until it says stop. */
async function streamInto(chunks: string[], max = options.max) {
  const watch = stopAfterAsserts({ ...options, max });
  let text = '';
  let checks = 0;
  for (const [i, chunk] of chunks.entries()) {
    text += chunk;
    const result = watch.stopAt(text, i + 1);
    if (result === undefined) continue;
    checks++;
    const at = await result;
    if (at !== undefined) return { text: text.slice(0, at), tokens: i + 1, checks, assertTokens: watch.assertTokens };
  }
  return { text: undefined, tokens: chunks.length, checks, assertTokens: watch.assertTokens };
}

describe('stopAfterAsserts', () => {
  const chunks = ['1, 2), ', '3);\n', '// more\n', 'assert.deepStrictEqual(', 'add(2, 2), 4);', '\nassert.', 'ok(add(0, 0) === 0);\n'];

  it('stops after the line that completes the t-th assert, checking once per line', async () => {
    assert.deepEqual(await streamInto(chunks), {
      text: '1, 2), 3);\n// more\nassert.deepStrictEqual(add(2, 2), 4);\n',
      tokens: 6,
      checks: 3,
      assertTokens: [2, 6],
    });
  });

  it('runs to the end when the sample has fewer asserts, recording when each was complete', async () => {
    const result = await streamInto(chunks, 4);
    assert.equal(result.text, undefined);
    assert.deepEqual(result.assertTokens, [2, 6, 7]);
  });
});
