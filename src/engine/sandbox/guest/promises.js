// @ts-check
/**
 * Lazy module `promises`, evaluated inside QuickJS: a factory that detects unhandled promise
 * rejections:
 * `(intrinsics, onUnhandled, onUncaught) => { Promise, queueMicrotask, sweep, markHandled }`,
 * where `intrinsics` holds the built-ins the prelude captured before the program ran.
 *
 * The quickjs-emscripten 0.32 API has no host promise-rejection tracker, so this works in
 * the VM: the global `Promise` becomes a subclass that remembers every promise it creates,
 * and `Promise.prototype.then` (which `catch`, `finally`, `await` on thenables and the
 * Promise combinators all go through) marks a promise as handled. `sweep()`, called by the
 * host whenever the job queue is empty, watches each new promise that nobody handled; if it
 * rejects while still unhandled, `onUnhandled(reason)` reports it. Native async functions
 * bypass the global `Promise`, which is why the worker downlevels async code first.
 */
/** @satisfies {GuestFactories['promises']} */ (function (intrinsics, onUnhandled, onUncaught) {
  'use strict';
  var I = intrinsics, apply = I.apply, push = I.push, NativePromise = I.Promise, nativeThen = I.promiseThen;
  var handled = new I.WeakSet(), addHandled = I.weakSetAdd, isHandled = I.weakSetHas;
  /** @type {Promise<unknown>[]} */
  var created = [], tracking = true;

  class TrackedPromise extends NativePromise {
    /** @param {(resolve: (value: unknown) => void, reject: (reason?: unknown) => void) => void} executor */
    constructor(executor) {
      super(executor);
      if (tracking) apply(push, created, [this]);
    }
    /** @param {unknown} value */
    static [I.hasInstance](value) { return value instanceof NativePromise; }
  }
  I.defineProperty(TrackedPromise, 'name', { value: 'Promise' });

  /** @param {unknown} promise */
  function markHandled(promise) {
    if (promise !== null && typeof promise === 'object') apply(addHandled, handled, [promise]);
  }

  I.defineProperty(NativePromise.prototype, 'then', {
    /**
     * @this {Promise<unknown>}
     * @param {((value: unknown) => unknown) | null | undefined} onFulfilled
     * @param {((reason: unknown) => unknown) | null | undefined} onRejected
     */
    value: function then(onFulfilled, onRejected) {
      markHandled(this);
      return apply(nativeThen, this, [onFulfilled, onRejected]);
    },
    writable: false, configurable: false, enumerable: false
  });

  /** @param {Promise<unknown>} promise */
  function watch(promise) {
    apply(nativeThen, promise, [undefined, function (/** @type {unknown} */ reason) {
      if (!apply(isHandled, handled, [promise])) onUnhandled(reason);
    }]);
  }

  /** Watches every promise created since the last sweep; returns how many were new. */
  function sweep() {
    var batch = created;
    created = [];
    tracking = false;
    try {
      for (var i = 0; i < batch.length; i++) if (!apply(isHandled, handled, [batch[i]])) watch(batch[i]);
    } finally { tracking = true; }
    return batch.length;
  }

  /** @param {() => void} callback */
  function queueMicrotask(callback) {
    if (typeof callback !== 'function') throw new I.TypeError('The "callback" argument must be of type function');
    apply(nativeThen, apply(I.promiseResolve, NativePromise, []), [function () {
      try { callback(); } catch (e) { onUncaught(e); }
    }]);
  }

  return { Promise: /** @type {PromiseConstructor} */ (/** @type {unknown} */ (TrackedPromise)), queueMicrotask: queueMicrotask, sweep: sweep, markHandled: markHandled };
});
