// Types shared by the guest JavaScript files (the code that runs inside QuickJS), checked by
// ./tsconfig.json with the ES2022 library only: the guest has no DOM and no Node.
//
// To add a lazy guest module `x`: write `x.js` as `/** @satisfies {GuestFactories['x']} */
// (function (…) { … })`, add its factory type to `GuestFactories` below, register its source
// in ../worker/lazyModuleSources.ts, and load it from the prelude with `load('x', init)`.

/** Built-ins the prelude captures before the program runs (like Node's primordials). */
interface GuestIntrinsics {
  readonly apply: typeof Reflect.apply;
  readonly freeze: typeof Object.freeze;
  readonly defineProperty: typeof Object.defineProperty;
  readonly hasOwn: typeof Object.prototype.hasOwnProperty;
  readonly slice: typeof Array.prototype.slice;
  readonly Error: ErrorConstructor;
  readonly TypeError: TypeErrorConstructor;
  readonly String: StringConstructor;
  readonly Number: NumberConstructor;
  readonly floor: typeof Math.floor;
  readonly keys: typeof Object.keys;
  readonly getPrototypeOf: typeof Object.getPrototypeOf;
  readonly is: typeof Object.is;
  readonly ownSymbols: typeof Object.getOwnPropertySymbols;
  readonly isPrototypeOf: typeof Object.prototype.isPrototypeOf;
  readonly isEnumerable: typeof Object.prototype.propertyIsEnumerable;
  readonly toTag: typeof Object.prototype.toString;
  readonly isArray: typeof Array.isArray;
  readonly push: typeof Array.prototype.push;
  readonly splice: typeof Array.prototype.splice;
  readonly indexOf: typeof Array.prototype.indexOf;
  readonly findIndex: typeof Array.prototype.findIndex;
  readonly forEach: typeof Array.prototype.forEach;
  readonly filter: typeof Array.prototype.filter;
  readonly isView: typeof ArrayBuffer.isView;
  readonly Uint8Array: Uint8ArrayConstructor;
  /** Getter of `%TypedArray%.prototype.length`. */
  readonly typedLength: (this: unknown) => number;
  /** Getter of `DataView.prototype.byteLength`. */
  readonly viewLength: (this: unknown) => number;
  readonly getUint8: typeof DataView.prototype.getUint8;
  readonly mapForEach: typeof Map.prototype.forEach;
  readonly setForEach: typeof Set.prototype.forEach;
  readonly WeakSet: WeakSetConstructor;
  readonly weakSetAdd: typeof WeakSet.prototype.add;
  readonly weakSetHas: typeof WeakSet.prototype.has;
  readonly hasInstance: typeof Symbol.hasInstance;
  readonly regExpExec: typeof RegExp.prototype.exec;
  readonly regExpToString: typeof RegExp.prototype.toString;
  readonly getTime: typeof Date.prototype.getTime;
  /** `valueOf` of each boxed primitive, by its `Object.prototype.toString` tag. */
  readonly valueOf: Readonly<Record<string, () => unknown>>;
  readonly Promise: PromiseConstructor;
  readonly promiseThen: typeof Promise.prototype.then;
  readonly promiseResolve: typeof Promise.resolve;
  readonly Proxy: ProxyConstructor;
  readonly jsonParse: typeof JSON.parse;
  // For Buffer, TextEncoder/TextDecoder, URL (buffer.js, textCoding.js, url.js).
  readonly RangeError: RangeErrorConstructor;
  readonly construct: typeof Reflect.construct;
  readonly setPrototypeOf: typeof Object.setPrototypeOf;
  readonly BigInt: BigIntConstructor;
  readonly Float32Array: Float32ArrayConstructor;
  readonly Float64Array: Float64ArrayConstructor;
  /** Getters of `%TypedArray%.prototype` `buffer`, `byteOffset`, `byteLength`, `@@toStringTag`. */
  readonly typedBuffer: (this: unknown) => ArrayBuffer;
  readonly typedOffset: (this: unknown) => number;
  readonly typedByteLength: (this: unknown) => number;
  /** `undefined` for anything but a typed array: a brand check. */
  readonly typedTag: (this: unknown) => string | undefined;
  readonly typedSet: typeof Uint8Array.prototype.set;
  /** Getters of `DataView.prototype` `buffer` and `byteOffset`. */
  readonly viewBuffer: (this: unknown) => ArrayBuffer;
  readonly viewOffset: (this: unknown) => number;
  /** Getter of `ArrayBuffer.prototype.byteLength` (throws for anything else). */
  readonly arrayBufferLength: (this: unknown) => number;
  readonly fromCharCode: typeof String.fromCharCode;
  readonly charCodeAt: typeof String.prototype.charCodeAt;
  readonly stringSlice: typeof String.prototype.slice;
  readonly stringIndexOf: typeof String.prototype.indexOf;
  readonly toLowerCase: typeof String.prototype.toLowerCase;
  readonly trim: typeof String.prototype.trim;
  readonly normalize: typeof String.prototype.normalize;
  readonly decodeURIComponent: typeof decodeURIComponent;
  readonly iterator: typeof Symbol.iterator;
  readonly toPrimitive: typeof Symbol.toPrimitive;
  readonly toStringTag: typeof Symbol.toStringTag;
  /** The href of a URL object of the run (undefined for anything else), without loading `url`. */
  readonly urlHref: (value: unknown) => string | undefined;
}

