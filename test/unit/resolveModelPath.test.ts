import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { ModelLoadError } from '../../src/engine/errors';
import { resolveModelPath } from '../../src/engine/model/resolveModelPath';

describe('resolveModelPath', () => {
  const base = path.resolve('/models/tiers');

  it('resolves relative paths against the base folder', () => {
    assert.equal(resolveModelPath('qwen.gguf', base), path.join(base, 'qwen.gguf'));
    assert.equal(resolveModelPath('../big/qwen.gguf', base), path.resolve(base, '../big/qwen.gguf'));
  });

  it('keeps absolute paths and expands ~', () => {
    const absolute = path.resolve('/opt/m.gguf');
    assert.equal(resolveModelPath(absolute, base), absolute);
    assert.equal(resolveModelPath('~/m/q.gguf', base), path.join(os.homedir(), 'm', 'q.gguf'));
    assert.equal(resolveModelPath('~', base), os.homedir());
  });

  it('defaults the base folder to the working directory and trims blanks', () => {
    assert.equal(resolveModelPath('  q.bin '), path.resolve('q.bin'));
  });

  it('rejects hf: URIs, URLs and empty values with what to do', () => {
    assert.throws(() => resolveModelPath('hf:Qwen/Qwen2.5-Coder-1.5B-GGUF:Q8_0', base), (error: unknown) => {
      assert.ok(error instanceof ModelLoadError);
      assert.match(error.message, /hf: model URIs are not downloaded yet.*local path/);
      return true;
    });
    assert.throws(() => resolveModelPath('https://example.com/m.gguf', base), /URLs are not downloaded yet/);
    assert.throws(() => resolveModelPath('   ', base), ModelLoadError);
  });
});
