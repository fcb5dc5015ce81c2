// @ts-check
/**
 * Lazy module `urlSearchParams`, evaluated inside QuickJS: WHATWG `URLSearchParams` and the
 * application/x-www-form-urlencoded parser and serialiser, `(intrinsics, text) => { URLSearchParams,
 * parse, attach }`. `url.js` links a URL's `searchParams` with `attach` (the params report each
 * change of their list back to the URL); a program that only uses URLSearchParams compiles
 * no URL parser, and one that never touches `searchParams` compiles none of this. Parsing
 * follows Node 20, including its decoding of text that mixes escapes with raw non-ASCII
 * characters. Like the other lazy modules it calls only built-ins from `intrinsics`.
 */
/** @satisfies {GuestFactories['urlSearchParams']} */ (function (intrinsics, text) {
  'use strict';
  var I = intrinsics, apply = I.apply, String = I.String, TypeError = I.TypeError;
  var charCodeAt = I.charCodeAt, stringSlice = I.stringSlice, U8 = I.Uint8Array, nodeError = text.nodeError;
  var HEX = '0123456789ABCDEF';

  /** The string as a USVString: lone surrogates replaced by U+FFFD. @param {unknown} value */
  function usv(value) {
    var s = String(value), out = '', step = [1];
    for (var i = 0; i < s.length; i += step[0]) {
      var cp = text.pointAt(s, i, step);
      out += cp === 0xFFFD ? '\uFFFD' : apply(stringSlice, s, [i, i + step[0]]);
    }
    return out;
  }
  /** @param {number} c */
  function hexValue(c) { return c >= 48 && c <= 57 ? c - 48 : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1; }
  /** A valid `%XX` escape starts at `i`. @param {string} s @param {number} i */
  function escapeAt(s, i) {
    return i + 2 < s.length && hexValue(apply(charCodeAt, s, [i + 1])) >= 0 && hexValue(apply(charCodeAt, s, [i + 2])) >= 0;
  }
  /**
   * A name or value of a form-encoded string, decoded as Node 20's URLSearchParams does:
   * `+` is a space; with a valid escape, decodeURIComponent, and where that throws, every
   * other code unit counts as one byte (its low byte), so raw non-ASCII text next to an
   * invalid escape decodes differently from the URL Standard.
   * @param {string} s
   */
  function formDecode(s) {
    var plain = '', escaped = false;
    for (var i = 0; i < s.length; i++) {
      plain += s[i] === '+' ? ' ' : s[i];
      if (s[i] === '%' && escapeAt(s, i)) escaped = true;
    }
    if (!escaped) return plain;
    try { return apply(I.decodeURIComponent, undefined, [plain]); } catch (e) { /* Node falls back to bytes */ }
    var bytes = new U8(plain.length), n = 0;
    for (i = 0; i < plain.length; i++) {
      if (plain[i] === '%' && escapeAt(plain, i)) {
        bytes[n++] = hexValue(apply(charCodeAt, plain, [i + 1])) * 16 + hexValue(apply(charCodeAt, plain, [i + 2]));
        i += 2;
      } else bytes[n++] = apply(charCodeAt, plain, [i]);
    }
    return text.utf8Decode(bytes, 0, n);
  }

  // application/x-www-form-urlencoded
  /**
   * @param {string} query
   * @returns {string[][]}
   */
  function parseForm(query) {
    /** @type {string[][]} */
    var list = [];
    var start = 0;
    for (var i = 0; i <= query.length; i++) {
      if (i < query.length && query[i] !== '&') continue;
      if (i > start) {
        var pair = apply(stringSlice, query, [start, i]), eq = apply(I.stringIndexOf, pair, ['=']);
        list[list.length] = eq < 0
          ? [formDecode(pair), '']
          : [formDecode(apply(stringSlice, pair, [0, eq])), formDecode(apply(stringSlice, pair, [eq + 1]))];
      }
      start = i + 1;
    }
    return list;
  }
  /**
   * `s` form-encoded: its UTF-8 bytes, alphanumerics and `*-._` as they are, space as '+',
   * anything else as `%XX`.
   * @param {string} s
   */
  function formEncode(s) {
    var bytes = new U8(3 * s.length), n = text.utf8Write(s, bytes, 0, bytes.length)[1], out = '';
    for (var i = 0; i < n; i++) {
      var b = bytes[i];
      if (b === 32) out += '+';
      else if ((b | 32) >= 97 && (b | 32) <= 122 || (b >= 48 && b <= 57) || b === 42 || b === 45 || b === 46 || b === 95) out += I.fromCharCode(b);
      else out += '%' + HEX[b >> 4] + HEX[b & 15];
    }
    return out;
  }
  /** @param {string[][]} list */
  function serializeForm(list) {
    var out = '';
    for (var i = 0; i < list.length; i++) out += (i ? '&' : '') + formEncode(list[i][0]) + '=' + formEncode(list[i][1]);
    return out;
  }

  /** @type {(params: URLSearchParams, onUpdate: (query: string) => void, list: string[][]) => void} */
  var attach;
  /** @type {(params: URLSearchParams) => string[][]} */
  var listOf;

  class URLSearchParams {
    /** @type {string[][]} */
    #list = [];
    /** Tells the URL this object belongs to its new query. @type {((query: string) => void) | null} */
    #onUpdate = null;
    /** @param {unknown} [init] */
    constructor(init) {
      if (init === undefined || init === null) return;
      if (typeof init === 'object' || typeof init === 'function') {
        var source = /** @type {any} */ (init), method = source[I.iterator];
        if (method !== undefined && method !== null) {
          if (typeof method !== 'function') throw nodeError(TypeError, 'ERR_ARG_NOT_ITERABLE', 'Query pairs must be iterable');
          for (var pair of source) {
            if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[I.iterator] !== 'function') throw badTuple();
            /** @type {string[]} */
            var items = [];
            for (var item of pair) items[items.length] = usv(item);
            if (items.length !== 2) throw badTuple();
            this.#list[this.#list.length] = items;
          }
        } else {
          var keys = I.keys(source);
          for (var i = 0; i < keys.length; i++) this.#list[this.#list.length] = [usv(keys[i]), usv(source[keys[i]])];
        }
        return;
      }
      var query = usv(init);
      this.#list = parseForm(query[0] === '?' ? apply(stringSlice, query, [1]) : query);
    }
    static {
      attach = function (params, onUpdate, list) { params.#onUpdate = onUpdate; params.#list = list; };
      listOf = function (params) { return params.#list; };
    }
    /** Writes the list back to the linked URL's query. */
    #update() { if (this.#onUpdate) this.#onUpdate(serializeForm(this.#list)); }
    get size() { return this.#list.length; }
    /** @param {unknown} name @param {unknown} value */
    append(name, value) {
      if (arguments.length < 2) throw missingArgs('"name" and "value" arguments');
      this.#list[this.#list.length] = [usv(name), usv(value)];
      this.#update();
    }
    /** @param {unknown} name @param {unknown} [value] */
    delete(name, value) {
      if (arguments.length < 1) throw missingArgs('"name" argument');
      var key = usv(name), only = value !== undefined ? usv(value) : undefined, kept = [];
      for (var i = 0; i < this.#list.length; i++) {
        var entry = this.#list[i];
        if (entry[0] !== key || (only !== undefined && entry[1] !== only)) kept[kept.length] = entry;
      }
      this.#list = kept;
      this.#update();
    }
    /** @param {unknown} name */
    get(name) {
      if (arguments.length < 1) throw missingArgs('"name" argument');
      var key = usv(name);
      for (var i = 0; i < this.#list.length; i++) if (this.#list[i][0] === key) return this.#list[i][1];
      return null;
    }
    /** @param {unknown} name */
    getAll(name) {
      if (arguments.length < 1) throw missingArgs('"name" argument');
      /** @type {string[]} */
      var values = [];
      var key = usv(name);
      for (var i = 0; i < this.#list.length; i++) if (this.#list[i][0] === key) values[values.length] = this.#list[i][1];
      return values;
    }
    /** @param {unknown} name @param {unknown} [value] */
    has(name, value) {
      if (arguments.length < 1) throw missingArgs('"name" argument');
      var key = usv(name), only = value !== undefined ? usv(value) : undefined;
      for (var i = 0; i < this.#list.length; i++) {
        if (this.#list[i][0] === key && (only === undefined || this.#list[i][1] === only)) return true;
      }
      return false;
    }
    /** @param {unknown} name @param {unknown} value */
    set(name, value) {
      if (arguments.length < 2) throw missingArgs('"name" and "value" arguments');
      var key = usv(name), text = usv(value), kept = [], found = false;
      for (var i = 0; i < this.#list.length; i++) {
        var entry = this.#list[i];
        if (entry[0] !== key) kept[kept.length] = entry;
        else if (!found) { found = true; kept[kept.length] = [key, text]; }
      }
      if (!found) kept[kept.length] = [key, text];
      this.#list = kept;
      this.#update();
    }
    /** Stable sort by name, in UTF-16 code units (an insertion sort: the lists are short). */
    sort() {
      var list = this.#list;
      for (var i = 1; i < list.length; i++) {
        for (var j = i, entry = list[i]; j > 0 && list[j - 1][0] > entry[0]; j--) list[j] = list[j - 1];
        list[j] = entry;
      }
      this.#update();
    }
    /** @param {Function} callback @param {unknown} [thisArg] */
    forEach(callback, thisArg) {
      if (typeof callback !== 'function') throw text.argTypeError('callback', 'of type function', callback);
      for (var i = 0; i < this.#list.length; i++) apply(callback, thisArg, [this.#list[i][1], this.#list[i][0], this]);
    }
    keys() { return new ParamsIterator(this, 0); }
    values() { return new ParamsIterator(this, 1); }
    entries() { return new ParamsIterator(this, 2); }
    toString() { return serializeForm(this.#list); }
  }

  /** A live iterator over a URLSearchParams list (as WebIDL's pair iterators are). */
  class ParamsIterator {
    #params; #kind; #index = 0;
    /** @param {URLSearchParams} params @param {number} kind 0 keys, 1 values, 2 entries */
    constructor(params, kind) { this.#params = params; this.#kind = kind; }
    next() {
      var list = listOf(this.#params);
      if (this.#index >= list.length) return { value: undefined, done: true };
      var entry = list[this.#index++];
      return { value: this.#kind === 2 ? [entry[0], entry[1]] : entry[this.#kind], done: false };
    }
  }
  /** @param {string} what */
  function missingArgs(what) { return nodeError(TypeError, 'ERR_MISSING_ARGS', 'The ' + what + ' must be specified'); }
  function badTuple() { return nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple'); }

  var iterate = URLSearchParams.prototype.entries;
  I.defineProperty(URLSearchParams.prototype, I.iterator, { value: iterate, writable: true, configurable: true });
  I.defineProperty(ParamsIterator.prototype, I.iterator, { value: function () { return this; }, writable: true, configurable: true });
  I.defineProperty(ParamsIterator.prototype, I.toStringTag, { value: 'URLSearchParams Iterator', configurable: true });
  I.defineProperty(URLSearchParams.prototype, I.toStringTag, { value: 'URLSearchParams', configurable: true });
  return { URLSearchParams: URLSearchParams, parse: parseForm, attach: attach };
});
