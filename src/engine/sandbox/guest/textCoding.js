// @ts-check
/**
 * Factory (evaluated inside QuickJS on first use) of `TextEncoder`, `TextDecoder` (UTF-8
 * only, as WHATWG Encoding specifies it) and the byte/string codecs `Buffer` and `URL` are
 * built on. It runs after the program started, so every built-in it calls comes from the
 * prelude's `intrinsics` (captured before the program ran) and is called with `apply`.
 */
/** @satisfies {GuestFactories['textCoding']} */ (function (intrinsics) {
  'use strict';
  var I = intrinsics, apply = I.apply, U8 = I.Uint8Array, TypeError = I.TypeError;
  var fromCharCode = I.fromCharCode, charCodeAt = I.charCodeAt, String = I.String;
  var defineProperty = I.defineProperty;
  /** Code units per `String.fromCharCode` call: well under QuickJS's argument limit. */
  var CHUNK = 8192;

  /**
   * A Node-style error: `TypeError`/`RangeError` with Node's `code` property.
   * @param {ErrorConstructor} Type
   * @param {string} code
   * @param {string} message
   */
  function nodeError(Type, code, message) {
    var error = new Type(message);
    defineProperty(error, 'code', { value: code, writable: true, configurable: true });
    return error;
  }

  /**
   * How Node's messages name a value they refused: `type string ('x')`, `an instance of Object`.
   * @param {unknown} value
   */
  function received(value) {
    if (value == null) return ' Received ' + value;
    if (typeof value === 'function') return ' Received function ' + (value.name || '<anonymous>');
    if (typeof value === 'object') {
      var ctor = value.constructor;
      return ' Received ' + (ctor && ctor.name ? 'an instance of ' + ctor.name : 'an object');
    }
    var shown = typeof value === 'string'
      ? "'" + (value.length > 28 ? apply(I.stringSlice, value, [0, 25]) + '...' : value) + "'"
      : typeof value === 'symbol' ? 'Symbol()' : String(value) + (typeof value === 'bigint' ? 'n' : '');
    return ' Received type ' + typeof value + ' (' + shown + ')';
  }

  /**
   * `ERR_INVALID_ARG_TYPE`: `The "name" argument must be <expected>. Received …`.
   * @param {string} name
   * @param {string} expected
   * @param {unknown} value
   */
  function argTypeError(name, expected, value) {
    return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      (name[0] === 'T' ? name : 'The "' + name + '" argument') + ' must be ' + expected + '.' + received(value));
  }

  /** Collects UTF-16 code units and turns them into a string a chunk at a time. */
  function StringBuilder() {
    /** @type {number[]} */
    var units = [];
    var n = 0, text = '';
    return {
      /** @param {number} unit */
      unit: function (unit) {
        units[n++] = unit;
        if (n === CHUNK) this.flush();
      },
      /** @param {number} cp a code point, written as one or two units */
      point: function (cp) {
        if (cp > 0xFFFF) { cp -= 0x10000; this.unit(0xD800 | (cp >> 10)); cp = 0xDC00 | (cp & 0x3FF); }
        this.unit(cp);
      },
      flush: function () {
        units.length = n;
        if (n) text += apply(fromCharCode, undefined, units);
        n = 0;
      },
      done: function () { this.flush(); return text; }
    };
  }

  /**
   * The Unicode code point at `i` of `s`, a lone surrogate as U+FFFD; `size` of the last read
   * (1 or 2 units) lands in `step[0]`.
   * @param {string} s
   * @param {number} i
   * @param {number[]} step
   */
  function pointAt(s, i, step) {
    var c = apply(charCodeAt, s, [i]);
    step[0] = 1;
    if (c >= 0xD800 && c <= 0xDFFF) {
      var d = c <= 0xDBFF && i + 1 < s.length ? apply(charCodeAt, s, [i + 1]) : 0;
      if (d < 0xDC00 || d > 0xDFFF) return 0xFFFD;
      step[0] = 2;
      return 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
    }
    return c;
  }

  /** @param {number} cp */
  function utf8Size(cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

  /**
   * Bytes of `s` in UTF-8 (lone surrogates count as U+FFFD).
   * @param {string} s
   */
  function utf8Length(s) {
    var step = [1], total = 0;
    for (var i = 0; i < s.length; i += step[0]) total += utf8Size(pointAt(s, i, step));
    return total;
  }

  /**
   * Writes `s` as UTF-8 into `bytes[offset, end)`, whole characters only.
   * @param {string} s
   * @param {Uint8Array} bytes
   * @param {number} offset
   * @param {number} end
   * @returns {number[]} [units read, bytes written]
   */
  function utf8Write(s, bytes, offset, end) {
    var step = [1], at = offset, i = 0;
    for (; i < s.length; i += step[0]) {
      var cp = pointAt(s, i, step), size = utf8Size(cp);
      if (at + size > end) break;
      if (size === 1) { bytes[at++] = cp; continue; }
      var shift = 6 * (size - 1);
      bytes[at++] = (0xF0 << (4 - size)) & 0xFF | (cp >> shift);
      while ((shift -= 6) >= 0) bytes[at++] = 0x80 | ((cp >> shift) & 0x3F);
    }
    return [i, at - offset];
  }

  /**
   * A UTF-8 decoder (WHATWG: one U+FFFD per maximal ill-formed subsequence, as Node and V8
   * do). `decode` may be called repeatedly; an unfinished sequence waits for the next call
   * unless `flush` is set. `fatal` throws on the first error instead.
   * @param {boolean} fatal
   */
  function Utf8Decoder(fatal) {
    var cp = 0, need = 0, seen = 0, lower = 0x80, upper = 0xBF;
    function error() {
      if (fatal) throw nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding utf-8');
      return 0xFFFD;
    }
    return {
      /**
       * @param {Uint8Array} bytes
       * @param {number} start
       * @param {number} end
       * @param {boolean} flush
       * @param {ReturnType<typeof StringBuilder>} out
       */
      decode: function (bytes, start, end, flush, out) {
        for (var i = start; i < end; i++) {
          var b = bytes[i];
          if (need === 0) {
            if (b < 0x80) out.unit(b);
            else if (b >= 0xC2 && b <= 0xDF) { need = 1; cp = b & 0x1F; }
            else if (b >= 0xE0 && b <= 0xEF) { need = 2; cp = b & 0xF; if (b === 0xE0) lower = 0xA0; if (b === 0xED) upper = 0x9F; }
            else if (b >= 0xF0 && b <= 0xF4) { need = 3; cp = b & 7; if (b === 0xF0) lower = 0x90; if (b === 0xF4) upper = 0x8F; }
            else out.unit(error());
            continue;
          }
          if (b < lower || b > upper) {
            cp = need = seen = 0; lower = 0x80; upper = 0xBF;
            out.unit(error());
            i--; // The byte that broke the sequence may start the next one.
            continue;
          }
          lower = 0x80; upper = 0xBF;
          cp = (cp << 6) | (b & 0x3F);
          if (++seen === need) { out.point(cp); cp = need = seen = 0; }
        }
        if (flush && need) { cp = need = seen = 0; lower = 0x80; upper = 0xBF; out.unit(error()); }
      }
    };
  }

  /**
   * UTF-8 bytes `[start, end)` as a string, ill-formed sequences replaced.
   * @param {Uint8Array} bytes
   * @param {number} start
   * @param {number} end
   */
  function utf8Decode(bytes, start, end) {
    var out = StringBuilder();
    Utf8Decoder(false).decode(bytes, start, end, true, out);
    return out.done();
  }

  /**
   * Bytes `[start, end)` one character each (latin1), masked with `mask` (0x7F for ascii).
   * @param {Uint8Array} bytes
   * @param {number} start
   * @param {number} end
   * @param {number} mask
   */
  function byteDecode(bytes, start, end, mask) {
    var out = StringBuilder();
    for (var i = start; i < end; i++) out.unit(bytes[i] & mask);
    return out.done();
  }

  /**
   * A Uint8Array over the bytes of an ArrayBuffer or ArrayBuffer view, or undefined.
   * Brand checks use the captured getters, which throw on anything else.
   * @param {unknown} value
   * @returns {Uint8Array | undefined}
   */
  function bytesOf(value) {
    if (value === null || typeof value !== 'object') return undefined;
    try { apply(I.arrayBufferLength, value, []); return new U8(/** @type {ArrayBuffer} */ (value)); } catch (e) { /* not an ArrayBuffer */ }
    if (!I.isView(value)) return undefined;
    if (apply(I.typedTag, value, []) === undefined) {
      return new U8(apply(I.viewBuffer, value, []), apply(I.viewOffset, value, []), apply(I.viewLength, value, []));
    }
    return new U8(apply(I.typedBuffer, value, []), apply(I.typedOffset, value, []), apply(I.typedByteLength, value, []));
  }

  /**
   * @param {unknown} value
   * @returns {value is Uint8Array}
   */
  function isUint8Array(value) { return I.isView(value) && apply(I.typedTag, value, []) === 'Uint8Array'; }

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    /** @param {unknown} [input] */
    encode(input) {
      var s = input === undefined ? '' : String(input), bytes = new U8(utf8Length(s));
      utf8Write(s, bytes, 0, bytes.length);
      return bytes;
    }
    /**
     * @param {unknown} source
     * @param {Uint8Array} dest
     */
    encodeInto(source, dest) {
      if (!isUint8Array(dest)) throw argTypeError('dest', 'an instance of Uint8Array', dest);
      var done = utf8Write(String(source), dest, 0, apply(I.typedLength, dest, []));
      return { read: done[0], written: done[1] };
    }
  }

  /** WHATWG labels of UTF-8 (the only encoding this TextDecoder decodes). */
  var UTF8_LABELS = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'];

  class TextDecoder {
    #fatal; #ignoreBOM; #decoder; #fresh = true;
    /**
     * @param {unknown} [label]
     * @param {{ fatal?: boolean, ignoreBOM?: boolean }} [options]
     */
    constructor(label, options) {
      var name = label === undefined ? 'utf-8' : apply(I.toLowerCase, apply(I.trim, String(label), []), []);
      if (apply(I.indexOf, UTF8_LABELS, [name]) < 0) {
        throw nodeError(I.RangeError, 'ERR_ENCODING_NOT_SUPPORTED', 'The "' + String(label) + '" encoding is not supported');
      }
      this.#fatal = !!(options && options.fatal);
      this.#ignoreBOM = !!(options && options.ignoreBOM);
      this.#decoder = Utf8Decoder(this.#fatal);
    }
    get encoding() { return 'utf-8'; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    /**
     * @param {unknown} [input]
     * @param {{ stream?: boolean }} [options]
     */
    decode(input, options) {
      var bytes = input === undefined ? new U8(0) : bytesOf(input);
      if (!bytes) {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "input" argument must be an instance of ArrayBuffer or ArrayBufferView.' + received(input));
      }
      var stream = !!(options && options.stream), out = StringBuilder();
      try {
        this.#decoder.decode(bytes, 0, bytes.length, !stream, out);
      } catch (error) {
        this.#fresh = true; this.#decoder = Utf8Decoder(this.#fatal);
        throw error;
      }
      var text = out.done();
      // The BOM is dropped once per stream, wherever its bytes fell between calls.
      if (this.#fresh && text.length) {
        this.#fresh = false;
        if (!this.#ignoreBOM && apply(charCodeAt, text, [0]) === 0xFEFF) text = apply(I.stringSlice, text, [1]);
      }
      if (!stream) { this.#fresh = true; this.#decoder = Utf8Decoder(this.#fatal); }
      return text;
    }
  }

  defineProperty(TextEncoder.prototype, I.toStringTag, { value: 'TextEncoder', configurable: true });
  defineProperty(TextDecoder.prototype, I.toStringTag, { value: 'TextDecoder', configurable: true });

  return {
    TextEncoder: TextEncoder, TextDecoder: TextDecoder,
    nodeError: nodeError, argTypeError: argTypeError, received: received, StringBuilder: StringBuilder,
    pointAt: pointAt, utf8Length: utf8Length, utf8Write: utf8Write, utf8Decode: utf8Decode,
    byteDecode: byteDecode, bytesOf: bytesOf, isUint8Array: isUint8Array
  };
});
