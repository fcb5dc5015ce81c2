import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunLimits, RunStatus, SandboxLanguage } from '../../src/engine/sandbox/Sandbox';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { makeFileTree, type TreeEntry } from '../helpers/fileTree';

/** One hostile program and the verdict the sandbox must reach on it. */
interface AdversarialCase {
  name: string;
  /** `__TMP__` is replaced by a host temp dir that must stay empty. */
  code: string;
  language?: SandboxLanguage;
  status: RunStatus;
  message?: RegExp;
  /** Limits beyond the corpus defaults (500 ms, the pool's memory/stack/output). */
  limits?: RunLimits;
  /** The run must cost its worker (a host-side crash the pool recovers from). */
  replacesWorker?: boolean;
  /** The program stands for `proj/program.js` in MODULE_TREE, so its imports resolve there. */
  modules?: boolean;
}

/** Time limit for every case unless it says otherwise. */
const TIMEOUT_MS = 500;
/** Slack on top of a case's time limit for start-up, the watchdog and a loaded machine. */
const MARGIN_MS = 1500;
/** Memory bombs: a small heap, and time enough to exhaust it before the clock runs out. */
const BOMB: RunLimits = { memoryBytes: 8 * 1024 * 1024, timeoutMs: 5000 };

const A = "const assert = require('assert');\n";
/**
 * Replaces the built-ins a codec would reach for (what Buffer, TextDecoder and URL must not
 * depend on once the program has run).
 */
const BREAK_TEXT = [
  "String.fromCharCode = () => 'x'; String.prototype.charCodeAt = () => 0; String.prototype.slice = () => '';",
  "String.prototype.toLowerCase = () => 'x'; String.prototype.indexOf = () => -1; String.prototype.normalize = () => 'x';",
  'Uint8Array.prototype.set = function () {}; Array.prototype.push = () => 0; Array.prototype.join = () => "";',
  "Object.defineProperty = () => { throw new Error('defineProperty') }; Reflect.apply = () => 0; Reflect.construct = () => ({});",
].join('\n');

/**
 * Throws a hash of the global object and the built-ins' own properties (names, kinds,
 * attributes, function sources, frozenness): the same in every run that starts pristine.
 */
const FINGERPRINT = `
const objects = [globalThis, Object, Object.prototype, Function.prototype, Array, Array.prototype, String.prototype,
  Number.prototype, Boolean.prototype, Symbol.prototype, RegExp.prototype, Date.prototype, Error, Error.prototype,
  Map.prototype, Set.prototype, WeakSet.prototype, JSON, Math, Reflect, Object.getPrototypeOf(Uint8Array.prototype)];
const seen = [];
for (const object of objects) {
  seen.push(Object.isExtensible(object) + ':' + Object.isFrozen(object));
  for (const key of Reflect.ownKeys(object)) {
    const d = Object.getOwnPropertyDescriptor(object, key);
    const kind = !('value' in d) ? 'accessor' : typeof d.value === 'function' ? Function.prototype.toString.call(d.value) : typeof d.value;
    seen.push(String(key) + ':' + kind + d.writable + d.enumerable + d.configurable);
  }
}
let hash = 2166136261;
for (const c of seen.join('|')) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
throw new Error('fingerprint ' + hash + ' of ' + seen.length);
`;

/** Fails the run if the sandbox ever executes it: every file outside the project root. */
const TRIPWIRE = "console.assert(false, 'a file outside the project root was loaded');\n";

