import assert from 'node:assert/strict';
import { defaultThreads, MAX_DEFAULT_THREADS } from '../../src/engine/model/defaultThreads';

describe('defaultThreads', () => {
  it('leaves one core free, uses at least one and caps the rest', () => {
    assert.equal(defaultThreads(1), 1);
    assert.equal(defaultThreads(2), 1);
    assert.equal(defaultThreads(6), 5);
    assert.equal(defaultThreads(64), MAX_DEFAULT_THREADS);
    assert.ok(defaultThreads() >= 1);
  });
});
