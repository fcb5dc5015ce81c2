import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RunOutcome, RunRequest } from '../../src/engine/sandbox/Sandbox';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { makeFileTree } from '../helpers/fileTree';

/** Fails the run if the sandbox ever executes the file it is in. */
const TRIPWIRE = "console.assert(false, 'a file outside the project root was loaded');\nmodule.exports = 'secret';\n";

// Programs stand for proj/src/main.{js,ts}; imports resolve in proj/ through the real pool.
describe('sandbox module loader', function () {
  this.timeout(30_000);
  let pool: SandboxPool;
  let base: string;
  let root: string;

  before(() => {
    pool = new SandboxPool({ size: 1 });
    base = makeFileTree({
      'outside/secret.js': TRIPWIRE,
      'proj/package.json': '{ "name": "proj" }',
      'proj/src/math.js': 'exports.add = (a, b) => a + b;\nexports.file = __filename;\nexports.dir = __dirname;\n',
      'proj/src/util.ts': "import { helper } from './helper';\nexport function double(n: number): number { return helper(n) * 2; }\n",
      'proj/src/helper.ts': 'export const helper = (n: number): number => n;\n',
      'proj/src/esm.js': "import { add } from './math.js';\nexport default function sum(list) { return list.reduce(add, 0); }\n",
      'proj/src/data.json': '{ "answer": 42, "list": [1, 2] }',
      'proj/src/lib/index.js': "module.exports = { name: 'lib' };\n",
      'proj/src/cycleA.js': "exports.early = 'a';\nconst b = require('./cycleB');\nexports.late = 'a2';\nexports.bSaw = b.saw;\n",
      'proj/src/cycleB.js': "const a = require('./cycleA');\nexports.saw = Object.keys(a).join(',');\n",
      'proj/src/usesFs.js': [
        "const fs = require('fs');",
        "const { readFileSync } = require('node:fs');",
        "exports.pure = (x) => x + 1;",
        "exports.read = (p) => fs.readFileSync(p, 'utf8');",
        'exports.readDestructured = (p) => readFileSync(p);',
      ].join('\n'),
      'proj/src/usesFs.ts': [
        "import fs from 'fs';",
        "import * as path from 'node:path';",
        "import { execSync } from 'child_process';",
        'export const pure = (x: number): number => x * 3;',
        'export const join = (a: string, b: string): string => path.join(a, b);',
        "export const run = (): unknown => execSync('id');",
        'export const exists = (p: string): boolean => fs.existsSync(p);',
      ].join('\n'),
      'proj/src/needsMissing.js': "const x = require('./not-there');\nmodule.exports = x;\n",
      'proj/src/broken.js': 'module.exports = function (;\n',
      'proj/src/asyncFail.ts': "export async function boom(): Promise<void> { throw new Error('async boom'); }\n",
      'proj/src/main.js': 'exports.value = "the saved file, not the program";\n',
      'proj/src/back.js': "const main = require('./main');\nexports.fromMain = () => main.value;\n",
      'proj/src/escape.js': { link: '../../outside/secret.js' },
      'proj/src/encode.ts': [
        "import { Buffer } from 'node:buffer';",
        "import { URL } from 'url';",
        "export const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');",
        'export const host = (u: string): string => new URL(u).host;',
      ].join('\n'),
      'proj/src/edited.ts': 'export const version = 1;\n',
      'proj/node_modules/pkg/package.json': JSON.stringify({
        name: 'pkg',
        main: './wrong.js',
        exports: { '.': { import: './esm/index.mjs', require: './cjs/index.js' }, './extra': './extra.js' },
      }),
      'proj/node_modules/pkg/cjs/index.js': "exports.kind = 'cjs';\n",
      'proj/node_modules/pkg/esm/index.mjs': "export const kind = 'esm';\n",
      'proj/node_modules/pkg/extra.js': "module.exports = 'extra';\n",
      'proj/node_modules/esm-only/package.json': '{ "name": "esm-only", "exports": { "import": "./index.mjs" } }',
      'proj/node_modules/esm-only/index.mjs': "export function shout(s) { return s.toUpperCase() + '!'; }\n",
      'proj/node_modules/@scope/tool/package.json': '{ "main": "lib/tool.js" }',
      'proj/node_modules/@scope/tool/lib/tool.js': "exports.tool = () => 'tool';\n",
    });
    root = path.join(base, 'proj');
  });
  after(async () => {
    await pool.dispose();
    rmSync(base, { recursive: true, force: true });
  });

  const scope = (file = 'src/main.js'): RunRequest['modules'] => ({ root, file: path.join(root, file) });
  async function expectRun(code: string, status: RunOutcome['status'], extra: Partial<RunRequest> = {}): Promise<RunOutcome> {
    const outcome = await pool.run({ code, modules: scope(extra.language === 'ts' ? 'src/main.ts' : 'src/main.js'), ...extra });
    assert.equal(outcome.status, status, `${code}\n→ ${JSON.stringify(outcome)}`);
    return outcome;
  }
  const A = "const assert = require('assert');\n";

  it('requires a sibling .js file, which sees its own __filename and __dirname', async () => {
    const math = path.join(root, 'src', 'math.js');
    await expectRun(
      `${A}const m = require('./math');\nassert.equal(m.add(2, 3), 5);\nassert.equal(m.file, ${JSON.stringify(math)});\nassert.equal(m.dir, ${JSON.stringify(path.dirname(math))});\nassert.equal(require('./math.js'), m);`,
      'pass',
    );
  });

  it('imports a TypeScript sibling that imports another one, from a TypeScript program', async () => {
    await expectRun("import assert from 'node:assert';\nimport { double } from './util';\nconst n: number = double(4);\nassert.equal(n, 8);", 'pass', { language: 'ts' });
    await expectRun("import { double } from './util.js';\nconsole.assert(double(1) === 2);", 'pass', { language: 'ts' });
  });

  it('transpiles an ES-module .js sibling', async () => {
    await expectRun("import sum from './esm';\nconsole.assert(sum([1, 2, 3]) === 6);", 'pass');
  });

  it('loads JSON and a folder index', async () => {
    await expectRun(`${A}assert.deepEqual(require('./data.json'), { answer: 42, list: [1, 2] });\nassert.equal(require('./lib').name, 'lib');`, 'pass');
  });

  it('loads packages through exports (require over import), main and scopes', async () => {
    await expectRun(
      `${A}assert.equal(require('pkg').kind, 'cjs');\nassert.equal(require('pkg/extra'), 'extra');\nassert.equal(require('@scope/tool').tool(), 'tool');`,
      'pass',
    );
    await expectRun("import { shout } from 'esm-only';\nconsole.assert(shout('hi') === 'HI!');", 'pass');
    const outcome = await expectRun("require('pkg/wrong.js')", 'error');
    assert.match(outcome.message ?? '', /Package subpath '\.\/wrong\.js' is not exported by 'pkg'/);
  });

  it('an import cycle gives partial exports, exactly as Node does', async () => {
    const inNode = createRequire(path.join(root, 'src', 'main.js'))('./cycleA') as Record<string, unknown>;
    assert.equal(inNode.bSaw, 'early');
    await expectRun(`${A}const a = require('./cycleA');\nassert.deepEqual({ ...a }, ${JSON.stringify(inNode)});`, 'pass');
  });

  it('a refused built-in inside a sibling does not stop it loading, until it is used', async () => {
    await expectRun("const m = require('./usesFs.js');\nconsole.assert(m.pure(1) === 2);", 'pass');
    for (const use of ["m.read('/etc/passwd')", "m.readDestructured('/etc/passwd')"]) {
      const outcome = await expectRun(`const m = require('./usesFs.js');\n${use};`, 'error');
      assert.match(outcome.message ?? '', /require\('(node:)?fs'\) is not available in the sandbox/);
    }
  });

  it('the same holds for TypeScript imports of refused built-ins (default, namespace and named)', async () => {
    await expectRun("import { pure } from './usesFs';\nconsole.assert(pure(2) === 6);", 'pass', { language: 'ts' });
    const cases: [string, RegExp][] = [
      ['join("a", "b")', /require\('node:path'\) is not available/],
      ['run()', /require\('child_process'\) is not available/],
      ['exists("/")', /require\('fs'\) is not available/],
    ];
    for (const [call, message] of cases) {
      const outcome = await expectRun(`import * as m from './usesFs';\nm.${call};`, 'error', { language: 'ts' });
      assert.match(outcome.message ?? '', message);
    }
  });

  it('a refused built-in required by the program itself throws, as without modules', async () => {
    const outcome = await expectRun("require('fs')", 'error');
    assert.equal(outcome.message, "Error: require('fs') is not available in the sandbox");
  });

  it('a missing module is an error that names it, and can be caught like in Node', async () => {
    let outcome = await expectRun("require('./nope')", 'error');
    assert.match(outcome.message ?? '', /Cannot find module '\.\/nope' from 'src\/main\.js'/);
    outcome = await expectRun("require('./needsMissing')", 'error');
    assert.match(outcome.message ?? '', /Cannot find module '\.\/not-there' from 'src\/needsMissing\.js'/);
    outcome = await expectRun("require('left-pad')", 'error');
    assert.match(outcome.message ?? '', /Cannot find package 'left-pad'.*npm install left-pad/);
    await expectRun("let code;\ntry { require('./nope') } catch (e) { code = e.code }\nconsole.assert(code === 'MODULE_NOT_FOUND');", 'pass');
  });

  it('a syntax error in a module names the file; a failed module is not cached', async () => {
    const outcome = await expectRun("require('./broken')", 'error');
    assert.match(outcome.message ?? '', /SyntaxError: .*\(in src\/broken\.js\)/);
    await expectRun('let n = 0;\nfor (let i = 0; i < 2; i++) { try { require("./broken") } catch (e) { n++ } }\nconsole.assert(n === 2);', 'pass');
  });

  it('async code in a module is tracked: its unhandled rejection fails the run', async () => {
    const outcome = await expectRun("import { boom } from './asyncFail';\nboom();", 'error', { language: 'ts' });
    assert.match(outcome.message ?? '', /async boom/);
  });

  it("a module that requires the program's own file gets the program's exports", async () => {
    await expectRun("exports.value = 7;\nconst back = require('./back');\nconsole.assert(back.fromMain() === 7);", 'pass');
  });

  it('a module edited between runs is read again (the transpile cache is keyed by the file version)', async () => {
    await expectRun("import { version } from './edited';\nconsole.assert(version === 1);", 'pass', { language: 'ts' });
    writeFileSync(path.join(root, 'src', 'edited.ts'), 'export const version = 22;\n');
    await expectRun("import { version } from './edited';\nconsole.assert(version === 22);", 'pass', { language: 'ts' });
  });

  it("loading modules is not charged to the run's time limit (a cold worker loads the compiler)", async () => {
    const cold = new SandboxPool({ size: 1 });
    try {
      const outcome = await cold.run({ code: "const { double } = require('./util');\nconsole.assert(double(2) === 4);", modules: scope(), timeoutMs: 50 });
      assert.equal(outcome.status, 'pass', JSON.stringify(outcome));
      assert.equal(cold.stats().restarts, 0);
    } finally {
      await cold.dispose();
    }
  });

  it('each run gets a fresh module cache', async () => {
    await expectRun("require('./lib').mutated = true;", 'pass');
    await expectRun("console.assert(require('./lib').mutated === undefined);", 'pass');
  });

  it('module code cannot replace what the loader relies on', async () => {
    await expectRun(
      `${A}JSON.parse = () => ({ answer: 0 });\nReflect.apply = () => {};\nassert.equal(require('./data.json').answer, 42);\nassert.equal(require('./math').add(1, 1), 2);`,
      'pass',
    );
  });

  it('never reads a file outside the root, even through a symlink', async () => {
    const secret = path.join(base, 'outside', 'secret.js');
    utimesSync(secret, new Date(0), new Date(0));
    for (const specifier of ['./escape', '../../outside/secret.js', secret]) {
      const outcome = await expectRun(`require(${JSON.stringify(specifier)})`, 'error');
      assert.match(outcome.message ?? '', /resolves outside the project root/);
    }
    // The tripwire never ran; and where reads update access times (relatime does for one
    // older than a day, as a control file shows), it was never even read.
    const control = path.join(base, 'outside', 'control.txt');
    writeFileSync(control, 'x');
    utimesSync(control, new Date(0), new Date(0));
    readFileSync(control);
    if (statSync(control).atimeMs !== 0) assert.equal(statSync(secret).atimeMs, 0, 'the file outside the root was read');
  });

  it('without modules only the built-ins load, with the same refusal as before', async () => {
    const outcome = await pool.run({ code: "require('./math')" });
    assert.equal(outcome.status, 'error');
    assert.equal(outcome.message, "Error: require('./math') is not available in the sandbox");
    assert.equal((await pool.run({ code: "require('assert').equal(require('node:assert/strict').ok, require('assert').strict.ok)" })).status, 'pass');
  });

  it('buffer and url are the sandbox globals, in the program and in modules', async () => {
    await expectRun(
      `${A}assert.equal(typeof Buffer, 'function');\nassert.equal(require('buffer').Buffer, Buffer);\nassert.equal(require('node:url').URL, URL);\nassert.equal(require('url').URLSearchParams, URLSearchParams);`,
      'pass',
    );
    await expectRun("import { hex, host } from './encode';\nconsole.assert(hex('hi') === '6869' && host('https://example.com/x') === 'example.com');", 'pass', {
      language: 'ts',
    });
  });
});