/** The project the `modules` cases run in (`proj/`), and files outside it that must stay unread. */
function moduleTree(tmp: string): Record<string, TreeEntry> {
  const tree: Record<string, TreeEntry> = {
    'outside/secret.js': TRIPWIRE,
    'outside/dir/secret.js': TRIPWIRE,
    'outside/pkg/index.js': TRIPWIRE,
    'proj/package.json': '{ "name": "proj" }',
    'proj/escape.js': { link: '../outside/secret.js' },
    'proj/linked': { link: '../outside/dir' },
    'proj/node_modules/linked-pkg': { link: '../../outside/pkg' },
    'proj/huge.js': `// ${'x'.repeat(1024 * 1024)}\n`,
    'proj/cycleA.js': "exports.a = 1;\nconst b = require('./cycleB');\nexports.fromB = b.b;\n",
    'proj/cycleB.js': "const a = require('./cycleA');\nexports.b = a.a + 1;\n",
    'proj/self.js': "exports.before = 1;\nmodule.exports.again = require('./self');\n",
    'proj/hostile.js': "require('child_process').execSync('touch __TMP__/pwned');\n",
    'proj/escapeFn.js': "module.exports = () => (function () {}).constructor('return process')().binding('fs');\n",
    'proj/parent.js': "module.exports = () => module.parent.require('fs');\n",
    'proj/loops.js': 'for (;;) {}\n',
    'proj/addon.node': 'not really a native addon',
  };
  for (let i = 0; i < 300; i++) tree[`proj/many/m${i}.js`] = `module.exports = ${i};\n`;
  // Nine files just under 1 MiB each: the eighth stays within 8 MiB per run, the ninth does not.
  for (let i = 0; i < 9; i++) tree[`proj/big/b${i}.js`] = `// ${'y'.repeat(1_000_000)}\n`;
  for (const [name, entry] of Object.entries(tree)) {
    if (typeof entry === 'string') tree[name] = entry.replaceAll('__TMP__', tmp);
  }
  return tree;
}

