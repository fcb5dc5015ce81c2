// @ts-check
/**
 * The prelude, evaluated inside QuickJS once per worker, into the memory image every run
 * starts from (../worker/PristineVM.ts): `(host) => control`. It installs the Node-like
 * globals a test program expects (`console`, `require('assert')`, `process`, `Promise`,
 * timers, `queueMicrotask`, `module`, `Buffer`, `TextEncoder`/`TextDecoder`, `URL`,
 * `URLSearchParams`) and returns the functions the host drives the run with. `host` holds host
 * functions: `load(name)` (compiles one of the lazy modules), `write(text)`,
 * `assertFailed(text)`, `failed(description)`, `exit(code)`, and `resolveModule`/`loadModule`
 * for the module loader (`require` of anything but `assert`).
 *
 * The lazy modules (the assert module, `inspect`, promise tracking, the timers, Buffer, the
 * text codecs, URL, the module loader) are compiled into the image too (`compile`), but only
 * the assert module and `inspect`, which change nothing outside themselves, are initialised
 * there (`warmUp`); the others are initialised when a program first touches them, because
 * they change what a program sees (promise tracking replaces `Promise.prototype.then`).
 *
 * Everything that decides the verdict reports to the host at once (a failed
 * `console.assert`, an unhandled rejection) and the globals it relies on are frozen and
 * read-only, so a program cannot turn its own failure into a pass by patching them.
 * The lazy modules may be initialised after the program has started, so they take the
 * built-ins they depend on from `intrinsics`, captured here before the program runs,
 * never from globals or prototypes the program may have replaced (like Node's primordials).
 */
