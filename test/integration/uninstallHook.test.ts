import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readStorageMarker, writeStorageMarker } from '../../src/editor/storageMarker';

const ROOT = path.resolve(__dirname, '..', '..');
const ID = 'cascade-dev.cascade-completions';

describe('uninstall hook (dist/uninstall.js, run as VS Code runs vscode:uninstall)', () => {
  let dir: string;
  let extensionDir: string;
  let storageDir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-uninstall-'));
    extensionDir = path.join(dir, 'extensions', `${ID}-0.1.0`);
    storageDir = path.join(dir, 'User', 'globalStorage', ID);
    mkdirSync(path.join(extensionDir, 'dist'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(extensionDir, 'package.json'));
    cpSync(path.join(ROOT, 'dist', 'uninstall.js'), path.join(extensionDir, 'dist', 'uninstall.js'));
    mkdirSync(path.join(storageDir, 'models'), { recursive: true });
    writeFileSync(path.join(storageDir, 'models', 'a.gguf'), 'GGUF');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const runHook = () => execFileSync(process.execPath, [path.join(extensionDir, 'dist', 'uninstall.js')], { cwd: extensionDir, encoding: 'utf8' });

  it('removes the global storage the extension recorded at activation', () => {
    assert.ok(writeStorageMarker(extensionDir, storageDir));
    assert.match(runHook(), /removed .*globalStorage/);
    assert.ok(!existsSync(storageDir));
    assert.ok(existsSync(path.join(dir, 'User', 'globalStorage')), 'only its own folder goes');
  });

  it('removes nothing without a marker, or with one naming a folder that is not its own', () => {
    assert.match(runHook(), /nothing removed/);
    writeStorageMarker(extensionDir, path.join(dir, 'User'));
    assert.match(runHook(), /nothing removed/);
    writeFileSync(path.join(extensionDir, '.global-storage.json'), '{"storageDir": "not json');
    assert.match(runHook(), /nothing removed/);
    assert.ok(existsSync(path.join(storageDir, 'models', 'a.gguf')));
  });

  it('reads only absolute folders named after the extension id, in any case', () => {
    writeStorageMarker(extensionDir, path.join(dir, 'globalStorage', 'Cascade-Dev.Cascade-Completions'));
    assert.equal(readStorageMarker(extensionDir, ID), path.join(dir, 'globalStorage', 'Cascade-Dev.Cascade-Completions'));
    writeStorageMarker(extensionDir, `globalStorage/${ID}`);
    assert.equal(readStorageMarker(extensionDir, ID), undefined);
    assert.equal(writeStorageMarker(path.join(dir, 'missing', 'folder'), storageDir), false);
  });
});
