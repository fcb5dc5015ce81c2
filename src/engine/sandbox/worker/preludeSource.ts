/**
 * JavaScript source (evaluated inside QuickJS before each program) of
 * `(host) => control`. It installs the Node-like globals a test program expects
 * (`console`, `require('assert')`, `process`, `Promise`, timers, `queueMicrotask`, `module`)
 * and returns the functions the host drives the run with. `host` holds host functions:
 * `load(name)` (compiles one of the `LAZY_MODULE_SOURCES`), `write(text)`,
 * `assertFailed(text)`, `failed(description)` and `exit(code)`.
 *
 * QuickJS compiles source at roughly 10 MB/s, which would make this prelude the biggest
 * cost of a run, so it stays small: the assert module, `inspect`, promise tracking and the
 * timers are compiled only when a program first touches them.
 *
 * Everything that decides the verdict reports to the host at once (a failed
 * `console.assert`, an unhandled rejection) and the globals it relies on are frozen and
 * read-only, so a program cannot turn its own failure into a pass by patching them.
 * The lazy modules are compiled after the program has started, so they take the
 * built-ins they depend on from `intrinsics`, captured here before the program runs,
 * never from globals or prototypes the program may have replaced (like Node's primordials).
 */
export const PRELUDE_SOURCE = String.raw`(function (host) {
  'use strict';
  var freeze = Object.freeze, defineProperty = Object.defineProperty, apply = Reflect.apply;
  var hasOwn = Object.prototype.hasOwnProperty, slice = Array.prototype.slice;
  var loaded = Object.create(null), NativePromise = Promise;
  var intrinsics = freeze({
    apply: apply, freeze: freeze, defineProperty: defineProperty, hasOwn: hasOwn, slice: slice,
    Error: Error, TypeError: TypeError, String: String, Number: Number, floor: Math.floor,
    keys: Object.keys, getPrototypeOf: Object.getPrototypeOf, is: Object.is,
    ownSymbols: Object.getOwnPropertySymbols, isPrototypeOf: Object.prototype.isPrototypeOf,
    isEnumerable: Object.prototype.propertyIsEnumerable, toTag: Object.prototype.toString,
    isArray: Array.isArray, push: Array.prototype.push, splice: Array.prototype.splice,
    indexOf: Array.prototype.indexOf, findIndex: Array.prototype.findIndex,
    forEach: Array.prototype.forEach, filter: Array.prototype.filter, isView: ArrayBuffer.isView,
    mapForEach: Map.prototype.forEach, setForEach: Set.prototype.forEach,
    WeakSet: WeakSet, weakSetAdd: WeakSet.prototype.add, weakSetHas: WeakSet.prototype.has,
    hasInstance: Symbol.hasInstance,
    regExpExec: RegExp.prototype.exec, regExpToString: RegExp.prototype.toString,
    getTime: Date.prototype.getTime,
    valueOf: freeze({
      '[object Number]': Number.prototype.valueOf, '[object String]': String.prototype.valueOf,
      '[object Boolean]': Boolean.prototype.valueOf, '[object BigInt]': BigInt.prototype.valueOf,
      '[object Symbol]': Symbol.prototype.valueOf
    }),
    Promise: NativePromise, promiseThen: NativePromise.prototype.then, promiseResolve: NativePromise.resolve
  });

  function load(name, init) {
    if (!apply(hasOwn, loaded, [name])) loaded[name] = init(host.load(name));
    return loaded[name];
  }
  function inspect(value) { return load('inspect', function (factory) { return factory(); })(value); }
  function promises() { return load('promises', function (factory) { return factory(intrinsics, reportFailure, reportFailure); }); }
  function timers() { return load('timers', function (factory) { return factory(intrinsics); }); }
  function assertKit() {
    return load('assert', function (factory) { return factory(intrinsics, inspect, function () { return promises().Promise; }); });
  }
  function reportFailure(error) { host.failed(describe(error)); }

  function describe(error) {
    var assertion = false, text;
    try { assertion = apply(hasOwn, loaded, ['assert']) && loaded.assert.isAssertionError(error); } catch (e) { assertion = false; }
    try {
      if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
        var name = error.name, message = error.message;
        text = (typeof name === 'string' && name ? name : 'Error') + ': ' +
          (typeof message === 'string' ? message : inspect(message));
      } else {
        text = 'Uncaught ' + inspect(error);
      }
    } catch (e) { text = 'Uncaught exception'; }
    return { assertion: assertion, text: String(text) };
  }

  function format(args) {
    var parts = [];
    for (var i = 0; i < args.length; i++) parts.push(typeof args[i] === 'string' ? args[i] : inspect(args[i]));
    return parts.join(' ');
  }
  function print() { host.write(format(arguments) + '\n'); }
  function ignore() {}
  function write(text) { host.write(String(text)); return true; }

  var console = freeze({
    log: print, info: print, debug: print, warn: print, error: print, trace: print, dir: print,
    table: print, group: print, groupEnd: ignore, time: ignore, timeEnd: ignore,
    assert: function assert(condition) {
      if (condition) return;
      var detail = '';
      // The failure counts even when the program's values cannot be formatted.
      try { if (arguments.length > 1) detail = ': ' + format(apply(slice, arguments, [1])); } catch (e) { detail = ''; }
      host.assertFailed('Assertion failed' + detail);
    }
  });

  function require(name) {
    if (name === 'assert' || name === 'node:assert') return assertKit().assert;
    if (name === 'assert/strict' || name === 'node:assert/strict') return assertKit().assert.strict;
    throw new Error("require('" + String(name) + "') is not available in the sandbox");
  }

  var exitCode;
  var process = freeze({
    argv: freeze(['node', 'program.js']), env: freeze({}), platform: 'linux', version: 'v20.0.0',
    get exitCode() { return exitCode; },
    set exitCode(code) {
      exitCode = code;
      if (code !== undefined && code !== 0) host.failed({ assertion: false, text: 'process.exitCode set to ' + inspect(code) });
    },
    exit: function exit(code) { host.exit(code === undefined ? 0 : Number(code)); },
    nextTick: function nextTick(callback) {
      var args = apply(slice, arguments, [1]);
      promises().queueMicrotask(function () { apply(callback, undefined, args); });
    },
    stdout: freeze({ write: write }),
    stderr: freeze({ write: write })
  });

  /**
   * Read-only global. An accessor, not a read-only data property: QuickJS lets
   * Object.defineProperty give a non-configurable, non-writable data property of the global
   * object a new value, but it enforces non-configurable accessors.
   */
  function lock(name, value) {
    defineProperty(globalThis, name, { get: function () { return value; }, configurable: false, enumerable: false });
  }
  /** Read-only global whose module is compiled on first access. */
  function lazy(name, get) {
    defineProperty(globalThis, name, { get: get, configurable: false, enumerable: false });
  }
  lock('console', console);
  lock('require', require);
  lock('process', process);
  lazy('Promise', function () { return promises().Promise; });
  lazy('queueMicrotask', function () { return promises().queueMicrotask; });
  ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'].forEach(function (name) {
    lazy(name, function () { return timers().api[name]; });
  });
  var module = { exports: {} };
  globalThis.module = module;
  globalThis.exports = module.exports;
  globalThis.global = globalThis;

  return freeze({
    describe: describe,
    sweep: function () { return loaded.promises ? loaded.promises.sweep() : 0; },
    markHandled: function (promise) { if (loaded.promises) loaded.promises.markHandled(promise); },
    nextDue: function () { return loaded.timers ? loaded.timers.nextDue() : -1; },
    runNext: function () { if (loaded.timers) loaded.timers.runNext(); }
  });
})`;
