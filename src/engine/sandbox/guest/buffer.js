// @ts-check
/**
 * Factory (evaluated inside QuickJS on first use) of Node's `Buffer`: a Uint8Array subclass
 * with Node 20's encodings (utf8, ucs2/utf16le, latin1/binary, ascii, hex, base64,
 * base64url), its static and instance API and its error types and codes. Pure JavaScript:
 * no host access. Like the assert module it runs after the program started, so it calls only
 * built-ins captured in `intrinsics` before the program ran (replacing
 * `Uint8Array.prototype.set` or `String.fromCharCode` cannot change what it computes).
 */
/** @satisfies {GuestFactories['buffer']} */ (function (intrinsics, text, numbers) {
  'use strict';
  var I = intrinsics, apply = I.apply, U8 = I.Uint8Array, floor = I.floor;
  var String = I.String, Number = I.Number, TypeError = I.TypeError, RangeError = I.RangeError;
  var charCodeAt = I.charCodeAt, nodeError = text.nodeError, argTypeError = text.argTypeError;
  var isUint8Array = text.isUint8Array, StringBuilder = text.StringBuilder;
  var K_MAX_LENGTH = 4294967296;

  /** @param {any} b */
  function lengthOf(b) { return apply(I.typedLength, b, []); }
  /**
   * A view of `b`'s memory (no copy), `length` bytes from `start`.
   * @param {Uint8Array} b
   * @param {number} start
   * @param {number} length
   */
  function view(b, start, length) { return new U8(apply(I.typedBuffer, b, []), apply(I.typedOffset, b, []) + start, length); }
  /**
   * Copies `source` into `target` at `offset` (overlap-safe, as TypedArray#set is).
   * @param {Uint8Array} target
   * @param {Uint8Array} source
   * @param {number} offset
   */
  function put(target, source, offset) { apply(I.typedSet, target, [source, offset]); }

  /**
   * A value as Node's messages show it.
   * @param {any} value
   */
  function shown(value) {
    if (typeof value === 'string') return "'" + value + "'";
    if (isUint8Array(value)) return isBuffer(value) ? '<Buffer >' : 'Uint8Array(0) []'; // only empty ones are refused
    if (value === 0 && 1 / value < 0) return '-0';
    var s = String(value), i = s.length, start = s[0] === '-' ? 1 : 0, out = '';
    if (typeof value === 'bigint' || (floor(value) === value && value - value === 0 && (value > 4294967296 || value < -4294967296))) {
      if (typeof value !== 'bigint' || value > 4294967296n || value < -4294967296n) {
        for (; i >= start + 4; i -= 3) out = '_' + apply(I.stringSlice, s, [i - 3, i]) + out;
      }
      return apply(I.stringSlice, s, [0, i]) + out + (typeof value === 'bigint' ? 'n' : '');
    }
    return s;
  }
  /**
   * @param {string} name
   * @param {string} range
   * @param {unknown} value
   */
  function outOfRange(name, range, value) {
    return nodeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + shown(value));
  }
  /** @param {string} [name] */
  function outOfBounds(name) {
    return nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', name ? '"' + name + '" is outside of buffer bounds' : 'Attempt to access memory outside buffer bounds');
  }
  /** @param {unknown} encoding */
  function unknownEncoding(encoding) { return nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + String(encoding)); }
  /**
   * @param {unknown} value
   * @param {string} name
   */
  function checkNumber(value, name) {
    if (typeof value !== 'number') throw argTypeError(name, 'of type number', value);
  }
  /**
   * Node's validateOffset: an integer in `[min, max]`.
   * @param {unknown} value
   * @param {string} name
   * @param {number} [max]
   */
  function checkOffset(value, name, max) {
    checkNumber(value, name);
    var n = /** @type {number} */ (value), top = max === undefined ? K_MAX_LENGTH : max;
    if (floor(n) !== n || n - n !== 0) throw outOfRange(name, 'an integer', n);
    if (n < 0 || n > top) throw outOfRange(name, '>= 0 && <= ' + top, n);
    return n;
  }
  /**
   * Bounds of a fixed-size read or write of `size` bytes at `offset`.
   * @param {Uint8Array} b
   * @param {unknown} offset
   * @param {number} size
   */
  function checkAccess(b, offset, size) {
    checkNumber(offset, 'offset');
    var n = /** @type {number} */ (offset), last = lengthOf(b) - size;
    if (floor(n) !== n) throw outOfRange('offset', 'an integer', n);
    if (n < 0 || n > last) throw last < 0 ? outOfBounds() : outOfRange('offset', '>= 0 and <= ' + last, n);
    return n;
  }
  /**
   * A byteLength argument of the variable-size readers/writers: 1 to 6.
   * @param {unknown} size
   */
  function checkSize(size) {
    checkNumber(size, 'byteLength');
    var n = /** @type {number} */ (size);
    if (floor(n) !== n) throw outOfRange('byteLength', 'an integer', n);
    if (n < 1 || n > 6) throw outOfRange('byteLength', '>= 1 and <= 6', n);
    return n;
  }

  // Encodings: each knows its byte length for a string, how to write a string into bytes
  // (returning the bytes written, never past `end`) and how to read bytes back.
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var HEX = '0123456789abcdef';
  /** Sextet of each character code below 128 (both alphabets), 64 if none. */
  var SEXTET = new U8(128);
  for (var k = 0; k < 128; k++) SEXTET[k] = 64;
  for (k = 0; k < 64; k++) { SEXTET[apply(charCodeAt, B64, [k])] = k; SEXTET[apply(charCodeAt, B64URL, [k])] = k; }

  /** @param {number} c a code unit, of which Node reads only the low byte */
  function nibble(c) { c &= 0xFF; return c >= 48 && c <= 57 ? c - 48 : (c |= 32) >= 97 && c <= 102 ? c - 87 : -1; }

  /**
   * @typedef {{
   *   length(s: string): number,
   *   write(s: string, b: Uint8Array, at: number, end: number): number,
   *   read(b: Uint8Array, start: number, end: number): string,
   *   unit?: number
   * }} Encoding
   */
  /**
   * @param {string} s
   * @param {Uint8Array} b
   * @param {number} at
   * @param {number} end
   */
  function writeBytes(s, b, at, end) {
    var n = s.length < end - at ? s.length : end - at;
    for (var i = 0; i < n; i++) b[at + i] = apply(charCodeAt, s, [i]);
    return n;
  }
  /** @param {string} alphabet @param {boolean} pad */
  function base64(alphabet, pad) {
    /** @type {number[]} */
    var codes = [];
    for (var i = 0; i < 64; i++) codes[i] = apply(charCodeAt, alphabet, [i]);
    return /** @type {Encoding} */ ({
      length: function (s) {
        var n = s.length;
        if (n && apply(charCodeAt, s, [n - 1]) === 61) n--;
        if (n > 1 && apply(charCodeAt, s, [n - 1]) === 61) n--;
        return (n * 3) >>> 2;
      },
      // Node's lenient decoder: both alphabets, other characters skipped, stops at '='.
      // Like Node it reads only the low byte of each UTF-16 code unit.
      write: function (s, b, at, end) {
        var start = at, acc = 0, bits = 0;
        for (var i = 0; i < s.length && at < end; i++) {
          var c = apply(charCodeAt, s, [i]) & 0xFF;
          if (c === 61) break;
          var v = c < 128 ? SEXTET[c] : 64;
          if (v === 64) continue;
          acc = (acc << 6 | v) & 0xFFFFFF; bits += 6;
          if (bits >= 8) { bits -= 8; b[at++] = acc >> bits; }
        }
        return at - start;
      },
      read: function (b, start, end) {
        var out = StringBuilder(), i = start;
        for (; i + 2 < end; i += 3) {
          var n = b[i] << 16 | b[i + 1] << 8 | b[i + 2];
          out.unit(codes[n >> 18]); out.unit(codes[n >> 12 & 63]); out.unit(codes[n >> 6 & 63]); out.unit(codes[n & 63]);
        }
        if (i < end) {
          var last = b[i] << 16 | (i + 1 < end ? b[i + 1] << 8 : 0);
          out.unit(codes[last >> 18]); out.unit(codes[last >> 12 & 63]);
          if (i + 1 < end) out.unit(codes[last >> 6 & 63]);
          else if (pad) out.unit(61);
          if (pad) out.unit(61);
        }
        return out.done();
      }
    });
  }
  /** @type {Encoding} */
  var latin1 = {
    length: function (s) { return s.length; },
    write: writeBytes,
    read: function (b, start, end) { return text.byteDecode(b, start, end, 0xFF); }
  };
  /** @type {Record<string, Encoding>} */
  var ENCODINGS = {
    utf8: {
      length: text.utf8Length,
      write: function (s, b, at, end) { return text.utf8Write(s, b, at, end)[1]; },
      read: text.utf8Decode
    },
    ucs2: {
      length: function (s) { return s.length * 2; },
      write: function (s, b, at, end) {
        var n = (end - at) >> 1;
        if (n > s.length) n = s.length;
        for (var i = 0; i < n; i++) { var c = apply(charCodeAt, s, [i]); b[at + 2 * i] = c; b[at + 2 * i + 1] = c >> 8; }
        return 2 * n;
      },
      read: function (b, start, end) {
        var out = StringBuilder();
        for (var i = start; i + 1 < end; i += 2) out.unit(b[i] | b[i + 1] << 8);
        return out.done();
      },
      unit: 2
    },
    latin1: latin1,
    ascii: { length: latin1.length, write: writeBytes, read: function (b, start, end) { return text.byteDecode(b, start, end, 0x7F); } },
    hex: {
      length: function (s) { return s.length >>> 1; },
      write: function (s, b, at, end) {
        var n = 0;
        for (; 2 * n + 1 < s.length && at + n < end; n++) {
          var hi = nibble(apply(charCodeAt, s, [2 * n])), lo = nibble(apply(charCodeAt, s, [2 * n + 1]));
          if (hi < 0 || lo < 0) break;
          b[at + n] = hi << 4 | lo;
        }
        return n;
      },
      read: function (b, start, end) {
        var out = StringBuilder();
        for (var i = start; i < end; i++) { out.unit(apply(charCodeAt, HEX, [b[i] >> 4])); out.unit(apply(charCodeAt, HEX, [b[i] & 15])); }
        return out.done();
      }
    },
    base64: base64(B64, true),
    base64url: base64(B64URL, false)
  };
  /** @type {Record<string, string>} */
  var ALIASES = {
    utf8: 'utf8', 'utf-8': 'utf8', ucs2: 'ucs2', 'ucs-2': 'ucs2', utf16le: 'ucs2', 'utf-16le': 'ucs2',
    latin1: 'latin1', binary: 'latin1', ascii: 'ascii', hex: 'hex', base64: 'base64', base64url: 'base64url'
  };
  /**
   * The encoding named `name` (any case), or undefined.
   * @param {unknown} name
   * @returns {Encoding | undefined}
   */
  function encodingNamed(name) {
    var key = apply(I.toLowerCase, String(name), []);
    return apply(I.hasOwn, ALIASES, [key]) ? ENCODINGS[ALIASES[key]] : undefined;
  }
  /**
   * The encoding named `name`; a missing name is utf8, an unknown one throws.
   * @param {unknown} name
   */
  function encodingOf(name) {
    if (name === undefined) return ENCODINGS.utf8;
    var found = encodingNamed(name);
    if (!found) throw unknownEncoding(name);
    return found;
  }

  /** @type {any} */
  var proto;
  /** Constructs instances: never the program's `Buffer.prototype`, which it may replace. */
  function FastBuffer() {}
  /**
   * @param {number | ArrayBuffer} a
   * @param {number} [offset]
   * @param {number} [length]
   * @returns {any}
   */
  function make(a, offset, length) {
    return I.construct(U8, offset === undefined ? [a] : [a, offset, length], FastBuffer);
  }

  /**
   * Node's legacy constructor (`Buffer(n)`, `new Buffer(string)`); typed-array methods that
   * create a new array of the same kind (`map`, `filter`, `Buffer.of`) come through here.
   * @param {any} value
   * @param {any} [encodingOrOffset]
   * @param {any} [length]
   */
  function Buffer(value, encodingOrOffset, length) {
    if (typeof value === 'number') {
      if (typeof encodingOrOffset === 'string') throw argTypeError('string', 'of type string', value);
      return alloc(value);
    }
    return from(value, encodingOrOffset, length);
  }
  proto = Buffer.prototype;
  FastBuffer.prototype = proto;
  I.setPrototypeOf(proto, U8.prototype);
  I.setPrototypeOf(Buffer, U8);

  /** @param {unknown} value */
  function isBuffer(value) { return value !== null && typeof value === 'object' && apply(I.isPrototypeOf, proto, [value]); }

  /**
   * @param {string} s
   * @param {unknown} encoding
   */
  function fromString(s, encoding) {
    var codec = typeof encoding !== 'string' || encoding.length === 0 ? ENCODINGS.utf8 : encodingOf(encoding);
    var bytes = make(codec.length(s)), written = codec.write(s, bytes, 0, lengthOf(bytes));
    return written === lengthOf(bytes) ? bytes : make(apply(I.typedBuffer, bytes, []), 0, written);
  }
  /** @param {any} list */
  function fromArrayLike(list) {
    var n = list.length > 0 ? floor(list.length) : 0, bytes = make(n);
    for (var i = 0; i < n; i++) bytes[i] = list[i];
    return bytes;
  }
  /**
   * A typed array's elements as bytes (each converted as Uint8Array stores it).
   * @param {any} array
   */
  function copyOf(array) {
    var n = lengthOf(array), bytes = make(n);
    if (apply(I.typedTag, array, []) === 'Uint8Array') put(bytes, array, 0);
    else for (var i = 0; i < n; i++) bytes[i] = array[i];
    return bytes;
  }
  /** @param {unknown} value */
  function isArrayBuffer(value) {
    try { apply(I.arrayBufferLength, value, []); return true; } catch (e) { return false; }
  }
  /**
   * @param {any} value
   * @param {any} [encodingOrOffset]
   * @param {any} [length]
   * @returns {any}
   */
  function from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return fromString(value, encodingOrOffset);
    if (value !== null && typeof value === 'object') {
      if (isArrayBuffer(value)) {
        var offset = encodingOrOffset === undefined ? 0 : +encodingOrOffset;
        if (offset !== offset) offset = 0;
        var room = apply(I.arrayBufferLength, value, []) - offset;
        if (room < 0) throw outOfBounds('offset');
        var size = length === undefined ? room : +length > 0 ? +length : 0;
        if (size > room) throw outOfBounds('length');
        return make(value, offset, size);
      }
      var primitive = value.valueOf && value.valueOf();
      if (primitive != null && primitive !== value && (typeof primitive === 'string' || typeof primitive === 'object')) {
        return from(primitive, encodingOrOffset, length);
      }
      if (I.isView(value) && apply(I.typedTag, value, []) !== undefined) return copyOf(value);
      if (value.length !== undefined || isArrayBuffer(value.buffer)) {
        return typeof value.length === 'number' ? fromArrayLike(value) : make(0);
      }
      if (value.type === 'Buffer' && I.isArray(value.data)) return fromArrayLike(value.data);
      if (typeof value[I.toPrimitive] === 'function') {
        var s = value[I.toPrimitive]('string');
        if (typeof s === 'string') return fromString(s, encodingOrOffset);
      }
    }
    throw argTypeError('The first argument', 'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
  }
  /** @param {unknown} size */
  function checkSizeArg(size) {
    checkNumber(size, 'size');
    var n = /** @type {number} */ (size);
    if (!(n >= 0 && n <= K_MAX_LENGTH)) throw outOfRange('size', '>= 0 && <= ' + K_MAX_LENGTH, n);
    return n;
  }
  /**
   * @param {unknown} size
   * @param {unknown} [fill]
   * @param {unknown} [encoding]
   */
  function alloc(size, fill, encoding) {
    var bytes = make(checkSizeArg(size));
    return fill !== undefined && fill !== 0 && lengthOf(bytes) > 0 ? fillBytes(bytes, fill, 0, lengthOf(bytes), encoding) : bytes;
  }

  /**
   * Node's Buffer#fill.
   * @param {Uint8Array} b
   * @param {any} value
   * @param {any} offset
   * @param {any} end
   * @param {any} encoding
   */
  function fillBytes(b, value, offset, end, encoding) {
    var length = lengthOf(b);
    if (typeof value === 'string') {
      if (offset === undefined || typeof offset === 'string') { encoding = offset; offset = 0; end = length; }
      else if (typeof end === 'string') { encoding = end; end = length; }
      encodingOf(encoding); // an unknown encoding throws, even for an empty string
      if (value.length === 0) value = 0;
    }
    if (offset === undefined) { offset = 0; end = length; }
    else {
      checkOffset(offset, 'offset');
      end = end === undefined ? length : checkOffset(end, 'end', length);
    }
    if (offset >= end) return b;
    if (typeof value !== 'string' && !I.isView(value)) {
      if (typeof value !== 'number') value = Number(value) & 255;
      for (var i = offset; i < end; i++) b[i] = value;
      return b;
    }
    var pattern = typeof value === 'string' ? fromString(value, encoding === undefined ? 'utf8' : encoding) : text.bytesOf(value);
    var n = lengthOf(pattern);
    if (n === 0) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received " + shown(value));
    for (var j = offset; j < end; j++) b[j] = pattern[(j - offset) % n];
    return b;
  }

  /**
   * The bytes `target`'s subrange is compared as: -1, 0 or 1.
   * @param {Uint8Array} a
   * @param {number} aStart
   * @param {number} aEnd
   * @param {Uint8Array} b
   * @param {number} bStart
   * @param {number} bEnd
   */
  function compareRange(a, aStart, aEnd, b, bStart, bEnd) {
    for (var i = aStart, j = bStart; i < aEnd && j < bEnd; i++, j++) if (a[i] !== b[j]) return a[i] < b[j] ? -1 : 1;
    var left = aEnd - aStart, right = bEnd - bStart;
    return left < right ? -1 : left > right ? 1 : 0;
  }
  /**
   * @param {unknown} value
   * @param {string} name
   * @returns {Uint8Array}
   */
  function checkBytes(value, name) {
    if (!isUint8Array(value)) throw argTypeError(name, 'an instance of Buffer or Uint8Array', value);
    return /** @type {Uint8Array} */ (value);
  }

  /**
   * Node's bidirectionalIndexOf: index of `needle` in `hay` searching from `offset`.
   * @param {Uint8Array} hay
   * @param {any} value
   * @param {any} offset
   * @param {any} encoding
   * @param {boolean} forward
   */
  function indexOf(hay, value, offset, encoding, forward) {
    var length = lengthOf(hay);
    if (typeof offset === 'string') { encoding = offset; offset = undefined; }
    offset = offset > 0x7FFFFFFF ? 0x7FFFFFFF : offset < -0x80000000 ? -0x80000000 : +offset;
    if (offset !== offset) offset = forward ? 0 : length;
    offset = offset < 0 ? -floor(-offset) : floor(offset);
    var needle, unit = 1;
    if (typeof value === 'number') needle = [value >>> 0 & 255];
    else {
      var codec = typeof value === 'string' ? encodingOf(encoding) : encodingNamed(encoding) || ENCODINGS.utf8;
      if (typeof value === 'string') needle = fromString(value, codec === ENCODINGS.utf8 ? 'utf8' : encoding);
      else if (isUint8Array(value)) needle = value;
      else throw argTypeError('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
      unit = codec.unit || 1;
      // Node searches UTF-16 strings in the whole code units only.
      if (unit === 2 && typeof value === 'string') length -= length % 2;
    }
    var n = needle.length;
    // Where the search starts (Node's IndexOfOffset).
    if (offset < 0) offset = offset + length >= 0 ? offset + length : forward || n === 0 ? 0 : -1;
    else if (offset + n > length) offset = n === 0 ? length : forward ? -1 : length - 1;
    if (n === 0) return offset;
    if (length === 0 || offset < 0 || n > length || (unit === 2 && length < 2)) return -1;
    var start = unit === 2 ? offset - offset % 2 : offset;
    if (!forward && start > length - n) start = length - n - (unit === 2 ? (length - n) % 2 : 0);
    for (var i = start; forward ? i + n <= length : i >= 0; i += forward ? unit : -unit) {
      var j = 0;
      while (j < n && hay[i + j] === needle[j]) j++;
      if (j === n) return i;
    }
    return -1;
  }

  /**
   * Node's copy: bytes of `source[start, end)` into `target` at `at`; returns how many.
   * @param {Uint8Array} source
   * @param {any} target
   * @param {any} at
   * @param {any} start
   * @param {any} end
   */
  function copy(source, target, at, start, end) {
    var dest = I.isView(target) ? text.bytesOf(target) : undefined;
    if (!dest) throw argTypeError('target', 'an instance of Buffer or Uint8Array', target);
    var sourceLength = lengthOf(source), targetLength = lengthOf(dest);
    at = at === undefined ? 0 : toInteger(at);
    if (at < 0) throw outOfRange('targetStart', '>= 0', at);
    start = start === undefined ? 0 : toInteger(start);
    if (start < 0 || start > sourceLength) throw outOfRange('sourceStart', '>= 0 && <= ' + sourceLength, start);
    end = end === undefined ? sourceLength : toInteger(end);
    if (end < 0) throw outOfRange('sourceEnd', '>= 0', end);
    if (at >= targetLength || start >= end) return 0;
    var n = end - start;
    if (n > targetLength - at) n = targetLength - at;
    if (n > sourceLength - start) n = sourceLength - start;
    if (n <= 0) return 0;
    put(dest, view(source, start, n), at);
    return n;
  }
  /** @param {any} value */
  function toInteger(value) {
    var n = +value;
    return n === n && n >= -9007199254740991 && n <= 9007199254740991 ? floor(n) : 0;
  }
  /**
   * Node's adjustOffset for slice/subarray.
   * @param {any} value
   * @param {number} length
   */
  function clampIndex(value, length) {
    var n = +value;
    n = n < 0 ? -floor(-n) : floor(n);
    if (n === 0 || n !== n) return 0;
    if (n < 0) return n + length > 0 ? n + length : 0;
    return n < length ? n : length;
  }

  /** @type {Record<string, Function>} */
  var methods = {
    /**
     * @this {Uint8Array}
     * @param {any} [encoding]
     * @param {any} [start]
     * @param {any} [end]
     */
    toString: function toString(encoding, start, end) {
      var length = lengthOf(this);
      if (arguments.length === 0) return text.utf8Decode(this, 0, length);
      if (start <= 0) start = 0;
      else if (start >= length) return '';
      else start = toInteger(start);
      end = end === undefined || end > length ? length : toInteger(end);
      if (end <= start) return '';
      return encodingOf(encoding).read(this, start, end);
    },
    /** @this {Uint8Array} @param {unknown} other */
    equals: function equals(other) {
      var b = checkBytes(other, 'otherBuffer');
      return this === b || compareRange(this, 0, lengthOf(this), b, 0, lengthOf(b)) === 0;
    },
    /**
     * @this {Uint8Array}
     * @param {unknown} target
     * @param {any} [targetStart]
     * @param {any} [targetEnd]
     * @param {any} [sourceStart]
     * @param {any} [sourceEnd]
     */
    compare: function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
      var b = checkBytes(target, 'target'), length = lengthOf(this), targetLength = lengthOf(b);
      targetStart = targetStart === undefined ? 0 : checkOffset(targetStart, 'targetStart');
      targetEnd = targetEnd === undefined ? targetLength : checkOffset(targetEnd, 'targetEnd', targetLength);
      sourceStart = sourceStart === undefined ? 0 : checkOffset(sourceStart, 'sourceStart');
      sourceEnd = sourceEnd === undefined ? length : checkOffset(sourceEnd, 'sourceEnd', length);
      if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
      if (targetStart >= targetEnd) return 1;
      if (sourceStart > length) throw outOfRange('sourceStart', '>= 0 && <= ' + length, sourceStart);
      if (targetStart > targetLength) throw outOfRange('targetStart', '>= 0 && <= ' + targetLength, targetStart);
      return compareRange(this, sourceStart, sourceEnd, b, targetStart, targetEnd);
    },
    /** @this {Uint8Array} @param {any} value @param {any} [offset] @param {any} [encoding] */
    indexOf: function indexOf_(value, offset, encoding) { return indexOf(this, value, offset, encoding, true); },
    /** @this {Uint8Array} @param {any} value @param {any} [offset] @param {any} [encoding] */
    lastIndexOf: function lastIndexOf(value, offset, encoding) { return indexOf(this, value, offset, encoding, false); },
    /** @this {Uint8Array} @param {any} value @param {any} [offset] @param {any} [encoding] */
    includes: function includes(value, offset, encoding) { return indexOf(this, value, offset, encoding, true) !== -1; },
    /** @this {Uint8Array} @param {any} value @param {any} [offset] @param {any} [end] @param {any} [encoding] */
    fill: function fill(value, offset, end, encoding) { return fillBytes(this, value, offset, end, encoding); },
    /**
     * @this {Uint8Array}
     * @param {unknown} s
     * @param {any} [offset]
     * @param {any} [length]
     * @param {any} [encoding]
     */
    write: function write(s, offset, length, encoding) {
      var size = lengthOf(this);
      if (typeof s !== 'string') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
      // Without an offset Node writes UTF-8, whatever encoding follows.
      if (offset === undefined) return ENCODINGS.utf8.write(s, this, 0, size);
      if (length === undefined && typeof offset === 'string') { encoding = offset; offset = 0; length = size; }
      else {
        checkOffset(offset, 'offset', size);
        if (length === undefined) length = size - offset;
        else if (typeof length === 'string') { encoding = length; length = size - offset; }
        else {
          checkOffset(length, 'length', size);
          if (length > size - offset) length = size - offset;
        }
      }
      return (encoding ? encodingOf(encoding) : ENCODINGS.utf8).write(s, this, offset, offset + length);
    },
    /** @this {Uint8Array} @param {any} target @param {any} [targetStart] @param {any} [sourceStart] @param {any} [sourceEnd] */
    copy: function copy_(target, targetStart, sourceStart, sourceEnd) { return copy(this, target, targetStart, sourceStart, sourceEnd); },
    /** @this {Uint8Array} @param {any} [start] @param {any} [end] */
    slice: function slice(start, end) {
      var length = lengthOf(this);
      start = clampIndex(start, length);
      end = end === undefined ? length : clampIndex(end, length);
      return make(apply(I.typedBuffer, this, []), apply(I.typedOffset, this, []) + start, end > start ? end - start : 0);
    },
    /** @this {Uint8Array} */
    toJSON: function toJSON() {
      /** @type {number[]} */
      var data = [];
      for (var i = 0, n = lengthOf(this); i < n; i++) data[i] = this[i];
      return { type: 'Buffer', data: data };
    },
    /** @this {Uint8Array} */
    swap16: function swap16() { return swap(this, 2); },
    /** @this {Uint8Array} */
    swap32: function swap32() { return swap(this, 4); },
    /** @this {Uint8Array} */
    swap64: function swap64() { return swap(this, 8); }
  };
  methods.subarray = methods.slice;
  methods.toLocaleString = methods.toString;

  /**
   * Reverses the byte order of every `size`-byte group.
   * @param {Uint8Array} b
   * @param {number} size
   */
  function swap(b, size) {
    var length = lengthOf(b);
    if (length % size) throw nodeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of ' + size * 8 + '-bits');
    for (var i = 0; i < length; i += size) {
      for (var lo = i, hi = i + size - 1; lo < hi; lo++, hi--) { var t = b[lo]; b[lo] = b[hi]; b[hi] = t; }
    }
    return b;
  }

  // The integer and floating-point readers/writers (lazy module `bufferNumbers`) compile on
  // their first call: most programs that use Buffer never call one.
  var checks = { checkAccess: checkAccess, checkSize: checkSize, checkNumber: checkNumber, outOfRange: outOfRange, argTypeError: argTypeError };
  /** @param {string} name */
  function deferred(name) {
    return /** @this {unknown} */ function () { return apply(numbers(checks)[name], this, arguments); };
  }
  var ORDERS = ['LE', 'BE'], SIGNS = ['UInt', 'Int', 'Uint'], types = ['UInt8', 'Int8', 'Uint8'];
  for (var o = 0; o < 2; o++) {
    types[types.length] = 'Float' + ORDERS[o];
    types[types.length] = 'Double' + ORDERS[o];
    for (var g = 0; g < 3; g++) {
      types[types.length] = SIGNS[g] + '16' + ORDERS[o];
      types[types.length] = SIGNS[g] + '32' + ORDERS[o];
      types[types.length] = SIGNS[g] + ORDERS[o];
      types[types.length] = 'Big' + SIGNS[g] + '64' + ORDERS[o];
    }
  }
  for (var t = 0; t < types.length; t++) {
    methods['read' + types[t]] = deferred('read' + types[t]);
    methods['write' + types[t]] = deferred('write' + types[t]);
  }
  var names = I.keys(methods);
  for (var m = 0; m < names.length; m++) {
    I.defineProperty(proto, names[m], { value: methods[names[m]], writable: true, enumerable: true, configurable: true });
  }

  /** @type {Record<string, Function | number>} */
  var statics = {
    poolSize: 8192,
    from: from,
    alloc: alloc,
    /** @param {unknown} size */
    allocUnsafe: function allocUnsafe(size) { return make(checkSizeArg(size)); },
    /** @param {unknown} size */
    allocUnsafeSlow: function allocUnsafeSlow(size) { return make(checkSizeArg(size)); },
    isBuffer: isBuffer,
    /** @param {unknown} a @param {unknown} b */
    compare: function compare(a, b) {
      var x = checkBytes(a, 'buf1'), y = checkBytes(b, 'buf2');
      return compareRange(x, 0, lengthOf(x), y, 0, lengthOf(y));
    },
    /** @param {unknown} name */
    isEncoding: function isEncoding(name) { return typeof name === 'string' && name.length !== 0 && encodingNamed(name) !== undefined; },
    /** @param {any} list @param {any} [length] */
    concat: function concat(list, length) {
      if (!I.isArray(list)) throw argTypeError('list', 'an instance of Array', list);
      if (length === undefined) {
        length = 0;
        for (var i = 0; i < list.length; i++) if (list[i].length) length += list[i].length;
      } else checkOffset(length, 'length');
      var result = make(length), at = 0;
      for (var j = 0; j < list.length; j++) at += copy(checkBytes(list[j], 'list[' + j + ']'), result, at, 0, undefined);
      return result;
    },
    /** @param {unknown} value @param {unknown} [encoding] */
    byteLength: function byteLength(value, encoding) {
      if (typeof value !== 'string') {
        var bytes = text.bytesOf(value);
        if (bytes) return lengthOf(bytes);
        throw argTypeError('string', 'of type string or an instance of Buffer or ArrayBuffer', value);
      }
      return ((encoding ? encodingNamed(encoding) : undefined) || ENCODINGS.utf8).length(value);
    }
  };
  names = I.keys(statics);
  for (m = 0; m < names.length; m++) {
    I.defineProperty(Buffer, names[m], { value: statics[names[m]], writable: true, enumerable: true, configurable: true });
  }
  return { Buffer: Buffer };
});
