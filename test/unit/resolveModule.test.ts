import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from '../../src/engine/sandbox/modules/findProjectRoot';
import { resolveModule, type ModuleResolution } from '../../src/engine/sandbox/modules/resolveModule';
import { makeFileTree } from '../helpers/fileTree';

describe('resolveModule', () => {
  // base/
  //   outside.js, node_modules/above/ (a package above the root), secret/key.js
  //   proj/ (the root) …
  let base: string;
  let root: string;
  let from: string;

  before(() => {
    base = makeFileTree({
      'outside.js': 'module.exports = "outside"',
      'secret/key.js': 'module.exports = "secret"',
      'node_modules/above/index.js': '',
      'proj/package.json': '{ "name": "proj", "imports": { "#util": "./src/util.ts", "#lib/*": "./src/lib/*.js", "#dep": "plain" } }',
      'proj/src/main.js': '',
      'proj/src/app.ts': '',
      'proj/src/util.ts': '',
      'proj/src/both.js': '',
      'proj/src/both.ts': '',
      'proj/src/helper.js': '',
      'proj/src/data.json': '{}',
      'proj/src/lib/index.js': '',
      'proj/src/withMain/package.json': '{ "main": "./entry" }',
      'proj/src/withMain/entry.js': '',
      'proj/src/addon.node': '',
      'proj/src/linkToHelper.js': { link: 'helper.js' },
      'proj/src/linkOut.js': { link: '../../outside.js' },
      'proj/src/linkDirOut': { link: '../../secret' },
      'proj/node_modules/plain/package.json': '{ "main": "lib/main.js" }',
      'proj/node_modules/plain/lib/main.js': '',
      'proj/node_modules/noentry/index.js': '',
      'proj/node_modules/single.js': '',
      'proj/node_modules/fs/index.js': '',
      'proj/node_modules/exp/package.json': JSON.stringify({
        main: './main.js',
        exports: {
          '.': { import: './esm/index.mjs', require: './cjs/index.js' },
          './feature': { node: './feature-node.js', default: './feature.js' },
          './esm-only': { import: './esm/only.mjs' },
          './utils/*': './src/utils/*.js',
          './utils/private/*': null,
          './bad': '../escape.js',
        },
      }),
      'proj/node_modules/exp/main.js': '',
      'proj/node_modules/exp/cjs/index.js': '',
      'proj/node_modules/exp/esm/index.mjs': '',
      'proj/node_modules/exp/esm/only.mjs': '',
      'proj/node_modules/exp/feature-node.js': '',
      'proj/node_modules/exp/feature.js': '',
      'proj/node_modules/exp/src/utils/strings.js': '',
      'proj/node_modules/exp/src/utils/private/x.js': '',
      'proj/node_modules/sugar/package.json': '{ "exports": "./entry.js" }',
      'proj/node_modules/sugar/entry.js': '',
      'proj/node_modules/@scope/pkg/package.json': '{ "exports": { ".": "./index.js", "./sub": "./sub/impl.js" } }',
      'proj/node_modules/@scope/pkg/index.js': '',
      'proj/node_modules/@scope/pkg/sub/impl.js': '',
      'proj/node_modules/@scope/plain/deep/file.js': '',
      'proj/node_modules/a/index.js': '',
      'proj/node_modules/a/node_modules/b/index.js': '',
      'proj/node_modules/b/index.js': '',
      'proj/node_modules/escapes': { link: '../../node_modules/above' },
      'proj/node_modules/native/package.json': '{ "main": "binding.node" }',
      'proj/node_modules/native/binding.node': '',
      'proj/node_modules/broken/package.json': '{ "main": ',
    });
    root = path.join(base, 'proj');
    from = path.join(root, 'src', 'main.js');
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const file = (relative: string): ModuleResolution => ({ kind: 'file', path: path.join(root, ...relative.split('/')) });
  const resolve = (specifier: string, importer = from): ModuleResolution => resolveModule(specifier, importer, root);
  function expectKind(specifier: string, kind: ModuleResolution['kind'], message?: RegExp, importer = from): void {
    const resolution = resolve(specifier, importer);
    assert.equal(resolution.kind, kind, `${specifier}: ${JSON.stringify(resolution)}`);
    if (message) assert.match('message' in resolution ? resolution.message : '', message);
  }

  describe('relative paths', () => {
    it('finds a file with or without its extension', () => {
      assert.deepEqual(resolve('./helper'), file('src/helper.js'));
      assert.deepEqual(resolve('./helper.js'), file('src/helper.js'));
      assert.deepEqual(resolve('./util'), file('src/util.ts'));
      assert.deepEqual(resolve('./data.json'), file('src/data.json'));
      assert.deepEqual(resolve('./data'), file('src/data.json'));
      assert.deepEqual(resolve('../helper', path.join(root, 'src', 'lib', 'index.js')), file('src/helper.js'));
    });

    it('an absolute path inside the root resolves', () => {
      assert.deepEqual(resolve(path.join(root, 'src', 'helper')), file('src/helper.js'));
    });

    it("maps TypeScript's './x.js' to x.ts, and prefers the TypeScript source from TypeScript", () => {
      const fromTs = path.join(root, 'src', 'app.ts');
      assert.deepEqual(resolve('./util.js', fromTs), file('src/util.ts'));
      assert.deepEqual(resolve('./util.js'), file('src/util.ts'));
      assert.deepEqual(resolve('./both', fromTs), file('src/both.ts'));
      assert.deepEqual(resolve('./both.js', fromTs), file('src/both.ts'));
      assert.deepEqual(resolve('./both'), file('src/both.js'));
      assert.deepEqual(resolve('./both.js'), file('src/both.js'));
    });

    it("loads a folder's index, or its package.json main", () => {
      assert.deepEqual(resolve('./lib'), file('src/lib/index.js'));
      assert.deepEqual(resolve('./lib/'), file('src/lib/index.js'));
      assert.deepEqual(resolve('./withMain'), file('src/withMain/entry.js'));
      assert.deepEqual(resolve('.', path.join(root, 'src', 'lib', 'x.js')), file('src/lib/index.js'));
    });

    it('a missing file is missing, with a message naming it and the importer', () => {
      expectKind('./nope', 'missing', /Cannot find module '\.\/nope' from 'src\/main\.js'/);
      expectKind('./helper/', 'missing', /helper\//);
      expectKind('./helper.js/x', 'missing', /helper\.js\/x/);
    });

    it('a symlink inside the root resolves to its real path', () => {
      assert.deepEqual(resolve('./linkToHelper'), file('src/helper.js'));
    });

    it('refuses a native addon', () => {
      expectKind('./addon.node', 'refused', /require\('\.\/addon\.node'\) is a native addon \(src\/addon\.node\)/);
      expectKind('native', 'refused', /native addon/);
    });
  });

  describe('confinement to the root', () => {
    it('refuses `..` traversal, whether or not the target exists', () => {
      expectKind('../../outside.js', 'refused', /require\('\.\.\/\.\.\/outside\.js'\) resolves outside the project root/);
      expectKind('../../outside', 'refused', /outside the project root/);
      expectKind('../../../../../../../etc/passwd', 'refused', /outside the project root/);
      expectKind('..', 'refused', /outside/, path.join(root, 'index.js'));
    });

    it("refuses `..` inside a package specifier ('pkg/../../x')", () => {
      expectKind('plain/../../../outside.js', 'refused', /outside the project root/);
    });

    it('refuses an absolute path outside the root', () => {
      expectKind('/etc/passwd', 'refused', /outside the project root/);
      expectKind(path.join(base, 'outside.js'), 'refused', /outside/);
    });

    it('refuses a file symlink that points outside', () => {
      expectKind('./linkOut', 'refused', /require\('\.\/linkOut'\) resolves outside the project root/);
      expectKind('./linkOut.js', 'refused', /outside/);
    });

    it('refuses a folder symlink that points outside', () => {
      expectKind('./linkDirOut/key', 'refused', /outside the project root/);
      expectKind('./linkDirOut', 'refused', /outside/);
    });

    it('refuses a package in node_modules that is a symlink to outside the root', () => {
      expectKind('escapes', 'refused', /require\('escapes'\) resolves outside/);
    });

    it('ignores node_modules folders above the root', () => {
      expectKind('above', 'missing', /Cannot find package 'above' from 'src\/main\.js'.*npm install above/);
    });

    it('a root that does not exist resolves nothing', () => {
      const resolution = resolveModule('./x', path.join(base, 'gone', 'a.js'), path.join(base, 'gone'));
      assert.equal(resolution.kind, 'missing');
    });
  });

  describe('packages', () => {
    it('uses main, then index, then a file named like the package', () => {
      assert.deepEqual(resolve('plain'), file('node_modules/plain/lib/main.js'));
      assert.deepEqual(resolve('noentry'), file('node_modules/noentry/index.js'));
      assert.deepEqual(resolve('single'), file('node_modules/single.js'));
      assert.deepEqual(resolve('plain/lib/main'), file('node_modules/plain/lib/main.js'));
    });

    it('prefers exports over main, with require > node > default > import', () => {
      assert.deepEqual(resolve('exp'), file('node_modules/exp/cjs/index.js'));
      assert.deepEqual(resolve('exp/feature'), file('node_modules/exp/feature-node.js'));
      assert.deepEqual(resolve('exp/esm-only'), file('node_modules/exp/esm/only.mjs'));
      assert.deepEqual(resolve('sugar'), file('node_modules/sugar/entry.js'));
    });

    it('exports patterns: the longest prefix wins, a null target hides a subpath', () => {
      assert.deepEqual(resolve('exp/utils/strings'), file('node_modules/exp/src/utils/strings.js'));
      expectKind('exp/utils/private/x', 'missing', /not exported by 'exp'/);
      expectKind('exp/utils/nothere', 'missing', /exp\/utils\/nothere.*does not exist/);
    });

    it('a subpath the package does not export is missing, even if the file exists', () => {
      expectKind('exp/main.js', 'missing', /Package subpath '\.\/main\.js' is not exported by 'exp'/);
      expectKind('exp/bad', 'missing', /Invalid package target '\.\.\/escape\.js'/);
    });

    it('resolves scoped packages and their subpaths', () => {
      assert.deepEqual(resolve('@scope/pkg'), file('node_modules/@scope/pkg/index.js'));
      assert.deepEqual(resolve('@scope/pkg/sub'), file('node_modules/@scope/pkg/sub/impl.js'));
      assert.deepEqual(resolve('@scope/plain/deep/file'), file('node_modules/@scope/plain/deep/file.js'));
      expectKind('@scope', 'missing', /not a valid package name/);
    });

    it('searches nested node_modules first, from the importing file', () => {
      const inA = path.join(root, 'node_modules', 'a', 'index.js');
      assert.deepEqual(resolve('b', inA), file('node_modules/a/node_modules/b/index.js'));
      assert.deepEqual(resolve('b'), file('node_modules/b/index.js'));
      assert.deepEqual(resolve('plain', inA), file('node_modules/plain/lib/main.js'));
    });

    it('a package that is not installed says how to install it', () => {
      expectKind('left-pad', 'missing', /Cannot find package 'left-pad'.*npm install left-pad/);
      expectKind('plain/nope', 'missing', /Cannot find module 'plain\/nope'.*package 'plain' has no such file/);
    });

    it('an unreadable package.json is reported', () => {
      expectKind('broken', 'missing', /Invalid JSON in node_modules\/broken\/package\.json/);
    });

    it('resolves # imports from the nearest package.json', () => {
      assert.deepEqual(resolve('#util'), file('src/util.ts'));
      assert.deepEqual(resolve('#lib/index'), file('src/lib/index.js'));
      assert.deepEqual(resolve('#dep'), file('node_modules/plain/lib/main.js'));
      expectKind('#nope', 'missing', /Package import '#nope' is not defined/);
    });
  });

  describe('built-ins', () => {
    it('allows assert, assert/strict, buffer and url, with or without node:', () => {
      for (const name of ['assert', 'assert/strict', 'buffer', 'url']) {
        assert.deepEqual(resolve(name), { kind: 'builtin', name });
        assert.deepEqual(resolve(`node:${name}`), { kind: 'builtin', name });
      }
    });

    it('refuses every other built-in with the message the sandbox throws', () => {
      for (const name of ['fs', 'node:fs', 'child_process', 'path', 'fs/promises', 'node:test', 'worker_threads']) {
        expectKind(name, 'refused', new RegExp(`^require\\('${name}'\\) is not available in the sandbox$`));
      }
    });

    it('a built-in wins over a package of the same name, as in Node', () => {
      expectKind('fs', 'refused', /not available/);
    });
  });
});

describe('findProjectRoot', () => {
  let base: string;
  before(() => {
    base = makeFileTree({
      'package.json': '{}',
      'src/deep/file.ts': '',
      'packages/inner/package.json': '{}',
      'packages/inner/lib/x.js': '',
      'packages/notroot/package.json/README': 'a folder named package.json does not count',
    });
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('is the nearest folder with a package.json, from the file upwards', () => {
    assert.equal(findProjectRoot(path.join(base, 'src', 'deep', 'file.ts')), base);
    assert.equal(findProjectRoot(path.join(base, 'packages', 'inner', 'lib', 'x.js')), path.join(base, 'packages', 'inner'));
    assert.equal(findProjectRoot(path.join(base, 'package.json')), base);
  });

  it('skips a folder named package.json, and works for files that do not exist yet', () => {
    assert.equal(findProjectRoot(path.join(base, 'packages', 'notroot', 'new.ts')), base);
  });
});
