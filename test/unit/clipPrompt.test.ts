import assert from 'node:assert/strict';
import { clipPrompt } from '../../src/engine/model/clipPrompt';

const tokens = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

describe('clipPrompt', () => {
  it('keeps a prompt that fits', () => {
    assert.deepEqual(clipPrompt(tokens(3), tokens(2, 10), 5), { prefix: [0, 1, 2], suffix: [10, 11] });
  });

  it('trims the prefix from its start when the suffix is short', () => {
    assert.deepEqual(clipPrompt(tokens(10), [10], 4), { prefix: [7, 8, 9], suffix: [10] });
  });

  it('gives a long suffix only its share and trims it from its end', () => {
    const clipped = clipPrompt(tokens(100), tokens(100, 1000), 40);
    assert.deepEqual(clipped.suffix, tokens(10, 1000));
    assert.deepEqual(clipped.prefix, tokens(30, 70));
  });

  it('lets the suffix use room the prefix does not need', () => {
    const clipped = clipPrompt(tokens(5), tokens(100, 1000), 40);
    assert.deepEqual(clipped.prefix, tokens(5));
    assert.deepEqual(clipped.suffix, tokens(35, 1000));
  });

  it('honours a custom suffix share, and a budget of 0 or less', () => {
    assert.deepEqual(clipPrompt(tokens(10), tokens(10, 100), 10, 0.5).suffix, tokens(5, 100));
    assert.deepEqual(clipPrompt(tokens(3), tokens(3), -4), { prefix: [], suffix: [] });
  });
});
