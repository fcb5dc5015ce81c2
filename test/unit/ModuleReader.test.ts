import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ModuleReader, ModuleReadError } from '../../src/engine/sandbox/modules/ModuleReader';
import { MAX_MODULE_FILE_BYTES } from '../../src/engine/sandbox/modules/moduleCaps';
import { makeFileTree } from '../helpers/fileTree';

describe('ModuleReader', () => {
  let base: string;
  let root: string;
  before(() => {
    base = makeFileTree({
      'outside.js': 'module.exports = "outside"',
      'proj/package.json': '{}',
      'proj/a.js': '\uFEFFmodule.exports = 1;',
      'proj/b.js': 'x'.repeat(100),
      'proj/c.js': 'y'.repeat(100),
      'proj/data.json': '{ "ok": true }',
      'proj/bad.json': '{ "ok": ',
      'proj/out.js': { link: '../outside.js' },
    });
    root = path.join(base, 'proj');
    writeFileSync(path.join(root, 'huge.js'), Buffer.alloc(MAX_MODULE_FILE_BYTES + 1, 0x20));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const at = (name: string): string => path.join(root, name);
  function expectError(read: () => unknown, message: RegExp): void {
    assert.throws(read, (error: unknown) => error instanceof ModuleReadError && message.test(error.message));
  }

  it('reads a module with its size and mtime, without the byte-order mark', () => {
    const source = new ModuleReader(root).read(at('a.js'));
    assert.equal(source.text, 'module.exports = 1;');
    assert.equal(source.path, at('a.js'));
    assert.equal(source.size, Buffer.byteLength('\uFEFFmodule.exports = 1;'));
    assert.ok(source.mtimeMs > 0);
  });

  it('refuses a file over the per-file cap (1 MiB) without reading it', () => {
    expectError(() => new ModuleReader(root).read(at('huge.js')), /Module huge\.js is 1048577 bytes, over the cap of 1 MiB per module file/);
  });

  it('counts bytes across the run', () => {
    const reader = new ModuleReader(root, { fileBytes: 1000, runBytes: 150, modules: 10 });
    reader.read(at('b.js'));
    expectError(() => reader.read(at('c.js')), /Loading c\.js would read more than 150 bytes of modules in one run/);
    // A fresh run starts from zero.
    new ModuleReader(root, { fileBytes: 1000, runBytes: 150, modules: 10 }).read(at('c.js'));
  });

  it('counts modules across the run', () => {
    const reader = new ModuleReader(root, { fileBytes: 1000, runBytes: 10_000, modules: 2 });
    reader.read(at('a.js'));
    reader.read(at('b.js'));
    expectError(() => reader.read(at('c.js')), /Too many modules: a run may load at most 2 \(loading c\.js\)/);
  });

  it('validates JSON with a clear message', () => {
    assert.equal(new ModuleReader(root).read(at('data.json')).text, '{ "ok": true }');
    expectError(() => new ModuleReader(root).read(at('bad.json')), /Module bad\.json is not valid JSON: /);
  });

  it('never reads outside the root, even through a symlink', () => {
    expectError(() => new ModuleReader(root).read(path.join(base, 'outside.js')), /outside the project root/);
    expectError(() => new ModuleReader(root).read(at('out.js')), /Module out\.js is outside the project root/);
    expectError(() => new ModuleReader(root).read(at('nope.js')), /Cannot read module nope\.js: no such file/);
  });
});
