// @ts-check
/**
 * Lazy module `inspect`, evaluated inside QuickJS: `() => inspect`, where `inspect(value)` is a
 * short one-line rendering of any value for assertion messages and console output. It
 * captures the built-ins it uses before the program runs, so a program cannot change how its
 * values are reported.
 */
/** @satisfies {GuestFactories['inspect']} */ (function () {
  'use strict';
  var apply = Reflect.apply, keysOf = Object.keys, isArray = Array.isArray, objectIs = Object.is;
  var stringify = JSON.stringify, toTag = Object.prototype.toString;
  var symbolToString = Symbol.prototype.toString, dateToIso = Date.prototype.toISOString;
  var MAX_ITEMS = 20, MAX_DEPTH = 2;

  /**
   * @param {((depth: number) => string)[]} list renders each item at a depth
   * @param {number} depth
   */
  function items(list, depth) {
    var parts = [];
    for (var i = 0; i < list.length && i < MAX_ITEMS; i++) parts.push(list[i](depth + 1));
    if (list.length > MAX_ITEMS) parts.push('...');
    return parts.join(', ');
  }

  /**
   * @param {any} value an object of the program's, read as it is (duck-typed)
   * @param {number} depth
   * @returns {string}
   */
  function renderObject(value, depth) {
    var tag = apply(toTag, value, []);
    if (tag === '[object Date]') { try { return apply(dateToIso, value, []); } catch (e) { return 'Invalid Date'; } }
    if (tag === '[object RegExp]' || tag === '[object Error]') return String(value);
    if (depth > MAX_DEPTH) return isArray(value) ? '[Array]' : '[Object]';
    if (isArray(value)) {
      return '[' + items(value.map(function (v) { return function (/** @type {number} */ d) { return inspect(v, d); }; }), depth) + ']';
    }
    if (tag === '[object Map]' || tag === '[object Set]') return tag.slice(8, -1) + '(' + value.size + ')';
    var keys = keysOf(value);
    return '{' + items(keys.map(function (k) {
      return function (/** @type {number} */ d) { return k + ': ' + inspect(value[k], d); };
    }), depth) + '}';
  }

  /**
   * @param {unknown} value
   * @param {number} [depth] nesting level of `value` (0: the value itself)
   * @returns {string}
   */
  function inspect(value, depth) {
    depth = depth || 0;
    switch (typeof value) {
      case 'string': return stringify(value);
      case 'number': return objectIs(value, -0) ? '-0' : String(value);
      case 'bigint': return String(value) + 'n';
      case 'boolean': case 'undefined': return String(value);
      case 'symbol': return apply(symbolToString, value, []);
      case 'function': return '[Function: ' + (value.name || '(anonymous)') + ']';
    }
    if (value === null) return 'null';
    try { return renderObject(value, depth); } catch (e) { return '[object]'; }
  }
  return inspect;
});
