import assert from 'node:assert/strict';
import type { FunctionAtCursor, SourceLanguage } from '../../src/engine/extract/FunctionAtCursor';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';

const CURSOR = '█';

/** Finds the function at the `█` marker, which is removed from the source first. */
async function at(language: SourceLanguage, marked: string) {
  const cursor = marked.indexOf(CURSOR);
  assert.ok(cursor >= 0 && marked.indexOf(CURSOR, cursor + 1) === -1, 'exactly one cursor marker');
  const source = marked.replace(CURSOR, '');
  return { source, cursor, fn: await findFunctionAtCursor(source, cursor, language) };
}

interface Case {
  title: string;
  language: SourceLanguage;
  source: string;
  expect: Partial<FunctionAtCursor> & { complete?: boolean };
}

const cases: Case[] = [
  {
    title: 'JS function declaration with a JSDoc comment',
    language: 'javascript',
    source: 'const x = 1;\n\n/** Adds two numbers. */\nfunction add(a, b) {\n  return a█\n}\n',
    expect: { name: 'add', kind: 'function', params: '(a, b)', docComment: '/** Adds two numbers. */', header: 'function add(a, b) {', bodySoFar: '\n  return a', complete: true },
  },
  {
    title: 'exported async generator, unfinished at the end of the file',
    language: 'javascript',
    source: 'export default async function* gen(a) {\n  yield a;\n  █',
    expect: { name: 'gen', kind: 'function', header: 'export default async function* gen(a) {', complete: false, bodyEmpty: false },
  },
  {
    title: 'complete default-exported generator (parsed as an expression) starts at `export`',
    language: 'javascript',
    source: 'export default function* gen(a) {\n  yield a;█\n}\n',
    expect: { name: 'gen', header: 'export default function* gen(a) {', complete: true },
  },
  {
    title: 'unfinished function followed by more code (error recovery nests it)',
    language: 'javascript',
    source: 'function add(a, b) {\n  if (a) {\n    return 1;\n  }\n  █\n\nfunction other() {\n  return 2;\n}\n',
    expect: { name: 'add', header: 'function add(a, b) {', complete: false },
  },
  {
    title: 'line comments above are the doc comment, a blank line cuts them off',
    language: 'javascript',
    source: '// unrelated\n\n// Adds.\n// Really.\nfunction add(a, b) {█}',
    expect: { name: 'add', docComment: '// Adds.\n// Really.', bodyEmpty: true, complete: true },
  },
  {
    title: 'a trailing comment of the previous line is not a doc comment',
    language: 'javascript',
    source: 'let y = 2; // note\nfunction add(a, b) {\n  █',
    expect: { name: 'add', docComment: undefined },
  },
  {
    title: 'arrow function held by a const, unfinished, with code after',
    language: 'javascript',
    source: 'const f = (a) => {\n  return a█\n\nfunction g() {}\n',
    expect: { name: 'f', kind: 'arrow', params: '(a)', header: 'const f = (a) => {', complete: false },
  },
  {
    title: 'single-parameter arrow without parentheses',
    language: 'javascript',
    source: 'export const twice = x => {\n  █\n};\n',
    expect: { name: 'twice', kind: 'arrow', params: '(x)', header: 'export const twice = x => {', bodyEmpty: true, complete: true },
  },
  {
    title: 'function expression assigned to a member',
    language: 'javascript',
    source: 'module.exports.sum = function (xs) {\n  █',
    expect: { name: 'sum', kind: 'function', header: 'module.exports.sum = function (xs) {' },
  },
  {
    title: 'nested functions: the innermost wins',
    language: 'javascript',
    source: 'function outer() {\n  function inner(a) {\n    return a█\n  }\n  return inner;\n}\n',
    expect: { name: 'inner', header: 'function inner(a) {', complete: true },
  },
  {
    title: 'an anonymous callback belongs to the enclosing named function',
    language: 'javascript',
    source: 'function total(xs) {\n  return xs.map((x) => {\n    return x█\n  });\n}\n',
    expect: { name: 'total', header: 'function total(xs) {', complete: true },
  },
  {
    title: 'unfinished class method (flattened into an ERROR node when parsed as is)',
    language: 'javascript',
    source: 'class A {\n  // Doubles.\n  static async foo(x) {\n    return x█',
    expect: { name: 'foo', kind: 'method', header: 'static async foo(x) {', docComment: '// Doubles.', complete: false },
  },
  {
    title: 'unfinished method followed by another method',
    language: 'javascript',
    source: 'class A {\n  foo(x) {\n    █\n  bar() { return 1; }\n}\n',
    expect: { name: 'foo', kind: 'method', bodyEmpty: true, complete: false },
  },
  {
    title: 'object method and object property function',
    language: 'javascript',
    source: 'const o = {\n  m: function (a) {\n    foo(a, █\n',
    expect: { name: 'm', kind: 'function', header: 'm: function (a) {', complete: false },
  },
  {
    title: 'object shorthand method',
    language: 'javascript',
    source: 'const o = {\n  m(a) {\n    return a█\n',
    expect: { name: 'm', kind: 'method', header: 'm(a) {' },
  },
  {
    title: 'a half-typed line inside a closed function keeps it complete',
    language: 'javascript',
    source: 'function add(a, b) {\n  return a +█\n}\n',
    expect: { name: 'add', complete: true, bodyEmpty: false },
  },
  {
    title: 'TS generics and types, unfinished, before another export',
    language: 'typescript',
    source: 'export function id<T extends object>(x: T): T {\n  █\n\nexport const y = 1;\n',
    expect: { name: 'id', params: '(x: T)', header: 'export function id<T extends object>(x: T): T {', bodyEmpty: true, complete: false },
  },
  {
    title: 'TS method with modifiers and generics',
    language: 'typescript',
    source: 'class A {\n  private foo<T>(x: T): T {\n    return █\n  }\n}\n',
    expect: { name: 'foo', kind: 'method', header: 'private foo<T>(x: T): T {', complete: true },
  },
  {
    title: 'TS class field holding an arrow function',
    language: 'typescript',
    source: 'class A {\n  handle = (e: Event): void => {\n    █\n  };\n}\n',
    expect: { name: 'handle', kind: 'arrow', header: 'handle = (e: Event): void => {', bodyEmpty: true, complete: true },
  },
  {
    title: 'TSX component',
    language: 'tsx',
    source: 'export const C = <T,>({ a }: Props<T>) => {\n  return <div>{a}</div>█\n};',
    expect: { name: 'C', kind: 'arrow', params: '({ a }: Props<T>)', complete: true },
  },
  {
    title: 'JSX in a .jsx file (javascript grammar)',
    language: 'javascript',
    source: 'function App({ items }) {\n  return <ul>{items.map((i) => <li>{i}</li>)}</ul>█',
    expect: { name: 'App', complete: false },
  },
  {
    title: 'Python def with a comment above',
    language: 'python',
    source: 'import os\n\n# Adds.\ndef add(a, b):\n    █',
    expect: { name: 'add', kind: 'function', params: '(a, b)', docComment: '# Adds.', header: 'def add(a, b):', bodySoFar: '\n    ', bodyEmpty: true, complete: false },
  },
  {
    title: 'Python docstring is the doc comment and does not count as a statement',
    language: 'python',
    source: 'def add(a, b):\n    """Adds."""\n    █\n\ndef other():\n    return 1\n',
    expect: { name: 'add', docComment: '"""Adds."""', bodyEmpty: true, complete: false },
  },
  {
    title: 'Python method in the middle of its body',
    language: 'python',
    source: 'class A:\n    def m(self, x):\n        y = x█\n        return y\n\n    def n(self):\n        pass\n',
    expect: { name: 'm', kind: 'method', params: '(self, x)', header: 'def m(self, x):', complete: true },
  },
  {
    title: 'Python decorated async def starts at the decorator',
    language: 'python',
    source: '@cache\nasync def load(key: str) -> int:\n    return █',
    expect: { name: 'load', header: '@cache\nasync def load(key: str) -> int:' },
  },
];