const CORPUS: AdversarialCase[] = [
  // Runaway time.
  { name: 'infinite loop in the function under test', code: 'function solve(n) { while (true) n++ }\nconsole.assert(solve(1) === 2)', status: 'timeout', message: /500 ms/ },
  { name: 'infinite loop inside the assert', code: `${A}function id(x) { return x }\nassert.equal(id(1), (() => { for (;;) {} })())`, status: 'timeout' },
  { name: 'loop that swallows every exception', code: 'for (;;) { try { for (;;) {} } catch (e) {} finally { continue } }', status: 'timeout' },
  { name: 'infinite loop in TypeScript', code: 'function f(): number { while (true) {} }\nconsole.assert(f() === 1)', language: 'ts', status: 'timeout' },
  { name: 'getter that loops', code: 'const o = { get x() { for (;;) {} } };\nconsole.assert(o.x === 1)', status: 'timeout' },
  { name: 'exponential recursion that catches its stack overflows', code: 'function f() { try { return f() } catch (e) { return f() } }\nf()', status: 'timeout' },

  // Recursion.
  { name: 'infinite recursion', code: 'function f(n) { return f(n + 1) + 1 }\nf(0)', status: 'error', message: /stack overflow/ },
  { name: 'mutual recursion', code: 'function a(n) { return b(n + 1) }\nfunction b(n) { return a(n + 1) }\na(0)', status: 'error', message: /stack overflow/ },
  { name: 'getter that recurses', code: 'const o = { get x() { return this.x } };\no.x', status: 'error', message: /stack overflow/ },
  { name: 'deep JSON.parse nesting', code: "JSON.parse('['.repeat(100000) + ']'.repeat(100000))", status: 'error', message: /stack overflow/ },
  {
    name: 'deep JSON.parse nesting on the largest stack (overflows the host stack)',
    code: "JSON.parse('['.repeat(1000000) + ']'.repeat(1000000))",
    limits: { stackBytes: 4 * 1024 * 1024, timeoutMs: 3000 },
    status: 'error',
    message: /stack overflow/,
    replacesWorker: true,
  },

  // Memory.
  { name: 'array growth', code: 'const a = [];\nfor (;;) a.push(a.length)', limits: BOMB, status: 'error', message: /out of memory/ },
  { name: 'typed array bomb', code: 'const a = [];\nfor (;;) a.push(new Float64Array(1 << 17))', limits: BOMB, status: 'error', message: /out of memory/ },
  { name: 'string doubling', code: "let s = 'ab';\nfor (;;) s += s", limits: BOMB, status: 'error', message: /string too long|out of memory/ },
  { name: 'object graph', code: 'let head = null;\nfor (;;) head = { next: head, data: [head, {}] }', limits: BOMB, status: 'error' },
  { name: 'Map growth', code: "const m = new Map();\nfor (let i = 0;; i++) m.set(i, 'x' + i)", limits: BOMB, status: 'error' },
  { name: "'a'.repeat(2 ** 30)", code: "const s = 'a'.repeat(2 ** 30);\nconsole.assert(s.length > 0)", status: 'error', message: /invalid string length|out of memory/ },
  { name: '2 GiB ArrayBuffer', code: 'new ArrayBuffer(2 ** 31)', status: 'error', message: /RangeError/ },

  // Catastrophic backtracking.
  { name: "/^(a+)+$/ on 'aaaa…!'", code: "console.assert(!/^(a+)+$/.test('a'.repeat(40) + '!'))", status: 'timeout' },
  { name: "/(x+x+)+y/ on 'xxxx…'", code: "console.assert(!/(x+x+)+y/.test('x'.repeat(40)))", status: 'timeout' },

  // Reaching the host.
  { name: "require('fs')", code: "require('fs').writeFileSync('__TMP__/pwned', 'x')", status: 'error', message: /require\('fs'\) is not available/ },
  { name: "require('child_process')", code: "require('child_process').execSync('touch __TMP__/pwned')", status: 'error', message: /not available/ },
  { name: "require('net')", code: "require('net').connect(80, 'example.com')", status: 'error', message: /not available/ },
  { name: "require('worker_threads')", code: "new (require('worker_threads').Worker)('process.exit()', { eval: true })", status: 'error', message: /not available/ },
  { name: "require('module')", code: "require('module').createRequire('/')('fs')", status: 'error', message: /not available/ },
  { name: 'process.binding', code: "process.binding('fs')", status: 'error', message: /not a function/ },
  {
    name: 'process.env holds no secrets and cannot be written',
    code: "process.env.CASCADE_PWNED = '1';\nconsole.assert(Object.keys(process.env).length === 0 && process.env.CASCADE_PWNED === undefined)",
    status: 'pass',
  },
  { name: 'process.mainModule.require', code: "process.mainModule.require('fs').writeFileSync('__TMP__/pwned', 'x')", status: 'error', message: /TypeError/ },
  { name: "import('fs') as the completion value", code: "import('fs').then((fs) => fs.writeFileSync('__TMP__/pwned', 'x'))", status: 'error', message: /could not load module 'fs'/ },
  { name: "top-level await import('fs')", code: "const fs = await import('fs');\nfs.writeFileSync('__TMP__/pwned', 'x')", status: 'error', message: /not available/ },
  { name: "static import from 'fs'", code: "import { writeFileSync } from 'fs';\nwriteFileSync('__TMP__/pwned', 'x')", status: 'error', message: /not available/ },
  { name: 'import.meta', code: "console.log(import.meta.url)", status: 'error', message: /SyntaxError/ },
  { name: 'Function constructor escape', code: "(function () {}).constructor('return process')().binding('fs')", status: 'error', message: /not a function/ },
  { name: 'this.constructor.constructor escape', code: "this.constructor.constructor('return process')().mainModule.require('child_process')", status: 'error', message: /TypeError/ },
  {
    name: 'the global object holds no host names',
    code: [
      'const names = Object.getOwnPropertyNames(globalThis);',
      "const host = ['__dirname', '__filename', 'fetch', 'WebAssembly', 'Atomics', 'SharedArrayBuffer', 'std', 'os', 'scriptArgs', 'print'];",
      // Buffer is the sandbox's own (pure JavaScript, in the VM), never Node's.
      "console.assert(typeof Buffer.from === 'function' && typeof Buffer.poolSize === 'number' && !('binding' in Buffer));",
      "const leaked = host.filter((name) => names.includes(name) && name !== 'SharedArrayBuffer');",
      "console.assert(leaked.length === 0, 'leaked: ' + leaked.join());",
      "let refused = false; try { globalThis['req' + 'uire']('fs') } catch (e) { refused = /not available/.test(e.message) }",
      'console.assert(refused && new Function("return this")() === globalThis);',
    ].join('\n'),
    status: 'pass',
  },
  { name: 'eval of require', code: "eval('require(\"child_process\")').execSync('id')", status: 'error', message: /not available/ },
  { name: 'eval of the Function constructor escape', code: "eval(\"(function () {}).constructor('return process')()\").binding('fs')", status: 'error', message: /not a function/ },
  {
    name: 'V8 Error.prepareStackTrace call-site trick',
    code: "Error.prepareStackTrace = (e, frames) => frames[0].getThis();\nconsole.assert(typeof new Error('x').stack === 'string')",
    status: 'pass',
  },

  // Exiting early.
  { name: 'process.exit(0) before a failing assert', code: 'process.exit(0);\nconsole.assert(false)', status: 'error', message: /process\.exit\(0\)/ },
  { name: 'process.exit(0) swallowed, then a failing assert', code: 'try { process.exit(0) } catch (e) {}\nconsole.assert(false)', status: 'error', message: /process\.exit/ },
  { name: 'process.reallyExit', code: 'process.reallyExit(0);\nconsole.assert(false)', status: 'error', message: /not a function/ },

  // Tampering with the checks.
  { name: 'console.assert reassigned', code: 'console.assert = () => {};\nconsole.assert(false)', status: 'fail' },
  { name: 'console.assert redefined', code: "try { Object.defineProperty(console, 'assert', { value: () => {} }) } catch (e) {}\nconsole.assert(false)", status: 'fail' },
  { name: 'a failing console.assert caught', code: 'try { console.assert(false) } catch (e) {}', status: 'fail' },
  { name: 'console.assert whose message cannot be formatted', code: "Array.prototype.push = () => { throw 1 };\ntry { console.assert(false, 'x', {}) } catch (e) {}", status: 'fail' },
  { name: 'require reassigned', code: "require = () => ({ equal() {} });\nrequire('assert').equal(1, 2)", status: 'fail' },
  { name: 'require shadowed by let', code: "let require = () => ({ equal() {} });\nrequire('assert').equal(1, 2)", status: 'error', message: /redeclaration/ },
  { name: 'require redefined on globalThis', code: "Object.defineProperty(globalThis, 'require', { value: () => ({ equal() {} }) });\nrequire('assert').equal(1, 2)", status: 'error', message: /TypeError/ },
  { name: 'console redefined on globalThis, error swallowed', code: "try { Object.defineProperty(globalThis, 'console', { value: { assert() {} } }) } catch (e) {}\nconsole.assert(false)", status: 'fail' },
  { name: 'process redefined on globalThis, error swallowed', code: "try { Object.defineProperty(globalThis, 'process', { value: { exit() {} } }) } catch (e) {}\nprocess.exit(0)", status: 'error', message: /process\.exit/ },
  { name: 'Error.prototype overridden', code: `Error.prototype.name = 'Fine'; Error.prototype.toString = () => 'ok';\n${A}assert.equal(1, 2)`, status: 'fail', message: /AssertionError/ },
  {
    name: 'AssertionError overridden',
    code: `${A}try { assert.AssertionError.prototype.name = 'x' } catch (e) {}\ntry { Object.setPrototypeOf(assert.AssertionError.prototype, null) } catch (e) {}\nassert.equal(1, 2)`,
    status: 'fail',
    message: /AssertionError/,
  },
  { name: 'Object.is replaced before assert loads', code: `Object.is = () => true;\n${A}assert.strictEqual(1, 2)`, status: 'fail' },
  { name: 'RegExp.prototype.exec replaced', code: `RegExp.prototype.exec = () => ({});\nRegExp.prototype.test = () => true;\n${A}assert.match('abc', /z/)`, status: 'fail' },
  { name: 'Array.prototype.findIndex replaced', code: `Array.prototype.findIndex = () => 0;\n${A}assert.deepStrictEqual(new Set([1]), new Set([2]))`, status: 'fail' },
  { name: 'Map size getter faked', code: `Object.defineProperty(Map.prototype, 'size', { get() { return 1 } });\n${A}assert.deepStrictEqual(new Map([[1, 1]]), new Map([[1, 1], [2, 2]]))`, status: 'fail' },
  { name: 'typed array length getter faked', code: `Object.defineProperty(Object.getPrototypeOf(Uint8Array.prototype), 'length', { get() { return 0 } });\n${A}assert.deepStrictEqual(new Uint8Array([1]).buffer, new Uint8Array([2]).buffer)`, status: 'fail' },
  { name: 'DataView.prototype.getUint8 replaced', code: `DataView.prototype.getUint8 = () => 0;\n${A}assert.deepStrictEqual(new DataView(new Uint8Array([1]).buffer), new DataView(new Uint8Array([2]).buffer))`, status: 'fail' },
  {
    name: 'Function.prototype accessors over the assert methods',
    code: "for (const name of ['deepEqual', 'strictEqual', 'strict']) Object.defineProperty(Function.prototype, name, { get() { return () => {} }, set() {} });\nrequire('assert').deepEqual(1, 2)",
    status: 'fail',
    message: /loosely deep-equal/,
  },
  {
    name: 'Function.prototype accessor over assert.strict',
    code: "Object.defineProperty(Function.prototype, 'strict', { get() { return { equal() {} } }, set() {} });\nrequire('assert').strict.equal(1, 2)",
    status: 'fail',
  },
  { name: 'Object.prototype accessor over the module cache', code: "Object.defineProperty(Object.prototype, 'assert', { set() {}, get() { return { assert: { equal() {} } } } });\nrequire('assert').equal(1, 2)", status: 'fail' },
  { name: 'Reflect.apply replaced before promises load', code: "Reflect.apply = () => {};\nPromise.resolve().then(() => require('assert').equal(1, 2));\n0", status: 'fail' },
  { name: 'WeakSet.prototype.has replaced (rejection tracking)', code: "WeakSet.prototype.has = () => true;\nPromise.resolve().then(() => require('assert').equal(1, 2));\n0", status: 'fail' },
  { name: 'Array.prototype.push disabled (timers)', code: 'Array.prototype.push = function () { return 0 };\nsetTimeout(() => console.assert(false), 1)', status: 'fail' },
  {
    name: 'String.fromCharCode, charCodeAt, Uint8Array#set replaced before Buffer loads',
    code: `${BREAK_TEXT}\nconsole.assert(Buffer.from('héllo €', 'utf8').toString('base64') === 'aMOpbGxvIOKCrA==' && Buffer.concat([Buffer.from('ab'), Buffer.from('cd')]).toString('hex') === '61626364' && Buffer.from('ff00', 'hex').readUInt16BE(0) === 65280 && new TextDecoder().decode(new Uint8Array([0xe2, 0x82, 0xac, 0xff])) === '€\\ufffd')`,
    status: 'pass',
  },
  { name: 'a wrong Buffer result still fails with String/Uint8Array methods replaced', code: `${BREAK_TEXT}\nconsole.assert(Buffer.from('a').toString('hex') === '62')`, status: 'fail' },
  {
    name: 'String.prototype.toLowerCase, slice, indexOf replaced before URL loads',
    code: `${BREAK_TEXT}\nconst u = new URL('HTTP://EXAMPLE.com:80/a/../b?x=1+2#y');\nconsole.assert(u.href === 'http://example.com/b?x=1+2#y' && u.searchParams.get('x') === '1 2' && new URL('//h/%7e', u).pathname === '/%7e')`,
    status: 'pass',
  },

  // Promises.
  { name: 'top-level await on a promise that never settles', code: 'await new Promise(() => {});\nconsole.assert(false)', status: 'timeout', message: /waiting on a promise/ },
  { name: 'a never-resolving .then chain as the completion value', code: 'new Promise(() => {}).then(() => 1).then(() => 2)', status: 'timeout', message: /waiting on a promise/ },
  { name: 'endless microtask chain', code: '{ Promise.resolve().then(function f() { return Promise.resolve().then(f) }) }', status: 'timeout' },
  { name: 'assertion failing in an unhandled .then', code: "Promise.resolve(1).then((v) => require('assert').equal(v, 2));\n0", status: 'fail' },
  { name: 'Atomics.wait on a SharedArrayBuffer', code: 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)', status: 'error', message: /Atomics/ },

  // What a run leaves behind (the probe after every case checks that the next run sees none of it).
  {
    name: 'built-ins patched and frozen, then a timeout with a timer and a job pending',
    code: "Object.prototype.leak = 1; Array.prototype.map = null; Object.freeze(Object.prototype);\nglobalThis.later = () => console.assert(false);\nsetTimeout(later, 1); Promise.resolve().then(later);\nfor (;;) {}",
    status: 'timeout',
  },
  { name: 'a run that fills the heap and keeps it', code: "globalThis.keep = [];\nfor (;;) keep.push('x'.repeat(1000) + keep.length)", limits: BOMB, status: 'error', message: /out of memory/ },
  { name: 'a module cached under a name the next run requires', code: "require('./cycleB');\nObject.assign(require('./cycleA'), { a: 99 });\nglobalThis.cached = require('./cycleA')", modules: true, status: 'pass' },

  // Throwing odd values.
  { name: 'throw 42', code: 'throw 42', status: 'error', message: /Uncaught 42/ },
  { name: 'throw null', code: 'throw null', status: 'error', message: /Uncaught null/ },
  { name: 'throw {}', code: 'throw {}', status: 'error' },
  { name: 'throw a Symbol', code: "throw Symbol('s')", status: 'error', message: /Symbol\(s\)/ },
  { name: 'throw a Proxy whose traps throw', code: "throw new Proxy({}, { get() { throw new Error('trap') }, getPrototypeOf() { throw new Error('trap') } })", status: 'error' },
  { name: 'throw a Proxy whose get loops', code: 'throw new Proxy({}, { get() { for (;;) {} } })', status: 'timeout' },
  { name: 'throw an object whose toString throws', code: "throw { toString() { throw new Error('t') }, get message() { throw new Error('m') } }", status: 'error' },

  // Output, syntax, timers and built-ins.
  // A small output cap, so that even a starved worker reaches it well within the time limit.
  { name: 'console.log in a loop', code: "for (;;) console.log('spam spam spam spam')", limits: { outputBytes: 4096 }, status: 'error', message: /output limit exceeded/ },
  { name: 'process.stdout.write in a loop', code: "for (;;) process.stdout.write('xxxxxxxxxxxxxxxx')", limits: { outputBytes: 4096 }, status: 'error', message: /output limit exceeded/ },
  { name: 'JavaScript syntax error', code: 'function (', status: 'error', message: /SyntaxError/ },
  { name: 'TypeScript syntax error', code: 'let x: = 1;', language: 'ts', status: 'error', message: /SyntaxError/ },
  { name: 'setInterval forever', code: 'setInterval(() => {}, 1)', status: 'timeout' },
  { name: 'setTimeout of 10 minutes', code: 'setTimeout(() => console.assert(false), 10 * 60 * 1000)', status: 'timeout' },
  { name: 'setTimeout(0) chain forever', code: 'function tick() { setTimeout(tick, 0) }\ntick()', status: 'timeout' },
  { name: 'sort with a throwing comparator', code: "[3, 1, 2].sort(() => { throw new Error('comparator') })", status: 'error', message: /comparator/ },

  // Modules (MODULE_TREE): nothing outside the root is read, the caps hold, the host stays out of reach.
  { name: "require('../../../etc/passwd')", code: "require('../../../etc/passwd')", modules: true, status: 'error', message: /resolves outside the project root/ },
  { name: "require('/etc/passwd')", code: "require('/etc/passwd')", modules: true, status: 'error', message: /resolves outside the project root/ },
  { name: 'require of a file outside the root by its path', code: "require('../outside/secret.js')", modules: true, status: 'error', message: /outside the project root/ },
  { name: "'..' inside a package specifier", code: "require('linked-pkg/../../../outside/secret.js')", modules: true, status: 'error', message: /outside the project root/ },
  { name: 'file symlink pointing outside the root', code: "require('./escape')", modules: true, status: 'error', message: /require\('\.\/escape'\) resolves outside the project root/ },
  { name: 'folder symlink pointing outside the root', code: "require('./linked/secret')", modules: true, status: 'error', message: /outside the project root/ },
  { name: 'package in node_modules linked to outside the root', code: "require('linked-pkg')", modules: true, status: 'error', message: /outside the project root/ },
  { name: 'module file over the 1 MiB cap', code: "require('./huge')", modules: true, status: 'error', message: /Module huge\.js is \d+ bytes, over the cap of 1 MiB per module file/ },
  {
    name: 'more modules than the 256 per run',
    code: "for (let i = 0; i < 300; i++) require('./many/m' + i)",
    modules: true,
    status: 'error',
    message: /Too many modules: a run may load at most 256 \(loading many\/m256\.js\)/,
  },
  {
    name: 'more module source than the 8 MiB per run',
    code: "for (let i = 0; i < 9; i++) require('./big/b' + i)",
    modules: true,
    status: 'error',
    message: /Loading big\/b8\.js would read more than 8 MiB of modules in one run/,
  },
  { name: 'import cycle', code: `${A}const a = require('./cycleA');\nassert.deepEqual({ ...a }, { a: 1, fromB: 2 });`, modules: true, status: 'pass' },
  { name: 'module that requires itself', code: `${A}const s = require('./self');\nassert.equal(s.again, s);\nassert.equal(s.before, 1);`, modules: true, status: 'pass' },
  { name: 'module that runs child_process at load', code: "require('./hostile')", modules: true, status: 'error', message: /require\('child_process'\) is not available/ },
  { name: 'module that escapes through the Function constructor', code: "require('./escapeFn')()", modules: true, status: 'error', message: /not a function/ },
  { name: 'module that reaches for module.parent', code: "require('./parent')()", modules: true, status: 'error', message: /TypeError/ },
  { name: 'module that loops at load (its time is not off the clock)', code: "require('./loops')", modules: true, status: 'timeout' },
  { name: 'native addon', code: "require('./addon.node')", modules: true, status: 'error', message: /native addon/ },
  {
    name: 'Object.prototype accessors over what the loader reads',
    code: "for (const key of ['kind', 'path', 'exports', 'wrapper']) Object.defineProperty(Object.prototype, key, { get() { return 'builtin' }, set() {} });\nrequire('./cycleA');\nrequire('./escape')",
    modules: true,
    status: 'error',
    message: /outside the project root/,
  },
];

