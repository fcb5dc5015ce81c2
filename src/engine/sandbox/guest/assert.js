// @ts-check
/**
 * Lazy module `assert`, evaluated inside QuickJS: a factory for Node's `assert` module,
 * `(intrinsics, inspect, getPromise, load) => { assert, isAssertionError, warmUp }`. It takes
 * the `deepEqual` and `assertThrows` modules from the prelude's `load`; `warmUp` initialises
 * them while the worker builds the memory image every run starts from.
 * Semantics follow Node 20, including the loose legacy `deepEqual` (primitives compared with
 * `==`) that MultiPL-E's tests rely on; test/unit/assertProperty.test.ts checks the verdicts
 * against Node's own `assert` on generated values. The module is initialised before any
 * program runs, yet it does not rely on that: every built-in it relies on comes
 * from the prelude's `intrinsics` (captured before the program ran) and is called with
 * `apply`, never as a method of a shared prototype; the module is frozen. So a program under
 * test cannot weaken the checks that judge it. Values the program passes are typed `any`:
 * they can have any shape.
 */
/** @satisfies {GuestFactories['assert']} */ (function (intrinsics, inspect, getPromise, load) {
  'use strict';
  var I = intrinsics, apply = I.apply, keysOf = I.keys, objectIs = I.is, freeze = I.freeze;
  var toTag = I.toTag, forEach = I.forEach, exec = I.regExpExec;
  var String = I.String, TypeError = I.TypeError;

  /**
   * @typedef {object} AssertionErrorOptions
   * @property {string} message
   * @property {unknown} [actual]
   * @property {unknown} [expected]
   * @property {string} operator
   * @property {boolean} [generatedMessage]
   */

  class AssertionError extends I.Error {
    /** @param {AssertionErrorOptions} options */
    constructor(options) {
      super(options.message);
      this.name = 'AssertionError';
      this.code = 'ERR_ASSERTION';
      this.actual = options.actual;
      this.expected = options.expected;
      this.operator = options.operator;
      this.generatedMessage = !!options.generatedMessage;
    }
  }
  freeze(AssertionError.prototype);
  freeze(AssertionError);

  /**
   * Throws the AssertionError of a failed check (or `message` itself when it is an Error).
   * @param {unknown} actual
   * @param {unknown} expected
   * @param {unknown} message the caller's message; undefined: use `generated`
   * @param {string} operator
   * @param {string} generated
   * @returns {never}
   */
  function fail(actual, expected, message, operator, generated) {
    if (message instanceof I.Error) throw message;
    var useGenerated = message === undefined;
    throw new AssertionError({ message: useGenerated ? generated : String(message), actual: actual,
      expected: expected, operator: operator, generatedMessage: useGenerated });
  }

  /** @param {unknown} value */
  function tagOf(value) { return apply(toTag, value, []); }

  /**
   * @param {unknown} a
   * @param {unknown} b
   * @param {boolean} strict
   */
  function isDeepEqual(a, b, strict) { return deepEqualKit()(a, b, strict); }
  function deepEqualKit() { return load('deepEqual', function (factory) { return factory(intrinsics); }); }

  function throwsKit() {
    return load('assertThrows', function (factory) { return factory(intrinsics, inspect, fail, isDeepEqual, getPromise); });
  }


  /**
   * Node's ERR_MISSING_ARGS: a comparison given fewer than two values is a mistake in the
   * test (an error), not a verdict on the code, so `strictEqual(f())` never passes.
   * @param {number} count the number of arguments
   */
  function requireBoth(count) {
    if (count < 2) throw new TypeError('The "actual" and "expected" arguments must be specified');
  }

  /**
   * RegExp test through the captured exec, as Node's assert does with its primordials.
   * @param {unknown} re
   * @param {unknown} text
   */
  function matches(re, text) { return apply(exec, re, [text]) !== null; }

  /**
   * `match` (`wanted`) or `doesNotMatch`: as in Node, an input that is not a string fails.
   * @param {unknown} s
   * @param {unknown} re
   * @param {unknown} message
   * @param {boolean} wanted
   */
  function checkMatch(s, re, message, wanted) {
    var operator = wanted ? 'match' : 'doesNotMatch';
    if (tagOf(re) !== '[object RegExp]') throw new TypeError('The "regexp" argument must be an instance of RegExp. Received ' + inspect(re));
    if (typeof s !== 'string') fail(s, re, message, operator, 'The "string" argument must be of type string. Received type ' + typeof s + ' (' + inspect(s) + ')');
    if (matches(re, s) !== wanted) {
      fail(s, re, message, operator, (wanted ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ') + String(re) + '. Input: ' + inspect(s));
    }
  }

  /**
   * @param {string} text
   * @param {unknown} actual
   * @param {unknown} expected
   */
  function pair(text, actual, expected) { return text + ': ' + inspect(actual) + ' vs ' + inspect(expected); }

  var checks = {
    /** @param {unknown} value @param {unknown} [message] */
    ok: function (value, message) {
      if (!value) fail(value, true, message, '==', 'The expression evaluated to a falsy value: ' + inspect(value));
    },
    /** @param {any} a @param {any} b @param {unknown} [message] */
    equal: function (a, b, message) {
      requireBoth(arguments.length);
      if (a != b && (a === a || b === b)) fail(a, b, message, '==', 'Expected values to be loosely equal: ' + inspect(a) + ' != ' + inspect(b));
    },
    /** @param {any} a @param {any} b @param {unknown} [message] */
    notEqual: function (a, b, message) {
      requireBoth(arguments.length);
      if (a == b || (a !== a && b !== b)) fail(a, b, message, '!=', 'Expected "actual" to be loosely unequal to: ' + inspect(b));
    },
    /** @param {unknown} a @param {unknown} b @param {unknown} [message] */
    strictEqual: function (a, b, message) {
      requireBoth(arguments.length);
      if (!objectIs(a, b)) fail(a, b, message, 'strictEqual', 'Expected values to be strictly equal: ' + inspect(a) + ' !== ' + inspect(b));
    },
    /** @param {unknown} a @param {unknown} b @param {unknown} [message] */
    notStrictEqual: function (a, b, message) {
      requireBoth(arguments.length);
      if (objectIs(a, b)) fail(a, b, message, 'notStrictEqual', 'Expected "actual" to be strictly unequal to: ' + inspect(b));
    },
    /** @param {unknown} a @param {unknown} b @param {unknown} [message] */
    deepEqual: function (a, b, message) {
      requireBoth(arguments.length);
      if (!isDeepEqual(a, b, false)) fail(a, b, message, 'deepEqual', pair('Expected values to be loosely deep-equal', a, b));
    },
    /** @param {unknown} a @param {unknown} b @param {unknown} [message] */
    notDeepEqual: function (a, b, message) {
      requireBoth(arguments.length);
      if (isDeepEqual(a, b, false)) fail(a, b, message, 'notDeepEqual', 'Expected "actual" not to be loosely deep-equal to: ' + inspect(b));
    },
    /** @param {unknown} a @param {unknown} b @param {unknown} [message] */
    deepStrictEqual: function (a, b, message) {
      requireBoth(arguments.length);
      if (!isDeepEqual(a, b, true)) fail(a, b, message, 'deepStrictEqual', pair('Expected values to be strictly deep-equal', a, b));
    },
    /** @param {unknown} a @param {unknown} b @param {unknown} [message] */
    notDeepStrictEqual: function (a, b, message) {
      requireBoth(arguments.length);
      if (isDeepEqual(a, b, true)) fail(a, b, message, 'notDeepStrictEqual', 'Expected "actual" not to be strictly deep-equal to: ' + inspect(b));
    },
    /** @param {unknown} s @param {unknown} re @param {unknown} [message] */
    match: function (s, re, message) { checkMatch(s, re, message, true); },
    /** @param {unknown} s @param {unknown} re @param {unknown} [message] */
    doesNotMatch: function (s, re, message) { checkMatch(s, re, message, false); },
    /** @param {any} value */
    ifError: function (value) {
      if (value !== null && value !== undefined) fail(value, null, undefined, 'ifError', 'ifError got unwanted exception: ' + inspect(value && value.message !== undefined ? value.message : value));
    },
    /** @param {unknown} [message] */
    fail: function (message) {
      if (message instanceof I.Error) throw message;
      throw new AssertionError({ message: message === undefined ? 'Failed' : String(message), operator: 'fail', generatedMessage: message === undefined });
    },
    throws: function throws() { apply(throwsKit().throws, undefined, arguments); },
    doesNotThrow: function doesNotThrow() { apply(throwsKit().doesNotThrow, undefined, arguments); },
    rejects: function rejects() { return apply(throwsKit().rejects, undefined, arguments); },
    doesNotReject: function doesNotReject() { return apply(throwsKit().doesNotReject, undefined, arguments); },
    AssertionError: AssertionError
  };

  /**
   * An `assert` function carrying every check, with `overrides` (name → check) on top.
   * @param {Record<string, keyof typeof checks>} overrides
   * @returns {GuestAssert}
   */
  function makeModule(overrides) {
    var target = /** @type {GuestAssert} */ (function assert(/** @type {unknown} */ value, /** @type {unknown} */ message) { checks.ok(value, message); });
    apply(forEach, keysOf(checks), [function (/** @type {keyof typeof checks} */ name) { put(target, name, checks[name]); }]);
    apply(forEach, keysOf(overrides), [function (/** @type {string} */ name) { put(target, name, checks[overrides[name]]); }]);
    return target;
  }

  /**
   * An own data property, as Node's module has: an assignment would run a setter the program
   * put on `Function.prototype` under the same name, and leave its getter answering instead.
   * @param {object} target
   * @param {string} name
   * @param {unknown} value
   */
  function put(target, name, value) {
    I.defineProperty(target, name, { value: value, writable: true, enumerable: true, configurable: true });
  }

  var assert = makeModule({});
  var strict = makeModule({ equal: 'strictEqual', notEqual: 'notStrictEqual', deepEqual: 'deepStrictEqual', notDeepEqual: 'notDeepStrictEqual' });
  put(assert, 'strict', strict);
  put(strict, 'strict', strict);
  freeze(assert);
  freeze(strict);
  return {
    assert: assert,
    isAssertionError: function (/** @type {unknown} */ e) { return e instanceof AssertionError; },
    warmUp: function () { deepEqualKit(); throwsKit(); }
  };
});
