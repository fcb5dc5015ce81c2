import assert from 'node:assert/strict';
import { TranspileCache } from '../../src/engine/sandbox/worker/TranspileCache';

describe('TranspileCache', () => {
  it('keys a file by path, size and modification time', () => {
    const cache = new TranspileCache();
    cache.set(TranspileCache.key('/p/a.ts', 10, 1), 'one');
    assert.equal(cache.get(TranspileCache.key('/p/a.ts', 10, 1)), 'one');
    assert.equal(cache.get(TranspileCache.key('/p/a.ts', 10, 2)), undefined);
    assert.equal(cache.get(TranspileCache.key('/p/a.ts', 11, 1)), undefined);
  });

  it('evicts the least recently used entries beyond its size in characters', () => {
    const cache = new TranspileCache(10);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    assert.equal(cache.get('a'), 'aaaa');
    cache.set('c', 'cccc');
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 'aaaa');
    assert.equal(cache.get('c'), 'cccc');
    assert.deepEqual({ entries: cache.size, chars: cache.weight }, { entries: 2, chars: 8 });
  });

  it('skips an entry larger than the whole cache, and replaces an entry in place', () => {
    const cache = new TranspileCache(10);
    cache.set('a', 'aaaa');
    cache.set('big', 'x'.repeat(11));
    assert.equal(cache.get('big'), undefined);
    cache.set('a', 'aaaaaa');
    assert.deepEqual({ entries: cache.size, chars: cache.weight }, { entries: 1, chars: 6 });
  });
});