/** What the prelude's `describe(error)` returns, and what `host.failed` receives. */
interface GuestErrorDescription {
  /** The error is an `AssertionError` of the sandbox's assert module (verdict `fail`). */
  assertion: boolean;
  text: string;
}

/**
 * Host functions the prelude receives (defined in ../worker/SandboxControl.ts); they take
 * strings or plain values and touch nothing outside the run's state.
 */
interface GuestHost {
  /** Compiles the lazy module `name` and returns its factory (while the memory image is built). */
  load<K extends keyof GuestFactories>(name: K): GuestFactories[K];
  /** Counts `text` against the output limit (output is discarded). */
  write(text: string): void;
  /** A failed `console.assert`: the verdict is `fail`. */
  assertFailed(text: string): void;
  /** The verdict is `fail` (an assertion) or `error`. */
  failed(description: GuestErrorDescription): void;
  /** `process.exit(code)`: the verdict is `error`; throws to unwind the program. */
  exit(code: number): void;
  /** Resolves `specifier` as `require` in the module file `from` (`null`: the program) would. */
  resolveModule(from: string | null, specifier: string): GuestModuleResolution;
  /** Reads and compiles a file `resolveModule` returned in this run. */
  loadModule(path: string): GuestCompiledModule;
}

/** Where a specifier leads (the host's `resolveModule`, ../modules/resolveModule.ts). */
type GuestModuleResolution =
  | { kind: 'builtin'; name: string }
  /** `builtin`: a Node built-in the sandbox refuses (a loaded module gets a stand-in for it). */
  | { kind: 'refused'; message: string; builtin: boolean }
  | { kind: 'file'; path: string }
  | { kind: 'missing'; message: string };

/** A CommonJS module wrapper, as Node compiles each file. */
type GuestModuleWrapper = (
  exports: unknown,
  require: (specifier: unknown) => unknown,
  module: GuestModuleRecord,
  filename: string,
  dirname: string,
) => void;

/** A module file, compiled by the host; `program`: the file the program itself stands for. */
type GuestCompiledModule =
  | { kind: 'js'; wrapper: GuestModuleWrapper; dirname: string }
  | { kind: 'json'; text: string }
  | { kind: 'program' }
  | { kind: 'error'; message: string };

/** A CommonJS `module` object (the program's has only `exports`). */
interface GuestModuleRecord {
  exports: unknown;
  id?: string;
  filename?: string;
  loaded?: boolean;
  require?: (specifier: unknown) => unknown;
}

/** The module loader behind `require` once a program asks for more than `assert`. */
interface GuestModuleLoader {
  /** `require(specifier)` in the module file `from` (`null`: the program). */
  require(from: string | null, specifier: unknown): unknown;
}

/** The prelude's loader: the lazy module `name`, initialised by `init` once per run (compiled into the image). */
type GuestLoad = <K extends keyof GuestFactories>(name: K, init: (factory: GuestFactories[K]) => GuestModules[K]) => GuestModules[K];

/** Throws the assert module's AssertionError (or `message` itself when it is an Error). */
type GuestFail = (actual: unknown, expected: unknown, message: unknown, operator: string, generated: string) => never;

/** The assert module's checks of exceptions and rejections. */
interface GuestAssertThrows {
  throws(fn: unknown, expected?: unknown, message?: unknown): void;
  doesNotThrow(fn: unknown, expected?: unknown, message?: unknown): void;
  rejects(target: unknown, expected?: unknown, message?: unknown): Promise<void>;
  doesNotReject(target: unknown, expected?: unknown, message?: unknown): Promise<void>;
}

