import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deleteDownloadedModels, listDownloadedModels, tierModelFiles } from '../../src/engine/models/downloadedModels';
import { validateTiers } from '../../src/engine/config/validateTiers';

describe('downloaded models', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-downloaded-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists models and partial downloads largest first, and an absent folder as empty', async () => {
    const models = path.join(dir, 'models');
    assert.deepEqual(await listDownloadedModels(models), []);
    mkdirSync(path.join(models, 'not-a-file'), { recursive: true });
    writeFileSync(path.join(models, 'small.gguf'), Buffer.alloc(10));
    writeFileSync(path.join(models, 'big.gguf.ipull'), Buffer.alloc(300));
    assert.deepEqual(await listDownloadedModels(models), [
      { name: 'big.gguf.ipull', bytes: 300 },
      { name: 'small.gguf', bytes: 10 },
    ]);
  });

  it('deletes every file it lists and reports the bytes freed, leaving folders alone', async () => {
    writeFileSync(path.join(dir, 'a.gguf'), Buffer.alloc(1000));
    writeFileSync(path.join(dir, 'b.gguf'), Buffer.alloc(24));
    mkdirSync(path.join(dir, 'keep'));
    assert.deepEqual(await deleteDownloadedModels(dir), { files: 2, bytes: 1024 });
    assert.deepEqual(readdirSync(dir), ['keep']);
    assert.deepEqual(await deleteDownloadedModels(dir), { files: 0, bytes: 0 });
  });

  it('says which local tiers have their model file: paths from the base folder, hf: URIs in the models folder, server tiers none', () => {
    const models = path.join(dir, 'models');
    mkdirSync(models);
    writeFileSync(path.join(dir, 'local.gguf'), 'GGUF');
    writeFileSync(path.join(models, 'here.gguf'), 'GGUF');
    const tiers = validateTiers(
      [
        { model: 'local.gguf' },
        { model: 'hf:someone/repo/here.gguf' },
        { server: 'http://127.0.0.1:8080', model: 'big' },
        { model: 'hf:someone/repo/absent.gguf' },
        { model: 'gone.gguf' },
      ],
      'tiers',
    );
    assert.deepEqual(tierModelFiles(tiers, dir, models), [
      { tier: 0, model: 'local.gguf', downloadable: false, present: true },
      { tier: 1, model: 'hf:someone/repo/here.gguf', downloadable: true, present: true },
      { tier: 3, model: 'hf:someone/repo/absent.gguf', downloadable: true, present: false },
      { tier: 4, model: 'gone.gguf', downloadable: false, present: false },
    ]);
  });
});