describe('findFunctionAtCursor', () => {
  for (const { title, language, source, expect } of cases) {
    it(title, async () => {
      const { source: text, cursor, fn } = await at(language, source);
      assert.ok(fn, 'a function is found');
      const { complete, ...fields } = expect;
      for (const [key, value] of Object.entries(fields)) {
        assert.deepEqual(fn[key as keyof FunctionAtCursor], value, key);
      }
      assert.equal(fn.cursor, cursor);
      assert.equal(text.slice(fn.start, fn.bodyStart), fn.header);
      assert.equal(text.slice(fn.bodyStart, cursor), fn.bodySoFar);
      if (complete !== undefined) assert.equal(fn.end !== undefined, complete, 'complete');
    });
  }

  it('ends a complete function at its declaration end, `;` included', async () => {
    const { source, fn } = await at('javascript', 'const f = (a) => {\n  █return a;\n};\nf(1);\n');
    assert.equal(source.slice(fn!.start, fn!.end), 'const f = (a) => {\n  return a;\n};');
  });

  it('reports offsets in UTF-16 code units and bytes in UTF-8 after non-ASCII text', async () => {
    const { source, cursor, fn } = await at('javascript', '// café 😀\nconst s = "é";\nfunction add(a, b) {\n  █\n}\n');
    const start = source.indexOf('function');
    assert.equal(fn!.start, start);
    assert.equal(fn!.cursor, cursor);
    const bytes = (offset: number) => Buffer.byteLength(source.slice(0, offset));
    assert.deepEqual(fn!.bytes, { start: bytes(start), bodyStart: bytes(fn!.bodyStart), cursor: bytes(cursor), end: bytes(fn!.end!) });
    // 'é' ×2 and the emoji make bytes and code units differ by 1 + 1 + 2.
    assert.equal(fn!.bytes.start - fn!.start, 4);
  });

  it('handles non-ASCII text inside the function before the cursor', async () => {
    const { fn } = await at('python', 'def greet(name):\n    s = "héllo 👋"\n    █');
    assert.equal(fn!.bodySoFar, '\n    s = "héllo 👋"\n    ');
  });

  const outside: [string, SourceLanguage, string][] = [
    ['at top level', 'javascript', 'const x = 1;█\nfunction f() {}\n'],
    ['between functions', 'javascript', 'function f() {}\n█\nfunction g() {}\n'],
    ['in the parameter list', 'javascript', 'function f(a█) {}'],
    ['in an anonymous top-level callback', 'javascript', 'items.forEach((x) => {\n  █\n});'],
    ['in an expression-bodied arrow', 'javascript', 'const f = (a) => a +█;'],
    ['after a Python function, back at column 0', 'python', 'def f():\n    return 1\n\n█'],
    ['in a Python class body', 'python', 'class A:\n    x = 1█\n'],
  ];
  for (const [title, language, source] of outside) {
    it(`returns undefined ${title}`, async () => {
      assert.equal((await at(language, source)).fn, undefined);
    });
  }

  it('rejects a cursor outside the document', async () => {
    await assert.rejects(findFunctionAtCursor('x', 2, 'javascript'), RangeError);
  });
});