/** Node's deep equality: `strict` for deepStrictEqual, loose (legacy `deepEqual`) otherwise. */
type GuestDeepEqual = (a: unknown, b: unknown, strict: boolean) => boolean;

/** One-line rendering of a value for messages and console output. */
type GuestInspect = (value: unknown, depth?: number) => string;

/** Node's `assert` function with its methods; `strict` is `assert/strict`. */
interface GuestAssert {
  (value: unknown, message?: unknown): void;
  strict: GuestAssert;
  [check: string]: unknown;
}

interface GuestAssertKit {
  assert: GuestAssert;
  isAssertionError(error: unknown): boolean;
  /** Initialises `deepEqual` and `assertThrows` now (while the memory image is built). */
  warmUp(): void;
}

interface GuestPromiseTracking {
  /** The global `Promise`: a subclass of the native one that records what it creates. */
  Promise: PromiseConstructor;
  queueMicrotask(callback: () => void): void;
  /** Watches every promise created since the last sweep; returns how many were new. */
  sweep(): number;
  markHandled(promise: unknown): void;
}

type GuestTimerCallback = (...args: unknown[]) => unknown;

/** One pending timer of the virtual clock. */
interface GuestTimerRecord {
  id: number;
  /** Virtual time (ms since the start) it fires at. */
  due: number;
  delay: number;
  repeat: boolean;
  callback: GuestTimerCallback;
  args: unknown[];
  /** Keeps the program alive (`unref()` clears it). */
  ref: boolean;
  handle: unknown;
}

interface GuestTimersApi {
  setTimeout(callback: GuestTimerCallback, ms?: unknown, ...args: unknown[]): unknown;
  setInterval(callback: GuestTimerCallback, ms?: unknown, ...args: unknown[]): unknown;
  setImmediate(callback: GuestTimerCallback, ...args: unknown[]): unknown;
  clearTimeout(handle: unknown): void;
  clearInterval(handle: unknown): void;
  clearImmediate(handle: unknown): void;
}

interface GuestVirtualTimers {
  api: GuestTimersApi;
  /** Virtual time of the earliest referenced timer, or -1 when none is left. */
  nextDue(): number;
  runNext(): void;
}

/** Collects UTF-16 code units into a string, a chunk of `String.fromCharCode` at a time. */
interface GuestStringBuilder {
  unit(unit: number): void;
  /** A code point, as one or two units. */
  point(cp: number): void;
  flush(): void;
  done(): string;
}

/** The UTF-8 codecs and Node-style errors `Buffer` and `URL` share (lazy module `textCoding`). */
interface GuestTextCoding {
  TextEncoder: Function;
  TextDecoder: Function;
  /** A `TypeError`/`RangeError` with Node's `code` property. */
  nodeError(Type: ErrorConstructor, code: string, message: string): Error;
  /** Node's ERR_INVALID_ARG_TYPE. */
  argTypeError(name: string, expected: string, value: unknown): Error;
  StringBuilder(): GuestStringBuilder;
  /** The code point at `i` (a lone surrogate as U+FFFD); its length in units lands in `step[0]`. */
  pointAt(s: string, i: number, step: number[]): number;
  utf8Length(s: string): number;
  /** Writes whole characters into `bytes[offset, end)`: [units read, bytes written]. */
  utf8Write(s: string, bytes: Uint8Array, offset: number, end: number): number[];
  /** Ill-formed sequences become U+FFFD, as in Node. */
  utf8Decode(bytes: Uint8Array, start: number, end: number): string;
  /** One character per byte (latin1), each masked with `mask`. */
  byteDecode(bytes: Uint8Array, start: number, end: number, mask: number): string;
  /** A Uint8Array over an ArrayBuffer's or view's bytes, or undefined. */
  bytesOf(value: unknown): Uint8Array | undefined;
  isUint8Array(value: unknown): value is Uint8Array;
}

/** buffer.js's validators of offsets, sizes and values, with Node's errors. */
interface GuestBufferChecks {
  /** The offset of a `size`-byte access of `b`, or a RangeError/TypeError. */
  checkAccess(b: Uint8Array, offset: unknown, size: number): number;
  /** A variable byteLength argument: 1 to 6. */
  checkSize(size: unknown): number;
  checkNumber(value: unknown, name: string): void;
  outOfRange(name: string, range: string, value: unknown): Error;
  argTypeError(name: string, expected: string, value: unknown): Error;
}

