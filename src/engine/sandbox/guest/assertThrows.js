// @ts-check
/**
 * Lazy module `assertThrows`, evaluated inside QuickJS: the assert module's `throws`,
 * `doesNotThrow`, `rejects` and `doesNotReject`, following Node 20 (lib/assert.js:
 * expectsError, expectedException, expectsNoError, waitForActual), as
 * `(intrinsics, inspect, fail, isDeepEqual, getPromise) => { throws, … }` where `fail` throws
 * the assert module's AssertionError. Every built-in comes from the prelude's `intrinsics` and
 * is called with `apply`, whenever the assert module initialises it.
 */
/** @satisfies {GuestFactories['assertThrows']} */ (function (intrinsics, inspect, fail, isDeepEqual, getPromise) {
  'use strict';
  var I = intrinsics, apply = I.apply, keysOf = I.keys, toTag = I.toTag, push = I.push, forEach = I.forEach;
  var exec = I.regExpExec, String = I.String, TypeError = I.TypeError;

  /** @param {unknown} value */
  function tagOf(value) { return apply(toTag, value, []); }

  /**
   * RegExp test through the captured exec, as Node's assert does with its primordials.
   * @param {unknown} re
   * @param {unknown} text
   */
  function matches(re, text) { return apply(exec, re, [text]) !== null; }

  /**
   * @param {string} text
   * @param {unknown} actual
   * @param {unknown} expected
   */
  function pair(text, actual, expected) { return text + ': ' + inspect(actual) + ' vs ' + inspect(expected); }

  /**
   * The thrown (or rejected) `err` is what `throws`/`rejects` expected (Node's
   * expectedException): an instance of a class, a value a validation function accepts, a
   * string that matches a RegExp, or an object whose properties match an object's.
   * @param {any} err
   * @param {any} expected
   * @param {unknown} message
   * @param {string} operator
   */
  function checkError(err, expected, message, operator) {
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && err instanceof expected) return;
      if (apply(I.isPrototypeOf, I.Error, [expected])) {
        fail(err, expected, message, operator, 'The error is expected to be an instance of "' + expected.name + '". Received ' + inspect(err));
      }
      var result = apply(expected, {}, [err]);
      if (result !== true) fail(err, expected, message, operator, 'The validation function is expected to return "true". Received ' + inspect(result));
      return;
    }
    if (tagOf(expected) === '[object RegExp]') {
      if (matches(expected, String(err))) return;
      fail(err, expected, message, operator, 'The input did not match the regular expression ' + String(expected) + '. Input: ' + inspect(String(err)));
    }
    if (err === null || (typeof err !== 'object')) fail(err, expected, message, operator, pair('Expected values to be strictly deep-equal', err, expected));
    var keys = keysOf(expected);
    if (expected instanceof I.Error) apply(push, keys, ['name', 'message']);
    else if (keys.length === 0) throw new TypeError("The argument 'error' may not be an empty object. Received {}");
    apply(forEach, keys, [function (/** @type {string} */ key) {
      var want = expected[key], got = err[key];
      if (typeof got === 'string' && tagOf(want) === '[object RegExp]' && matches(want, got)) return;
      if (!(key in err) || !isDeepEqual(got, want, true)) {
        fail(err, expected, message, operator, 'Expected values to be strictly deep-equal: ' + key + ': ' + inspect(got) + ' vs ' + inspect(want));
      }
    }]);
  }

  /**
   * The end of `throws`/`rejects` (Node's expectsError), once it is known whether `threw`
   * and what (`err`). `expected` is an error matcher or, as a string, the message; `count`
   * is how many arguments the assert got, since `throws(fn, 'text', message)` is a mistake.
   * @param {boolean} threw
   * @param {unknown} err
   * @param {number} count
   * @param {any} expected
   * @param {unknown} message
   * @param {string} operator
   * @param {string} what 'exception' or 'rejection'
   */
  function expectError(threw, err, count, expected, message, operator, what) {
    if (typeof expected === 'string') {
      if (count === 3) throw new TypeError('The "error" argument must be of type function or an instance of Error, RegExp, or Object. Received type string');
      var same = err !== null && typeof err === 'object' ? /** @type {{ message?: unknown }} */ (err).message === expected : err === expected;
      if (threw && same) throw new TypeError('The "error/message" argument is ambiguous. The error ' + (typeof err === 'object' ? 'message ' : '') + '"' + expected + '" is identical to the message.');
      message = expected;
      expected = undefined;
    } else if (expected !== null && expected !== undefined && typeof expected !== 'object' && typeof expected !== 'function') {
      throw new TypeError('The "error" argument must be of type function or an instance of Error, RegExp, or Object. Received ' + inspect(expected));
    }
    if (!threw) {
      var details = (expected && expected.name ? ' (' + expected.name + ')' : '') + (message ? ': ' + message : '.');
      fail(undefined, expected, undefined, operator, 'Missing expected ' + what + details);
    }
    if (expected) checkError(err, expected, message, operator);
  }

  /**
   * The end of `doesNotThrow`/`doesNotReject` once `err` was thrown (Node's expectsNoError):
   * a failure, unless `expected` says which errors are unwanted and `err` is not one of
   * them; then `err` goes on as thrown.
   * @param {any} err
   * @param {any} expected
   * @param {unknown} message
   * @param {string} operator
   * @param {string} what 'exception' or 'rejection'
   * @returns {never}
   */
  function unwanted(err, expected, message, operator, what) {
    if (typeof expected === 'string') {
      message = expected;
      expected = undefined;
    }
    if (!expected || isExpectedError(err, expected)) fail(err, expected, message, operator, 'Got unwanted ' + what + ': ' + inspect(err && err.message));
    throw err;
  }

  /**
   * Node's hasMatchingError: `err` is an instance of the class `expected`, matches the
   * RegExp `expected`, or passes the validation function `expected`.
   * @param {unknown} err
   * @param {any} expected
   */
  function isExpectedError(err, expected) {
    if (typeof expected !== 'function') {
      if (tagOf(expected) === '[object RegExp]') return matches(expected, String(err));
      throw new TypeError('The "expected" argument must be of type function or an instance of RegExp. Received ' + inspect(expected));
    }
    if (expected.prototype !== undefined && err instanceof expected) return true;
    if (apply(I.isPrototypeOf, I.Error, [expected])) return false;
    return apply(expected, {}, [err]) === true;
  }

  /**
   * @param {unknown} fn
   * @param {unknown} [expected]
   * @param {unknown} [message]
   */
  function throws(fn, expected, message) {
    if (typeof fn !== 'function') throw new TypeError('The "fn" argument must be of type function');
    var threw = false, err;
    try { fn(); } catch (e) { threw = true; err = e; }
    expectError(threw, err, arguments.length, expected, message, 'throws', 'exception');
  }

  /**
   * @param {unknown} fn
   * @param {unknown} [expected]
   * @param {unknown} [message]
   */
  function doesNotThrow(fn, expected, message) {
    if (typeof fn !== 'function') throw new TypeError('The "fn" argument must be of type function');
    try { fn(); } catch (e) { unwanted(e, expected, message, 'doesNotThrow', 'exception'); }
  }

  /**
   * A promise, or an object with `then` and `catch` methods (Node's checkIsPromise).
   * @param {any} value
   */
  function isPromise(value) {
    return value instanceof I.Promise ||
      (value !== null && typeof value === 'object' && typeof value.then === 'function' && typeof value.catch === 'function');
  }

  /**
   * Waits for `target` (a promise, or a function returning one, called at once) and then
   * calls `check(rejected, reason)`, as Node's waitForActual: a target that is neither, or
   * a function that returns no promise, rejects with a TypeError, and a function that throws
   * rejects with what it threw, unchecked. The promise returned is the global (tracked)
   * `Promise`, so a failed check nobody awaits is an unhandled rejection; the inner ones are
   * native, so a target's rejection handled here is never reported.
   * @param {unknown} target
   * @param {(rejected: boolean, reason?: unknown) => void} check
   * @returns {Promise<void>}
   */
  function settle(target, check) {
    var Promise = getPromise();
    return new Promise(function (resolve) {
      var result = typeof target === 'function' ? target() : target;
      if (!isPromise(result)) {
        throw new TypeError(typeof target === 'function'
          ? 'Expected instance of Promise to be returned from the "promiseFn" function but got ' + inspect(result) + '.'
          : 'The "promiseFn" argument must be of type function or an instance of Promise. Received ' + inspect(result));
      }
      var settled = new I.Promise(function (done) { done(result); });
      resolve(apply(I.promiseThen, settled, [function () { check(false); }, function (/** @type {unknown} */ reason) { check(true, reason); }]));
    });
  }

  /**
   * @param {unknown} target
   * @param {unknown} [expected]
   * @param {unknown} [message]
   */
  function rejects(target, expected, message) {
    var count = arguments.length;
    return settle(target, function (rejected, reason) { expectError(rejected, reason, count, expected, message, 'rejects', 'rejection'); });
  }

  /**
   * @param {unknown} target
   * @param {unknown} [expected]
   * @param {unknown} [message]
   */
  function doesNotReject(target, expected, message) {
    return settle(target, function (rejected, reason) { if (rejected) unwanted(reason, expected, message, 'doesNotReject', 'rejection'); });
  }

  return { throws: throws, doesNotThrow: doesNotThrow, rejects: rejects, doesNotReject: doesNotReject };
});
