import assert from 'node:assert/strict';
import { tokenizeWindow } from '../../src/engine/model/tokenizeWindow';

/** A word-level tokenizer that records how many characters it was given. */
function wordTokenizer() {
  const seen: number[] = [];
  const tokenize = (text: string): string[] => {
    seen.push(text.length);
    return text.match(/\S+|\s+/g) ?? [];
  };
  return { tokenize, seen };
}

describe('tokenizeWindow', () => {
  const text = Array.from({ length: 50_000 }, (_, i) => `word${i}`).join(' ');
  const whole = wordTokenizer().tokenize(text);

  it('returns at least the wanted tokens nearest the chosen side, as the whole text tokenises them', () => {
    for (const wanted of [1, 10, 1000, 4096]) {
      const end = tokenizeWindow(text, wanted, 'end', wordTokenizer().tokenize);
      assert.ok(end.length >= wanted, `${end.length} < ${wanted}`);
      assert.deepEqual(end, whole.slice(-end.length));
      const start = tokenizeWindow(text, wanted, 'start', wordTokenizer().tokenize);
      assert.ok(start.length >= wanted);
      assert.deepEqual(start, whole.slice(0, start.length));
    }
  });

  it('tokenises a window near the budget, not the whole text', () => {
    const { tokenize, seen } = wordTokenizer();
    tokenizeWindow(text, 1000, 'end', tokenize);
    assert.ok(Math.max(...seen) <= 1000 * 16, `tokenised ${Math.max(...seen)} of ${text.length} characters`);
  });

  it('grows the window when tokens are long', () => {
    const long = `${'x'.repeat(100_000)} ${'y'.repeat(100_000)} z`;
    assert.deepEqual(tokenizeWindow(long, 3, 'end', wordTokenizer().tokenize), [' ', 'y'.repeat(100_000), ' ', 'z']);
  });

  it('tokenises all of a text that has fewer tokens than wanted', () => {
    assert.deepEqual(tokenizeWindow('a b', 10, 'end', wordTokenizer().tokenize), ['a', ' ', 'b']);
    assert.deepEqual(tokenizeWindow('', 10, 'start', wordTokenizer().tokenize), []);
  });

  it('never hands the tokenizer half a surrogate pair', () => {
    // Each side's first cut falls inside a pair; encodeURIComponent throws on a lone half.
    const text = `a${'😀'.repeat(1000)}a`;
    const codePoints = (part: string) => (encodeURIComponent(part), [...part]);
    for (const side of ['start', 'end'] as const) {
      const tokens = tokenizeWindow(text, 5, side, codePoints);
      assert.ok(tokens.length >= 5, side);
    }
  });
});