/** Buffer's readers and writers (lazy module `bufferNumbers`), by method name. */
type GuestBufferMethods = Record<string, Function>;

/** Node's `buffer` module (lazy module `buffer`). */
interface GuestBufferKit {
  Buffer: Function;
}

/** The rarer host parsing of URL (lazy module `urlHost`); both return null for invalid input. */
interface GuestUrlHosts {
  /** The serialised address (with its brackets) of the text between `[` and `]`. */
  parseIPv6(input: string): string | null;
  /** UTS #46 ToASCII (approximated) of a domain with non-ASCII characters or "xn--" labels. */
  domainToASCII(domain: string): string | null;
}

/** WHATWG URLSearchParams (lazy module `urlSearchParams`). */
interface GuestSearchParamsKit {
  URLSearchParams: new () => object;
  /** The name/value list of an application/x-www-form-urlencoded string. */
  parse(query: string): string[][];
  /** Gives `params` the list `list` and a URL to tell each change of it (its serialisation). */
  attach(params: object, onUpdate: (query: string) => void, list: string[][]): void;
}

/** WHATWG URL (lazy module `url`). */
interface GuestUrlKit {
  URL: Function;
  /** The href of one of this run's URL objects, else undefined (Node's assert compares URLs by href). */
  hrefOf(value: unknown): string | undefined;
}

/** Each lazy module's factory, by the name the prelude loads it with. */
interface GuestFactories {
  textCoding(intrinsics: GuestIntrinsics): GuestTextCoding;
  buffer(intrinsics: GuestIntrinsics, text: GuestTextCoding, numbers: (checks: GuestBufferChecks) => GuestBufferMethods): GuestBufferKit;
  bufferNumbers(intrinsics: GuestIntrinsics, checks: GuestBufferChecks): GuestBufferMethods;
  url(intrinsics: GuestIntrinsics, text: GuestTextCoding, hosts: () => GuestUrlHosts, params: () => GuestSearchParamsKit): GuestUrlKit;
  urlSearchParams(intrinsics: GuestIntrinsics, text: GuestTextCoding): GuestSearchParamsKit;
  urlHost(intrinsics: GuestIntrinsics, text: GuestTextCoding): GuestUrlHosts;
  assert(
    intrinsics: GuestIntrinsics,
    inspect: GuestInspect,
    getPromise: () => PromiseConstructor,
    load: GuestLoad,
  ): GuestAssertKit;
  assertThrows(
    intrinsics: GuestIntrinsics,
    inspect: GuestInspect,
    fail: GuestFail,
    isDeepEqual: GuestDeepEqual,
    getPromise: () => PromiseConstructor,
  ): GuestAssertThrows;
  deepEqual(intrinsics: GuestIntrinsics): GuestDeepEqual;
  inspect(): GuestInspect;
  promises(
    intrinsics: GuestIntrinsics,
    onUnhandled: (reason: unknown) => void,
    onUncaught: (error: unknown) => void,
  ): GuestPromiseTracking;
  timers(intrinsics: GuestIntrinsics): GuestVirtualTimers;
  modules(
    intrinsics: GuestIntrinsics,
    host: GuestHost,
    builtin: (name: string) => unknown,
    program: GuestModuleRecord,
  ): GuestModuleLoader;
}

/** What each lazy module's factory returns, by name. */
type GuestModules = { [K in keyof GuestFactories]: ReturnType<GuestFactories[K]> };

/** The functions the host drives a run with (called from ../worker/SandboxControl.ts). */
interface GuestControl {
  /** Compiles the lazy module `name` into the memory image; it is initialised on first use. */
  compile(name: keyof GuestFactories): void;
  /** Initialises the assert module (with `deepEqual`, `assertThrows`) and `inspect`. */
  warmUp(): void;
  describe(error: unknown): GuestErrorDescription;
  sweep(): number;
  markHandled(promise: unknown): void;
  nextDue(): number;
  runNext(): void;
}

/** The prelude: installs the Node-like globals and returns the control functions. */
type GuestPrelude = (host: GuestHost) => GuestControl;

// Globals the prelude defines for CommonJS-style programs.
declare var module: { exports: unknown };
declare var exports: unknown;
declare var global: typeof globalThis;
