import assert from 'node:assert/strict';
import { poolAsserts } from '../../src/engine/testgen/poolAsserts';

describe('poolAsserts', () => {
  it('pools distinct asserts in order of first appearance and maps each sample to its ids', () => {
    const pooled = poolAsserts([['a', 'b'], ['b', 'c', 'b'], [], ['a']]);
    assert.deepEqual(pooled.asserts, ['a', 'b', 'c']);
    assert.deepEqual(pooled.idsBySample, [[0, 1], [1, 2], [], [0]]);
  });

  it('pools nothing from no samples', () => {
    assert.deepEqual(poolAsserts([]), { asserts: [], idsBySample: [] });
  });
});
