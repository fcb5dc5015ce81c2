/**
 * Global names a test program may use: the ECMAScript built-ins QuickJS has and the Node-like
 * stand-ins the sandbox defines (see SECURITY.md). `test/unit/sandboxGlobalNames.test.ts` checks
 * against the real sandbox that each of them exists there, so this list cannot drift.
 */
export const SANDBOX_GLOBALS: ReadonlySet<string> = new Set([
  // ECMAScript
  'globalThis', 'undefined', 'NaN', 'Infinity', 'eval', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
  'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape',
  'Object', 'Function', 'Boolean', 'Symbol', 'Error', 'AggregateError', 'EvalError', 'RangeError',
  'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'Number', 'BigInt', 'Math', 'Date',
  'String', 'RegExp', 'Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array',
  'BigUint64Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'JSON', 'Promise', 'Proxy', 'Reflect',
  // The sandbox's Node-like globals
  'console', 'require', 'module', 'exports', 'global', 'process', 'queueMicrotask',
  'Buffer', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams',
  // Present (virtual timers) but see TIMER_GLOBALS: code that waits on them cannot be tested.
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate',
]);

/**
 * Timers exist in the sandbox on a virtual clock, but a function that schedules work answers
 * later, and the model's asserts are synchronous: such a function cannot be checked.
 */
export const TIMER_GLOBALS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate']);

/** `process` members the sandbox gives a deterministic meaning; every other one is host state. */
export const PROCESS_MEMBERS_ALLOWED: ReadonlySet<string> = new Set(['nextTick']);

/** `Date` and `performance` members that read the clock. */
export const CLOCK_MEMBERS: ReadonlySet<string> = new Set(['now']);
