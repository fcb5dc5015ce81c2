// @ts-check
/**
 * Lazy module `deepEqual`, evaluated inside QuickJS: `(intrinsics) => isDeepEqual(a, b,
 * strict)`, the comparison behind the assert module's `deepEqual` (loose: primitives compared
 * with `==`, prototypes ignored) and `deepStrictEqual` (Object.is, same prototypes, symbol
 * keys), following Node 20's `isDeepEqual`/`isDeepStrictEqual`. Compiled after the program
 * started, so every built-in comes from the prelude's `intrinsics` and is called with `apply`.
 * Compared values are typed `any`: they are the program's, of any shape, and are read
 * duck-typed once their kind is known.
 */
/** @satisfies {GuestFactories['deepEqual']} */ (function (intrinsics) {
  'use strict';
  var I = intrinsics, apply = I.apply, keysOf = I.keys, getProto = I.getPrototypeOf;
  var objectIs = I.is, isArray = I.isArray, ownSymbols = I.ownSymbols;
  var isView = I.isView, toTag = I.toTag, hasOwn = I.hasOwn, isEnumerable = I.isEnumerable;
  var push = I.push, splice = I.splice, findIndex = I.findIndex, filter = I.filter, regExpText = I.regExpToString;

  /** @param {unknown} value */
  function tagOf(value) { return apply(toTag, value, []); }

  /**
   * @param {any} a
   * @param {any} b
   * @param {boolean} strict
   * @param {unknown[]} memo pairs (a, b) being compared further up, for cycles
   * @returns {boolean}
   */
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

  /**
   * @param {any} a
   * @param {any} b
   * @param {string} tag
   * @param {boolean} strict
   * @param {unknown[]} memo
   */
  function sameShape(a, b, tag, strict, memo) {
    if (isArray(a)) return a.length === b.length;
    // URLs keep their state in private fields: Node compares them by href.
    var href = I.urlHref(a);
    if (href !== undefined) return href === I.urlHref(b);
    if (tag === '[object Date]') return apply(I.getTime, a, []) === apply(I.getTime, b, []);
    if (tag === '[object RegExp]') return apply(regExpText, a, []) === apply(regExpText, b, []) && a.lastIndex === b.lastIndex;
    if (a instanceof I.Error) return sameError(a, b, strict, memo);
    if (apply(hasOwn, I.valueOf, [tag])) return objectIs(apply(I.valueOf[tag], a, []), apply(I.valueOf[tag], b, []));
    if (tag === '[object ArrayBuffer]') return sameItems(new I.Uint8Array(a), new I.Uint8Array(b), true);
    if (tag === '[object DataView]') return sameBytes(a, b);
    if (isView(a)) return sameItems(a, b, strict);
    if (tag === '[object Map]' || tag === '[object Set]') return sameEntries(a, b, tag, strict, memo);
    return true;
  }

  /**
   * Typed arrays of the same kind hold the same items. Loosely, items compare with `!=`
   * (so NaN differs from NaN in a float array, and 0 equals -0), as in Node; strictly, with
   * Object.is (Node compares bytes, which differs only for NaNs of different bit patterns).
   * @param {any} a
   * @param {any} b
   * @param {boolean} strict
   */
  function sameItems(a, b, strict) {
    var length = apply(I.typedLength, a, []);
    if (length !== apply(I.typedLength, b, [])) return false;
    for (var i = 0; i < length; i++) if (strict ? !objectIs(a[i], b[i]) : a[i] != b[i]) return false;
    return true;
  }

  /**
   * DataViews hold the same bytes.
   * @param {DataView} a
   * @param {DataView} b
   */
  function sameBytes(a, b) {
    var length = apply(I.viewLength, a, []);
    if (length !== apply(I.viewLength, b, [])) return false;
    for (var i = 0; i < length; i++) if (apply(I.getUint8, a, [i]) !== apply(I.getUint8, b, [i])) return false;
    return true;
  }

  /**
   * Node compares an error's `message` and `name` (with ===) and its `cause` and `errors`
   * (deeply), unless they are enumerable: then they are compared as keys.
   * @param {any} a
   * @param {any} b
   * @param {boolean} strict
   * @param {unknown[]} memo
   */
  function sameError(a, b, strict, memo) {
    var fields = ['message', 'name', 'cause', 'errors'];
    for (var i = 0; i < fields.length; i++) {
      var key = fields[i], enumerable = apply(isEnumerable, a, [key]);
      if (enumerable !== apply(isEnumerable, b, [key])) return false;
      if (!enumerable && !(i < 2 ? a[key] === b[key] : deepEq(a[key], b[key], strict, memo))) return false;
    }
    return true;
  }

  /**
   * Sets and Maps hold the same entries, paired off as Node pairs them: an entry whose key is
   * in both (SameValueZero, as `has`) pairs with that one, unless the key is an object in a
   * Map; then each other entry of `b`, in order, takes the first other entry of `a` it is
   * deep-equal to. The order matters loosely, where == is not transitive (0 == '' and
   * 0 == '0', but '' != '0').
   * @param {any} a
   * @param {any} b
   * @param {string} tag
   * @param {boolean} strict
   * @param {unknown[]} memo
   */
  function sameEntries(a, b, tag, strict, memo) {
    var isMap = tag === '[object Map]', left = entriesOf(a, isMap), right = entriesOf(b, isMap), i, j;
    if (left.length !== right.length) return false;
    /** @type {[unknown, unknown][]} */
    var rest = [];
    for (i = 0; i < left.length; i++) {
      j = sameKey(right, left[i][0], isMap);
      if (j >= 0 && (!isMap || deepEq(left[i][1], right[j][1], strict, memo))) continue;
      if (strict && (left[i][0] === null || typeof left[i][0] !== 'object')) return false;
      apply(push, rest, [left[i]]);
    }
    if (rest.length === 0) return true;
    for (i = 0; i < right.length; i++) {
      var entry = right[i];
      j = sameKey(left, entry[0], isMap);
      if (j >= 0 && (!isMap || deepEq(left[j][1], entry[1], strict, memo))) continue;
      var index = apply(findIndex, rest, [function (/** @type {[unknown, unknown]} */ candidate) {
        return deepEq(candidate[0], entry[0], strict, memo) && (!isMap || deepEq(candidate[1], entry[1], strict, memo));
      }]);
      if (index < 0) return false;
      apply(splice, rest, [index, 1]);
    }
    return rest.length === 0;
  }

  /**
   * A Set's values or a Map's entries, as [key, value] pairs (a Set's value is its key).
   * @param {any} collection
   * @param {boolean} isMap
   * @returns {[unknown, unknown][]}
   */
  function entriesOf(collection, isMap) {
    /** @type {[unknown, unknown][]} */
    var list = [];
    apply(isMap ? I.mapForEach : I.setForEach, collection, [function (/** @type {unknown} */ value, /** @type {unknown} */ key) {
      apply(push, list, [[key, value]]);
    }]);
    return list;
  }

  /**
   * Index of the entry of `list` whose key is `key` (SameValueZero), -1 if none; in a Map,
   * object keys never match here (Node pairs them by deep equality only).
   * @param {[unknown, unknown][]} list
   * @param {unknown} key
   * @param {boolean} isMap
   */
  function sameKey(list, key, isMap) {
    if (isMap && key !== null && typeof key === 'object') return -1;
    for (var i = 0; i < list.length; i++) if (list[i][0] === key || (list[i][0] !== list[i][0] && key !== key)) return i;
    return -1;
  }

  /**
   * @param {any} a
   * @param {any} b
   * @param {boolean} strict
   * @param {unknown[]} memo
   */
  function sameKeys(a, b, strict, memo) {
    var ka = keysOf(a), kb = keysOf(b), i;
    if (ka.length !== kb.length) return false;
    for (i = 0; i < ka.length; i++) {
      if (!apply(hasOwn, b, [ka[i]]) || !apply(isEnumerable, b, [ka[i]])) return false;
    }
    if (strict) {
      var sa = apply(filter, ownSymbols(a), [function (/** @type {symbol} */ s) { return apply(isEnumerable, a, [s]); }]);
      var sb = apply(filter, ownSymbols(b), [function (/** @type {symbol} */ s) { return apply(isEnumerable, b, [s]); }]);
      if (sa.length !== sb.length) return false;
      for (i = 0; i < sa.length; i++) {
        if (!apply(isEnumerable, b, [sa[i]]) || !deepEq(a[sa[i]], b[sa[i]], strict, memo)) return false;
      }
    }
    for (i = 0; i < ka.length; i++) if (!deepEq(a[ka[i]], b[ka[i]], strict, memo)) return false;
    return true;
  }

  /**
   * @param {unknown} a
   * @param {unknown} b
   * @param {boolean} strict
   */
  return function isDeepEqual(a, b, strict) { return deepEq(a, b, strict, []); };
});