/** @satisfies {GuestPrelude} */ (function (host) {
  'use strict';
  var freeze = Object.freeze, defineProperty = Object.defineProperty, apply = Reflect.apply;
  var hasOwn = Object.prototype.hasOwnProperty, slice = Array.prototype.slice;
  var loaded = /** @type {Partial<GuestModules>} */ (Object.create(null)), NativePromise = Promise;
  var factories = /** @type {Partial<GuestFactories>} */ (Object.create(null));
  var typedArray = Object.getPrototypeOf(Uint8Array.prototype);
  /** @type {GuestIntrinsics} */
  var intrinsics = freeze({
    apply: apply, freeze: freeze, defineProperty: defineProperty, hasOwn: hasOwn, slice: slice,
    Error: Error, TypeError: TypeError, String: String, Number: Number, floor: Math.floor,
    keys: Object.keys, getPrototypeOf: Object.getPrototypeOf, is: Object.is,
    ownSymbols: Object.getOwnPropertySymbols, isPrototypeOf: Object.prototype.isPrototypeOf,
    isEnumerable: Object.prototype.propertyIsEnumerable, toTag: Object.prototype.toString,
    isArray: Array.isArray, push: Array.prototype.push, splice: Array.prototype.splice,
    indexOf: Array.prototype.indexOf, findIndex: Array.prototype.findIndex,
    forEach: Array.prototype.forEach, filter: Array.prototype.filter, isView: ArrayBuffer.isView,
    Uint8Array: Uint8Array, typedLength: getter(typedArray, 'length'),
    viewLength: getter(DataView.prototype, 'byteLength'), getUint8: DataView.prototype.getUint8,
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
    Promise: NativePromise, promiseThen: NativePromise.prototype.then, promiseResolve: NativePromise.resolve,
    Proxy: Proxy, jsonParse: JSON.parse,
    RangeError: RangeError, construct: Reflect.construct, setPrototypeOf: Object.setPrototypeOf, BigInt: BigInt,
    Float32Array: Float32Array, Float64Array: Float64Array, typedBuffer: getter(typedArray, 'buffer'),
    typedOffset: getter(typedArray, 'byteOffset'), typedByteLength: getter(typedArray, 'byteLength'),
    typedTag: getter(typedArray, Symbol.toStringTag), typedSet: typedArray.set,
    viewBuffer: getter(DataView.prototype, 'buffer'), viewOffset: getter(DataView.prototype, 'byteOffset'),
    arrayBufferLength: getter(ArrayBuffer.prototype, 'byteLength'), fromCharCode: String.fromCharCode,
    charCodeAt: String.prototype.charCodeAt, stringSlice: String.prototype.slice, stringIndexOf: String.prototype.indexOf,
    toLowerCase: String.prototype.toLowerCase, trim: String.prototype.trim, normalize: String.prototype.normalize,
    decodeURIComponent: decodeURIComponent, iterator: Symbol.iterator, toPrimitive: Symbol.toPrimitive,
    toStringTag: Symbol.toStringTag,
    /** @param {unknown} value */
    urlHref: function (value) { return loaded.url ? loaded.url.hrefOf(value) : undefined; }
  });
  /**
   * The getter of a built-in accessor property (a typed array's `length`, …).
   * @param {object} object
   * @param {PropertyKey} key
   * @returns {(this: unknown) => any}
   */
  function getter(object, key) {
    return /** @type {() => any} */ (/** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(object, key)).get);
  }

  /**
   * Compiles the lazy module `name` (its factory: nothing runs yet).
   * @param {keyof GuestFactories} name
   */
  function compile(name) {
    if (!apply(hasOwn, factories, [name])) /** @type {Record<string, unknown>} */ (factories)[name] = host.load(name);
  }
  /**
   * The lazy module `name`, initialised by `init(factory)` on first use.
   * @template {keyof GuestModules} K
   * @param {K} name
   * @param {(factory: GuestFactories[K]) => GuestModules[K]} init
   * @returns {GuestModules[K]}
   */
  function load(name, init) {
    if (!apply(hasOwn, loaded, [name])) {
      compile(name);
      loaded[name] = init(/** @type {GuestFactories[K]} */ (factories[name]));
    }
    return /** @type {GuestModules[K]} */ (loaded[name]);
  }
  function inspector() { return load('inspect', function (factory) { return factory(); }); }
  /** @param {unknown} value */
  function inspect(value) { return inspector()(value); }
  function promises() { return load('promises', function (factory) { return factory(intrinsics, reportFailure, reportFailure); }); }
  function timers() { return load('timers', function (factory) { return factory(intrinsics); }); }
  function textCoding() { return load('textCoding', function (factory) { return factory(intrinsics); }); }
  function bufferKit() { return load('buffer', function (factory) { return factory(intrinsics, textCoding(), bufferNumbers); }); }
  /** @param {GuestBufferChecks} checks */
  function bufferNumbers(checks) { return load('bufferNumbers', function (factory) { return factory(intrinsics, checks); }); }
  function urlHosts() { return load('urlHost', function (factory) { return factory(intrinsics, textCoding()); }); }
  function searchParams() { return load('urlSearchParams', function (factory) { return factory(intrinsics, textCoding()); }); }
  function urlKit() { return load('url', function (factory) { return factory(intrinsics, textCoding(), urlHosts, searchParams); }); }
  function moduleLoader() {
    return load('modules', function (factory) { return factory(intrinsics, host, nodeBuiltin, module); });
  }
  function assertKit() {
    return load('assert', function (factory) {
      return factory(intrinsics, inspect, function () { return promises().Promise; }, load);
    });
  }
  /** @param {unknown} error */
  function reportFailure(error) { host.failed(describe(error)); }

  /**
   * @param {unknown} error
   * @returns {GuestErrorDescription}
   */
  function describe(error) {
    var assertion = false, text;
    try { assertion = apply(hasOwn, loaded, ['assert']) && /** @type {GuestAssertKit} */ (loaded.assert).isAssertionError(error); } catch (e) { assertion = false; }
    try {
      if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
        var name = /** @type {{ name?: unknown }} */ (error).name, message = /** @type {{ message?: unknown }} */ (error).message;
        text = (typeof name === 'string' && name ? name : 'Error') + ': ' +
          (typeof message === 'string' ? message : inspect(message));
      } else {
        text = 'Uncaught ' + inspect(error);
      }
    } catch (e) { text = 'Uncaught exception'; }
    return { assertion: assertion, text: String(text) };
  }

  /** @param {ArrayLike<unknown>} args */
  function format(args) {
    var parts = [];
    for (var i = 0; i < args.length; i++) parts.push(typeof args[i] === 'string' ? args[i] : inspect(args[i]));
    return parts.join(' ');
  }
  function print() { host.write(format(arguments) + '\n'); }
  function ignore() {}
  /** @param {unknown} text */
  function write(text) { host.write(String(text)); return true; }

  var console = freeze({
    log: print, info: print, debug: print, warn: print, error: print, trace: print, dir: print,
    table: print, group: print, groupEnd: ignore, time: ignore, timeEnd: ignore,
    /** @param {unknown} condition */
    assert: function assert(condition) {
      if (condition) return;
      var detail = '';
      // The failure counts even when the program's values cannot be formatted.
      try { if (arguments.length > 1) detail = ': ' + format(apply(slice, arguments, [1])); } catch (e) { detail = ''; }
      host.assertFailed('Assertion failed' + detail);
    }
  });

  /** @param {unknown} name */
  function require(name) {
    if (name === 'assert' || name === 'node:assert') return assertKit().assert;
    if (name === 'assert/strict' || name === 'node:assert/strict') return assertKit().assert.strict;
    // Other built-ins, files and packages: the host resolves (and refuses) them.
    return moduleLoader().require(null, name);
  }

  /** @type {Record<string, unknown>} */
  var builtinModules = { __proto__: null };
  /**
   * The built-in module `name` (`assert`, `assert/strict`, `buffer`, `url`: what the host's
   * resolution calls `builtin`), one object per run, from the lazy modules themselves: the
   * program may have shadowed the globals.
   * @param {string} name
   */
  function nodeBuiltin(name) {
    if (apply(hasOwn, builtinModules, [name])) return builtinModules[name];
    var value = name === 'assert' ? assertKit().assert
      : name === 'assert/strict' ? assertKit().assert.strict
      : name === 'buffer' ? freeze({ Buffer: bufferKit().Buffer })
      : name === 'url' ? freeze({ URL: urlKit().URL, URLSearchParams: searchParams().URLSearchParams })
      : undefined;
    if (value === undefined) throw new intrinsics.Error("require('" + name + "') is not available in the sandbox");
    builtinModules[name] = value;
    return value;
  }

  /** @type {unknown} */
  var exitCode;
  var process = freeze({
    argv: freeze(['node', 'program.js']), env: freeze({}), platform: 'linux', version: 'v20.0.0',
    get exitCode() { return exitCode; },
    set exitCode(code) {
      exitCode = code;
      if (code !== undefined && code !== 0) host.failed({ assertion: false, text: 'process.exitCode set to ' + inspect(code) });
    },
    /** @param {unknown} [code] */
    exit: function exit(code) { host.exit(code === undefined ? 0 : Number(code)); },
    /** @param {(...args: unknown[]) => unknown} callback */
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
   * @param {string} name
   * @param {unknown} value
   */
  function lock(name, value) {
    defineProperty(globalThis, name, { get: function () { return value; }, configurable: false, enumerable: false });
  }
  /**
   * Read-only global whose module is initialised on first access.
   * @param {string} name
   * @param {() => unknown} get
   */
  function lazy(name, get) {
    defineProperty(globalThis, name, { get: get, configurable: false, enumerable: false });
  }
  lock('console', console);
  lock('require', require);
  lock('process', process);
  lazy('Promise', function () { return promises().Promise; });
  lazy('queueMicrotask', function () { return promises().queueMicrotask; });
  lazy('Buffer', function () { return bufferKit().Buffer; });
  lazy('TextEncoder', function () { return textCoding().TextEncoder; });
  lazy('TextDecoder', function () { return textCoding().TextDecoder; });
  lazy('URL', function () { return urlKit().URL; });
  lazy('URLSearchParams', function () { return searchParams().URLSearchParams; });
  /** @type {(keyof GuestTimersApi)[]} */ (['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']).forEach(function (name) {
    lazy(name, function () { return timers().api[name]; });
  });
  var module = { exports: {} };
  globalThis.module = module;
  globalThis.exports = module.exports;
  globalThis.global = globalThis;

  return freeze({
    compile: compile,
    warmUp: function () {
      assertKit().warmUp();
      inspector();
    },
    describe: describe,
    sweep: function () { return loaded.promises ? loaded.promises.sweep() : 0; },
    /** @param {unknown} promise */
    markHandled: function (promise) { if (loaded.promises) loaded.promises.markHandled(promise); },
    nextDue: function () { return loaded.timers ? loaded.timers.nextDue() : -1; },
    runNext: function () { if (loaded.timers) loaded.timers.runNext(); }
  });
});
