import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fitCandidate } from '../../src/engine/cascade/fitCandidate';
import type { DocumentContext } from '../../src/engine/context/DocumentContext';
import { indexDocument } from '../../src/engine/context/indexDocument';
import { planProgram, withAssert } from '../../src/engine/context/planProgram';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import type { SourceLanguage } from '../../src/engine/extract/FunctionAtCursor';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';

/** A document with `|` at the cursor, the completion a model wrote, and what the plan must be. */
async function plan(marked: string, completion: string, options: { language?: SourceLanguage; file?: string; root?: string; tests?: string[] } = {}) {
  const cursor = marked.indexOf('|');
  const document = marked.slice(0, cursor) + marked.slice(cursor + 1);
  const language = options.language ?? 'javascript';
  const fn = await findFunctionAtCursor(document, cursor, language);
  assert.ok(fn, 'the cursor is in a function body');
  const context = await indexDocument({ document, fn, project: { file: options.file, root: options.root } });
  const fitted = await fitCandidate(document, fn, completion);
  assert.ok(fitted.usable, `the completion fits: ${fitted.reason}`);
  return { context, plan: await planProgram(context, fitted.functionText, options.tests) };
}

function programOf(result: Awaited<ReturnType<typeof plan>>): string {
  assert.ok(result.plan.testable, `expected a testable plan, got: ${result.plan.testable ? '' : result.plan.reason}`);
  return result.plan.program;
}

function reasonOf(result: Awaited<ReturnType<typeof plan>>): string {
  assert.ok(!result.plan.testable, `expected an unverifiable plan, got the program:\n${result.plan.testable ? result.plan.program : ''}`);
  return result.plan.reason;
}

