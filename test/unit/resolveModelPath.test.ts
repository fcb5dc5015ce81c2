import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModelLoadError } from '../../src/engine/errors';
import { resolveModelPath } from '../../src/engine/model/resolveModelPath';
import { defaultModelsDir } from '../../src/engine/models/modelsDir';

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

  it('finds a downloaded hf: URI or URL in the models folder', () => {
    const modelsDir = mkdtempSync(path.join(os.tmpdir(), 'cascade-models-'));
    writeFileSync(path.join(modelsDir, 'qwen2.5-coder-1.5b-q8_0.gguf'), 'GGUF');
    const uri = 'hf:ggml-org/Qwen2.5-Coder-1.5B-Q8_0-GGUF/qwen2.5-coder-1.5b-q8_0.gguf#8be1b8a895a84beea772817caaa71eba6b6e0d07';
    assert.equal(resolveModelPath(uri, base, modelsDir), path.join(modelsDir, 'qwen2.5-coder-1.5b-q8_0.gguf'));
    assert.equal(resolveModelPath(' https://example.com/m/qwen2.5-coder-1.5b-q8_0.gguf?download=true ', base, modelsDir), path.join(modelsDir, 'qwen2.5-coder-1.5b-q8_0.gguf'));
    rmSync(modelsDir, { recursive: true });
  });

  it('says to download a remote model that is not in the models folder', () => {
    const modelsDir = path.resolve('/nowhere/models');
    assert.throws(() => resolveModelPath('hf:Qwen/Coder-GGUF/sub/dir/coder-q8_0.gguf', base, modelsDir), (error: unknown) => {
      assert.ok(error instanceof ModelLoadError);
      assert.match(error.message, /hf:Qwen\/Coder-GGUF\/sub\/dir\/coder-q8_0\.gguf is not downloaded yet: download it .* or put coder-q8_0\.gguf in /);
      assert.ok(error.message.includes(modelsDir));
      return true;
    });
  });

  it('rejects references that name no file, other schemes and empty values', () => {
    assert.throws(() => resolveModelPath('hf:Qwen/Qwen2.5-Coder-1.5B-GGUF:Q8_0', base), /Cannot tell which file .* use hf:<user>\/<repo>\/<file>\.gguf/);
    assert.throws(() => resolveModelPath('ftp://example.com/m.gguf', base), ModelLoadError);
    assert.throws(() => resolveModelPath('https://example.com/', base), /Cannot tell which file/);
    assert.throws(() => resolveModelPath('   ', base), ModelLoadError);
  });

  it('keeps downloads in $CASCADE_MODELS_DIR, else ~/.cascade/models', () => {
    assert.equal(defaultModelsDir({}), path.join(os.homedir(), '.cascade', 'models'));
    assert.equal(defaultModelsDir({ CASCADE_MODELS_DIR: '/data/gguf' }), path.resolve('/data/gguf'));
  });
});