describe('sandbox adversarial corpus', function () {
  this.timeout(30_000);
  // One worker: every program runs where the previous hostile one ran.
  const pool = new SandboxPool({ size: 1 });
  let tmp: string;
  let env: string;
  let projects: string;
  let pristine: string | undefined;

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'cascade-adversarial-'));
    projects = makeFileTree(moduleTree(tmp), 'cascade-adversarial-modules-');
    env = JSON.stringify(process.env);
    await expectRecovered();
    pristine = (await pool.run({ code: FINGERPRINT })).message;
    assert.match(pristine ?? '', /^Error: fingerprint \d+ of \d{3,}$/);
  });
  after(async () => {
    await pool.dispose();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(projects, { recursive: true, force: true });
  });

  /** Trivial JS and TypeScript/async programs pass (this also keeps the worker's compiler warm). */
  async function expectRecovered(): Promise<void> {
    assert.equal((await pool.run({ code: 'console.assert(1 + 1 === 2)' })).status, 'pass');
    const ts = 'const n: number = await Promise.resolve(2);\nconsole.assert(n === 2);';
    assert.equal((await pool.run({ code: ts, language: 'ts' })).status, 'pass');
  }

  /**
   * The next run, in the same worker, starts as the first one did: the same globals and
   * built-ins, an assert module that passes and fails as it should, no timer or job firing,
   * and a fresh module cache.
   */
  async function expectPristine(): Promise<void> {
    assert.equal((await pool.run({ code: FINGERPRINT })).message, pristine, 'the global state differs from a fresh run');
    const checks = `${A}assert.deepEqual([1, { a: 2 }], [1, { a: 2 }]);\nassert.throws(() => { throw new TypeError('t') }, TypeError);\nconsole.assert(typeof keep === 'undefined' && typeof cached === 'undefined');`;
    assert.equal((await pool.run({ code: checks })).status, 'pass');
    assert.equal((await pool.run({ code: `${A}assert.deepEqual([1], [2])` })).status, 'fail');
    const root = path.join(projects, 'proj');
    const cache = await pool.run({ code: "console.assert(require('./cycleA').a === 1)", modules: { root, file: path.join(root, 'program.js') } });
    assert.equal(cache.status, 'pass', JSON.stringify(cache));
  }

  function expectHostUntouched(): void {
    assert.equal((globalThis as { __cascadeProbe?: unknown }).__cascadeProbe, undefined);
    assert.equal(JSON.stringify(process.env), env, 'process.env changed');
    assert.equal(process.exitCode, undefined);
    assert.deepEqual(readdirSync(tmp), [], 'a file appeared in the temp dir');
  }

  it('has at least 40 distinct programs', () => {
    assert.ok(CORPUS.length >= 40, `${CORPUS.length}`);
    assert.equal(new Set(CORPUS.map((c) => c.name)).size, CORPUS.length);
  });

  for (const c of CORPUS) {
    it(`${c.name} → ${c.status}`, async () => {
      const timeoutMs = c.limits?.timeoutMs ?? TIMEOUT_MS;
      const code = `globalThis.__cascadeProbe = 1;\n${c.code.replaceAll('__TMP__', tmp)}`;
      const restarts = pool.stats().restarts;
      const started = performance.now();
      const root = path.join(projects, 'proj');
      const modules = c.modules ? { root, file: path.join(root, 'program.js') } : undefined;
      const outcome = await pool.run({ code, language: c.language, ...c.limits, timeoutMs, modules });
      const wallMs = performance.now() - started;

      assert.equal(outcome.status, c.status, JSON.stringify(outcome));
      if (c.message) assert.match(outcome.message ?? '', c.message);
      assert.ok(wallMs < timeoutMs + MARGIN_MS, `took ${Math.round(wallMs)} ms`);
      expectHostUntouched();

      // The pool's counters agree with the outcome: a worker is replaced exactly when the
      // run crashed it or the watchdog killed it.
      const replaced = pool.stats().restarts - restarts;
      const lost = c.replacesWorker === true || /crashed|restarted/.test(outcome.message ?? '');
      assert.equal(replaced, lost ? 1 : 0, JSON.stringify(outcome));
      await expectRecovered();
      await expectPristine();
      assert.deepEqual({ ...pool.stats(), runs: 0, restarts: 0 }, { workers: 1, busy: 0, queued: 0, runs: 0, restarts: 0, recycled: 0 });
    });
  }
});