describe('planProgram: the context slice of a candidate (real tree-sitter)', () => {
  describe('slicing', () => {
    it('takes the helpers, constants and regexes the function needs, transitively, and nothing else', async () => {
      const program = programOf(await plan(
        [
          "const LOCALE = 'en';",
          'const SPACES = /\\s+/g;',
          "const UNUSED = fetch('https://example.com');",
          'function lower(s) { return s.toLocaleLowerCase(LOCALE); }',
          'function slug(s) {',
          '|',
          'function unrelated() { return document.title; }',
          'main();',
          'app.listen(3000);',
          "console.log('loaded');",
        ].join('\n'),
        "  return lower(s).replace(SPACES, '-');\n}\n",
      ));
      assert.match(program, /const LOCALE = 'en';/);
      assert.match(program, /const SPACES/);
      assert.match(program, /function lower/);
      assert.match(program, /function slug\(s\) \{\n  return lower/);
      for (const absent of ['UNUSED', 'unrelated', 'main()', 'listen', 'console.log']) assert.ok(!program.includes(absent), `${absent} is not in the program`);
    });

    it('keeps document order, so a constant is defined before the code that reads it at load time', async () => {
      const program = programOf(await plan(
        'const BASE = 10;\nconst LIMIT = BASE * 2;\nfunction clamp(n) {\n|\nconst MIN = 1;\n',
        '  return Math.max(MIN, Math.min(LIMIT, n));\n}\n',
      ));
      assert.ok(program.indexOf('const BASE') < program.indexOf('const LIMIT'));
      assert.ok(program.indexOf('function clamp') < program.indexOf('const MIN'), 'MIN follows the function, as in the file');
    });

    it('a local declaration shadows the top-level one of the same name', async () => {
      const program = programOf(await plan(
        "function format(x) { return fetch(x); }\nfunction label(n) {\n|\n",
        "  const format = (v) => `#${v}`;\n  return format(n);\n}\n",
      ));
      assert.ok(!program.includes('fetch'), 'the shadowed top-level format (which uses fetch) is left out');
    });

    it('hoisting: a helper declared after its use is found; a var declared in a nested block is local', async () => {
      const program = programOf(await plan(
        'function pick(flag) {\n|\nfunction later() { return 2; }\nconst y = document.body;\n',
        '  if (flag) { var y = later(); }\n  return y;\n}\n',
      ));
      assert.match(program, /function later/);
      assert.ok(!program.includes('document'), 'the var y inside the body is the function\'s own, not the top-level y');
    });

    it('parameters, destructuring defaults, catch bindings and for-of heads are local; typeof tests are no use', async () => {
      const program = programOf(await plan(
        'const DEFAULT = 3;\nfunction sum({ items = [], start = DEFAULT } = {}) {\n|\n',
        "  let total = start;\n  for (const [, v] of items.entries()) total += v;\n  try { JSON.parse('x'); } catch (err) { total += err ? 0 : 1; }\n  if (typeof window !== 'undefined') total += 0;\n  return total;\n}\n",
      ));
      assert.match(program, /const DEFAULT = 3;/);
    });

    it('unused imports are dropped; used ones are bound lazily (a getter that requires on first use)', async () => {
      const program = programOf(await plan(
        "import fs from 'node:fs';\nimport { missing } from './does-not-exist';\nimport assert from 'node:assert';\nexport function check(x) {\n|\n",
        '  assert.ok(x > 0);\n  return x;\n}\n',
      ));
      assert.ok(!program.includes('fs'), 'fs is not imported');
      assert.ok(!program.includes('does-not-exist'));
      assert.match(program, /bind\("assert", function \(\) \{ return interopDefault\(require\("node:assert"\)\); \}\);/);
      assert.match(program, /^'use strict';/, 'an ES module runs in strict mode');
      assert.match(program, /\nfunction check\(x\)/, 'export is removed');
    });

    it('includes the prototype assignments of a needed constructor function', async () => {
      const program = programOf(await plan(
        'function Stack() { this.items = []; }\nStack.prototype.push = function (x) { this.items.push(x); return this; };\nOther.prototype.x = 1;\nfunction build(xs) {\n|\n',
        '  const s = new Stack();\n  xs.forEach((x) => s.push(x));\n  return s.items;\n}\n',
      ));
      assert.match(program, /Stack\.prototype\.push/);
      assert.ok(!program.includes('Other'));
    });

    it('TypeScript: type-only imports and types are not needs; enums and namespaces are', async () => {
      const program = programOf(await plan(
        "import type { Options } from './types';\nimport { Shape } from './shapes';\nenum Unit { Px = 'px', Em = 'em' }\nnamespace Fmt { export const sep = ' '; }\ninterface Box { w: number }\nexport function css(box: Box, unit: Unit = Unit.Px, shape?: Shape, o?: Options): string {\n|\n",
        '  return `${box.w}${unit}${Fmt.sep}`;\n}\n',
        { language: 'typescript' },
      ));
      assert.match(program, /enum Unit/);
      assert.match(program, /namespace Fmt/);
      assert.ok(!program.includes('./types') && !program.includes('./shapes'), 'Options and Shape are only types here');
    });

    it('assignments that extend the function itself run after it (`fn.cache = {}`)', async () => {
      const program = programOf(await plan('function memo(n) {\n|\nmemo.cache = {};\nother.cache = {};\n', '  return memo.cache[n] ??= n * 2;\n}\n'));
      assert.match(program, /function memo\(n\) \{[\s\S]*\}\nmemo\.cache = \{\};$/);
    });

    it('declarations only the tests use are added, but never decide testability or break loading', async () => {
      const doc = [
        "import fs from 'node:fs';",
        'class Option { constructor(flag) { this.flag = flag; } }',
        "const LOG = fs.openSync('log.txt', 'a');",
        'const DEFAULTS = { verbose: false };',
        'function flagName(option) {',
        '|',
      ].join('\n');
      const tests = ["assert.strictEqual(flagName(new Option('--verbose')), 'verbose');", 'assert.ok(DEFAULTS && LOG && fetch);'];
      const program = programOf(await plan(doc, "  return option.flag.replace(/^--/, '');\n}\n", { tests }));
      assert.match(program, /class Option/);
      assert.match(program, /const DEFAULTS/);
      assert.ok(!program.includes('openSync'), 'LOG would require fs when the program loads: left out');
      assert.ok(!program.includes('node:fs'));
    });

    it('`exports.f = function` gets a binding the asserts can call', async () => {
      const program = programOf(await plan('exports.double = function (n) {\n|\n', '  return n * 2;\n};\n'));
      assert.match(program, /var double = exports\.double;/);
    });
  });

  describe('methods in their class', () => {
    const CLASS = [
      "const fs = require('fs');",
      'const STEP = 1;',
      'class Counter {',
      '  count = 0;',
      '  constructor(start) { this.count = start; }',
      '  /** Adds one and returns the new value. */',
      '  inc() {',
      '|',
      '  }',
      "  save(file) { fs.writeFileSync(file, String(this.count)); }",
      '  get value() { return this.count; }',
      '}',
    ].join('\n');

    it('rebuilds the class with the candidate in place and the other members intact', async () => {
      const { plan: p, context } = await plan(CLASS, '    this.count += STEP;\n    return this.value;\n  }\n');
      assert.ok(p.testable, p.testable ? '' : p.reason);
      assert.match(p.program, /class Counter \{[\s\S]*inc\(\) \{\n    this\.count \+= STEP;[\s\S]*save\(file\)[\s\S]*get value\(\)/);
      assert.match(p.program, /const STEP = 1;/);
      assert.ok(!p.program.includes("require('fs')"), 'save() writes files, but inc() never reaches it');
      assert.equal(context.subject.kind, 'instance');
      assert.ok(context.subject.kind === 'instance' && context.subject.outline.includes('constructor(start) { this.count = start; }'));
      assert.ok(context.subject.kind === 'instance' && context.subject.outline.includes('save(file) { … }'));
    });

    it('members the method does not reach keep what they need, so tests may call them', async () => {
      const doc = 'class Node { constructor(v) { this.value = v; this.next = undefined; } }\nclass Queue {\n  #head; #tail; #size = 0;\n  enqueue(v) { const n = new Node(v); if (this.#head) { this.#tail.next = n; this.#tail = n; } else { this.#head = this.#tail = n; } this.#size++; }\n  dequeue() {\n|\n  }\n}\n';
      const result = await plan(doc, '    const n = this.#head;\n    if (!n) return undefined;\n    this.#head = n.next;\n    this.#size--;\n    return n.value;\n  }\n');
      assert.match(programOf(result), /class Node/);
    });

    it('a method that reaches a member using fs through this is unverifiable, naming the member', async () => {
      const reason = reasonOf(await plan(CLASS, '    this.save("/tmp/x");\n    return ++this.count;\n  }\n'));
      assert.equal(reason, 'uses fs (in Counter.save)');
    });

    it('a method written at the end of a file whose class is not closed yet still runs in its class', async () => {
      const { plan: p, context } = await plan('class Counter {\n  constructor(start) { this.count = start; }\n  inc() {\n    |', 'this.count += 1;\n    return this.count;\n  }\n');
      assert.equal(context.subject.kind, 'instance');
      assert.ok(p.testable);
      assert.match(p.program, /^class Counter \{[\s\S]*inc\(\) \{\n    this\.count \+= 1;[\s\S]*\}\s*$/);
    });

    it('a static method is called on the class; an object method on its object', async () => {
      const staticPlan = await plan('class Temp {\n  static fromF(f) {\n|\n  }\n}\n', '    return (f - 32) * 5 / 9;\n  }\n');
      assert.deepEqual({ kind: staticPlan.context.subject.kind, callee: (staticPlan.context.subject as { callee: string }).callee }, { kind: 'member', callee: 'Temp.fromF' });
      const objectPlan = await plan("const api = {\n  base: '/v1',\n  path(p) {\n|\n  },\n};\n", '    return this.base + p;\n  }\n');
      assert.equal((objectPlan.context.subject as { callee: string }).callee, 'api.path');
      assert.match(programOf(objectPlan), /const api = \{[\s\S]*path\(p\) \{\n    return this\.base \+ p;/);
    });
  });

  describe('unverifiable functions say why', () => {
    const cases: { name: string; doc: string; completion: string; reason: RegExp; language?: SourceLanguage }[] = [
      { name: 'fetch', doc: 'async function getUser(id) {\n|\n', completion: '  return (await fetch(`/u/${id}`)).json();\n}\n', reason: /^uses fetch$/ },
      { name: 'the DOM', doc: 'function title() {\n|\n', completion: "  return document.querySelector('h1').textContent;\n}\n", reason: /^uses document$/ },
      { name: 'localStorage through a helper', doc: 'function load(k) { return localStorage.getItem(k); }\nfunction theme() {\n|\n', completion: "  return load('theme') || 'light';\n}\n", reason: /^uses localStorage \(in load\)$/ },
      { name: 'process.env', doc: 'function home() {\n|\n', completion: '  return process.env.HOME;\n}\n', reason: /^uses process\.env$/ },
      { name: 'the clock', doc: 'function stamp() {\n|\n', completion: '  return Date.now();\n}\n', reason: /^uses Date\.now\(\)$/ },
      { name: 'new Date()', doc: 'function year() {\n|\n', completion: '  return new Date().getFullYear();\n}\n', reason: /current time/ },
      { name: 'timers', doc: 'function later(f) {\n|\n', completion: '  return setTimeout(f, 10);\n}\n', reason: /^uses setTimeout$/ },
      { name: 'a refused built-in', doc: "const fs = require('fs');\nfunction read(p) {\n|\n", completion: "  return fs.readFileSync(p, 'utf8');\n}\n", reason: /^uses fs$/ },
      { name: 'a local of the enclosing function', doc: 'function outer(a) {\n  function inner(b) {\n|\n  }\n}\n', completion: '    return a + b;\n  }\n', reason: /^uses a from the function around it \(outer\)$/ },
      { name: 'JSX', doc: 'function Greeting(props) {\n|\n', completion: '  return <h1>{props.name}</h1>;\n}\n', reason: /^uses JSX$/ },
      { name: 'an import of an unsaved file', doc: "import { sep } from './config';\nfunction join(a, b) {\n|\n", completion: '  return a + sep + b;\n}\n', reason: /save the file/ },
      { name: 'Python', doc: 'def add(a, b):\n    |\n', completion: 'return a + b\n', reason: /Python/, language: 'python' },
    ];
    for (const c of cases) {
      it(c.name, async () => assert.match(reasonOf(await plan(c.doc, c.completion, { language: c.language })), c.reason));
    }

    it('a name defined nowhere is not a reason: the candidate is wrong, and fails when it runs', async () => {
      const program = programOf(await plan('function area(r) {\n|\n', '  return PI_VALUE * r * r;\n}\n'));
      assert.match(program, /PI_VALUE/);
    });

    it('an import that cannot be found under the project root', async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-plan-'));
      try {
        fs.writeFileSync(path.join(root, 'package.json'), '{}');
        fs.writeFileSync(path.join(root, 'present.js'), 'exports.sep = "/";');
        const file = path.join(root, 'main.js');
        const doc = "const { sep } = require('./present');\nconst { x } = require('./absent');\nfunction join(a, b) {\n|\n";
        assert.match(programOf(await plan(doc, '  return a + sep + b;\n}\n', { file, root })), /require\("\.\/present"\)/);
        assert.match(reasonOf(await plan(doc, '  return a + x + b;\n}\n', { file, root })), /^imports '\.\/absent', which cannot be found$/);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });

  describe('the programs run (real sandbox)', function () {
    this.timeout(30000);
    let sandbox: SandboxPool;
    before(() => {
      sandbox = new SandboxPool({ size: 2 });
    });
    after(() => sandbox.dispose());

    async function run(context: DocumentContext, program: string, assertion: string) {
      return sandbox.run({ code: withAssert(program, assertion), language: context.language === 'javascript' ? 'js' : 'ts' });
    }

    it('a function with helpers passes, and a program whose document defines its own `assert` still uses Node\'s', async () => {
      const result = await plan(
        "const assert = (x) => { if (!x) throw new Error('no'); };\nconst SEP = '-';\nfunction words(s) { return s.trim().split(/\\s+/); }\nfunction slug(s) {\n|\n",
        '  assert(typeof s === "string");\n  return words(s).join(SEP).toLowerCase();\n}\n',
      );
      const outcome = await run(result.context, programOf(result), "assert.strictEqual(slug('  Hello  World '), 'hello-world');");
      assert.equal(outcome.status, 'pass', outcome.message);
      const wrong = await run(result.context, programOf(result), "assert.strictEqual(slug('a b'), 'a_b');");
      assert.equal(wrong.status, 'fail');
    });

    it('a method runs in its class, asserted through a block that builds an instance', async () => {
      const result = await plan(
        'class Counter {\n  constructor(start) { this.count = start; }\n  inc() {\n|\n  }\n  get value() { return this.count; }\n}\n',
        '    this.count += 1;\n    return this.value;\n  }\n',
      );
      const outcome = await run(result.context, programOf(result), '{\n  const c = new Counter(2);\n  c.inc();\n  assert.strictEqual(c.value, 3);\n}');
      assert.equal(outcome.status, 'pass', outcome.message);
    });

    it('a TypeScript class with parameter properties and a private field', async () => {
      const result = await plan(
        'export class Account {\n  #balance = 0;\n  constructor(private readonly owner: string) {}\n  deposit(n: number): number {\n|\n  }\n  get summary(): string { return `${this.owner}: ${this.#balance}`; }\n}\n',
        '    this.#balance += n;\n    return this.#balance;\n  }\n',
        { language: 'typescript' },
      );
      const outcome = await run(result.context, programOf(result), "{\n  const a = new Account('ann');\n  a.deposit(5);\n  assert.strictEqual(a.summary, 'ann: 5');\n}");
      assert.equal(outcome.status, 'pass', outcome.message);
    });
  });
});
