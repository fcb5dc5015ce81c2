/**
 * JavaScript source (evaluated inside QuickJS) of a factory for Node's `assert` module:
 * `(intrinsics, inspect, getPromise) => { assert, isAssertionError }`. Semantics follow
 * Node 20, including the loose legacy `deepEqual` (primitives compared with `==`) that
 * MultiPL-E's tests rely on. The module is compiled on first use, possibly after the
 * program has replaced built-ins, so every built-in it relies on comes from the prelude's
 * `intrinsics` (captured before the program ran) and is called with `apply`, never as a
 * method of a shared prototype; the module is frozen. So a program under test cannot
 * weaken the checks that judge it.
 */
export const ASSERT_MODULE_SOURCE = String.raw`(function (intrinsics, inspect, getPromise) {
  'use strict';
  var I = intrinsics, apply = I.apply, keysOf = I.keys, getProto = I.getPrototypeOf;
  var objectIs = I.is, isArray = I.isArray, freeze = I.freeze, ownSymbols = I.ownSymbols;
  var isView = I.isView, toTag = I.toTag, hasOwn = I.hasOwn, isEnumerable = I.isEnumerable;
  var push = I.push, splice = I.splice, findIndex = I.findIndex, forEach = I.forEach;
  var filter = I.filter, exec = I.regExpExec, regExpText = I.regExpToString, String = I.String;
  var TypeError = I.TypeError;

  class AssertionError extends I.Error {
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

  function fail(actual, expected, message, operator, generated) {
    if (message instanceof I.Error) throw message;
    var useGenerated = message === undefined;
    throw new AssertionError({ message: useGenerated ? generated : String(message), actual: actual,
      expected: expected, operator: operator, generatedMessage: useGenerated });
  }

  function tagOf(value) { return apply(toTag, value, []); }

  function deepEq(a, b, strict, memo) {
    if (a === b) return a !== 0 || !strict || objectIs(a, b);
    if (strict) {
      if (typeof a !== 'object') return typeof a === 'number' && a !== a && b !== b;
      if (typeof b !== 'object' || a === null || b === null || getProto(a) !== getProto(b)) return false;
    } else {
      if (a === null || typeof a !== 'object') {
        return (b === null || typeof b !== 'object') && (a == b || (a !== a && b !== b));
      }
      if (b === null || typeof b !== 'object') return false;
    }
    var tag = tagOf(a);
    if (tag !== tagOf(b)) return false;
    for (var i = 0; i < memo.length; i += 2) if (memo[i] === a && memo[i + 1] === b) return true;
    apply(push, memo, [a, b]);
    try { return sameShape(a, b, tag, strict, memo) && sameKeys(a, b, strict, memo); }
    finally { memo.length -= 2; }
  }

  function sameShape(a, b, tag, strict, memo) {
    if (isArray(a)) return a.length === b.length;
    if (tag === '[object Date]') return apply(I.getTime, a, []) === apply(I.getTime, b, []);
    if (tag === '[object RegExp]') return apply(regExpText, a, []) === apply(regExpText, b, []);
    if (a instanceof I.Error) return a.message === b.message && a.name === b.name;
    if (apply(hasOwn, I.valueOf, [tag])) return objectIs(apply(I.valueOf[tag], a, []), apply(I.valueOf[tag], b, []));
    if (isView(a)) return sameItems(a, b, strict);
    if (tag === '[object Map]' || tag === '[object Set]') return sameEntries(a, b, tag, strict, memo);
    return true;
  }

  function sameItems(a, b, strict) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (strict ? !objectIs(a[i], b[i]) : a[i] != b[i]) return false;
    return true;
  }

  /** Every entry of \`a\` pairs off with a distinct deep-equal entry of \`b\`, none left over. */
  function sameEntries(a, b, tag, strict, memo) {
    var isMap = tag === '[object Map]', each = isMap ? I.mapForEach : I.setForEach, rest = [], ok = true;
    apply(each, b, [function (value, key) { apply(push, rest, [[key, value]]); }]);
    apply(each, a, [function (value, key) {
      if (!ok) return;
      if (!isMap) value = key;
      var index = apply(findIndex, rest, [function (entry) {
        return deepEq(key, entry[0], strict, memo) && deepEq(value, entry[1], strict, memo);
      }]);
      if (index < 0) ok = false; else apply(splice, rest, [index, 1]);
    }]);
    return ok && rest.length === 0;
  }

  function sameKeys(a, b, strict, memo) {
    var ka = keysOf(a), kb = keysOf(b), i;
    if (ka.length !== kb.length) return false;
    for (i = 0; i < ka.length; i++) {
      if (!apply(hasOwn, b, [ka[i]]) || !apply(isEnumerable, b, [ka[i]])) return false;
    }
    if (strict) {
      var sa = apply(filter, ownSymbols(a), [function (s) { return apply(isEnumerable, a, [s]); }]);
      var sb = apply(filter, ownSymbols(b), [function (s) { return apply(isEnumerable, b, [s]); }]);
      if (sa.length !== sb.length) return false;
      for (i = 0; i < sa.length; i++) if (!deepEq(a[sa[i]], b[sa[i]], strict, memo)) return false;
    }
    for (i = 0; i < ka.length; i++) if (!deepEq(a[ka[i]], b[ka[i]], strict, memo)) return false;
    return true;
  }

  function isDeepEqual(a, b, strict) { return deepEq(a, b, strict, []); }

  function checkError(err, expected, message, operator) {
    if (expected === undefined) return;
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && err instanceof expected) return;
      if (expected === I.Error || apply(I.isPrototypeOf, I.Error, [expected])) throw err;
      if (apply(expected, {}, [err]) === true) return;
      fail(err, expected, message, operator, 'The validation function is expected to return "true". Received ' + inspect(err));
    }
    if (tagOf(expected) === '[object RegExp]') {
      if (matches(expected, String(err))) return;
      fail(err, expected, message, operator, 'The input did not match the regular expression ' + String(expected) + '. Input: ' + inspect(String(err)));
    }
    var keys = keysOf(expected);
    if (expected instanceof I.Error) apply(push, keys, ['name', 'message']);
    apply(forEach, keys, [function (key) {
      var want = expected[key], got = err === null || err === undefined ? undefined : err[key];
      var ok = tagOf(want) === '[object RegExp]' && typeof got === 'string' ? matches(want, got) : isDeepEqual(got, want, true);
      if (!ok) fail(err, expected, message, operator, 'Expected values to be strictly deep-equal: ' + key + ': ' + inspect(got) + ' vs ' + inspect(want));
    }]);
  }

  /** RegExp test through the captured exec, as Node's assert does with its primordials. */
  function matches(re, text) { return apply(exec, re, [text]) !== null; }

  function splitArgs(expected, message) {
    return typeof expected === 'string' && message === undefined ? [undefined, expected] : [expected, message];
  }

  function throws(fn, expected, message) {
    if (typeof fn !== 'function') throw new TypeError('The "fn" argument must be of type function');
    var args = splitArgs(expected, message), threw = false, err;
    try { fn(); } catch (e) { threw = true; err = e; }
    if (!threw) fail(undefined, args[0], args[1], 'throws', 'Missing expected exception.');
    checkError(err, args[0], args[1], 'throws');
  }

  function doesNotThrow(fn, expected, message) {
    var args = splitArgs(expected, message);
    try { fn(); } catch (e) {
      fail(e, args[0], args[1], 'doesNotThrow', 'Got unwanted exception: ' + inspect(e && e.message));
    }
  }

  function settle(target) {
    var Promise = getPromise(), start = new Promise(function (resolve) { resolve(); });
    return apply(I.promiseThen, start, [function () { return typeof target === 'function' ? target() : target; }]);
  }

  function rejects(target, expected, message) {
    var args = splitArgs(expected, message);
    return settle(target).then(
      function () { fail(undefined, args[0], args[1], 'rejects', 'Missing expected rejection.'); },
      function (err) { checkError(err, args[0], args[1], 'rejects'); });
  }

  function doesNotReject(target, expected, message) {
    var args = splitArgs(expected, message);
    return settle(target).then(undefined, function (e) {
      fail(e, args[0], args[1], 'doesNotReject', 'Got unwanted rejection: ' + inspect(e && e.message));
    });
  }

  function pair(text, actual, expected) { return text + ': ' + inspect(actual) + ' vs ' + inspect(expected); }

  var checks = {
    ok: function (value, message) {
      if (!value) fail(value, true, message, '==', 'The expression evaluated to a falsy value: ' + inspect(value));
    },
    equal: function (a, b, message) {
      if (a != b && (a === a || b === b)) fail(a, b, message, '==', 'Expected values to be loosely equal: ' + inspect(a) + ' != ' + inspect(b));
    },
    notEqual: function (a, b, message) {
      if (a == b || (a !== a && b !== b)) fail(a, b, message, '!=', 'Expected "actual" to be loosely unequal to: ' + inspect(b));
    },
    strictEqual: function (a, b, message) {
      if (!objectIs(a, b)) fail(a, b, message, 'strictEqual', 'Expected values to be strictly equal: ' + inspect(a) + ' !== ' + inspect(b));
    },
    notStrictEqual: function (a, b, message) {
      if (objectIs(a, b)) fail(a, b, message, 'notStrictEqual', 'Expected "actual" to be strictly unequal to: ' + inspect(b));
    },
    deepEqual: function (a, b, message) {
      if (!isDeepEqual(a, b, false)) fail(a, b, message, 'deepEqual', pair('Expected values to be loosely deep-equal', a, b));
    },
    notDeepEqual: function (a, b, message) {
      if (isDeepEqual(a, b, false)) fail(a, b, message, 'notDeepEqual', 'Expected "actual" not to be loosely deep-equal to: ' + inspect(b));
    },
    deepStrictEqual: function (a, b, message) {
      if (!isDeepEqual(a, b, true)) fail(a, b, message, 'deepStrictEqual', pair('Expected values to be strictly deep-equal', a, b));
    },
    notDeepStrictEqual: function (a, b, message) {
      if (isDeepEqual(a, b, true)) fail(a, b, message, 'notDeepStrictEqual', 'Expected "actual" not to be strictly deep-equal to: ' + inspect(b));
    },
    match: function (s, re, message) {
      if (!matches(re, s)) fail(s, re, message, 'match', 'The input did not match the regular expression ' + String(re) + '. Input: ' + inspect(s));
    },
    doesNotMatch: function (s, re, message) {
      if (matches(re, s)) fail(s, re, message, 'doesNotMatch', 'The input was expected to not match the regular expression ' + String(re) + '. Input: ' + inspect(s));
    },
    ifError: function (value) {
      if (value !== null && value !== undefined) fail(value, null, undefined, 'ifError', 'ifError got unwanted exception: ' + inspect(value && value.message !== undefined ? value.message : value));
    },
    fail: function (message) {
      if (message instanceof I.Error) throw message;
      throw new AssertionError({ message: message === undefined ? 'Failed' : String(message), operator: 'fail', generatedMessage: message === undefined });
    },
    throws: throws, doesNotThrow: doesNotThrow, rejects: rejects, doesNotReject: doesNotReject,
    AssertionError: AssertionError
  };

  function makeModule(overrides) {
    var target = function assert(value, message) { checks.ok(value, message); };
    apply(forEach, keysOf(checks), [function (name) { target[name] = checks[name]; }]);
    apply(forEach, keysOf(overrides), [function (name) { target[name] = checks[overrides[name]]; }]);
    return target;
  }

  var assert = makeModule({});
  var strict = makeModule({ equal: 'strictEqual', notEqual: 'notStrictEqual', deepEqual: 'deepStrictEqual', notDeepEqual: 'notDeepStrictEqual' });
  assert.strict = strict;
  strict.strict = strict;
  freeze(assert);
  freeze(strict);
  return { assert: assert, isAssertionError: function (e) { return e instanceof AssertionError; } };
})`;
