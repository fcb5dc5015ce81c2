// @ts-check
/**
 * Lazy module `bufferNumbers`, evaluated inside QuickJS on the first call of one of Buffer's
 * integer or floating-point readers/writers: `(intrinsics, checks) => methods`, every
 * `read<Type>`/`write<Type>` of Node 20 (UInt8 … BigInt64BE, Float, Double, the variable-size
 * UIntLE/IntBE, and the lower-case `Uint` aliases), generated from size, sign and byte order,
 * with Node's range checks and messages (`checks` are buffer.js's offset validators). Like
 * the other lazy modules it calls only built-ins from `intrinsics`.
 */
/** @satisfies {GuestFactories['bufferNumbers']} */ (function (intrinsics, checks) {
  'use strict';
  var I = intrinsics, apply = I.apply, U8 = I.Uint8Array, floor = I.floor, Number = I.Number;
  var checkAccess = checks.checkAccess, checkSize = checks.checkSize, checkNumber = checks.checkNumber;
  var outOfRange = checks.outOfRange, argTypeError = checks.argTypeError;
  /** @type {Record<string, Function>} */
  var methods = {};
  // Integer and floating-point readers/writers, generated from their size and byte order.
  /**
   * Unsigned integer of `size` (≤ 6) bytes at `at`.
   * @param {Uint8Array} b
   * @param {number} at
   * @param {number} size
   * @param {boolean} little
   */
  function readUnsigned(b, at, size, little) {
    var value = 0;
    for (var i = 0; i < size; i++) value = value * 256 + b[little ? at + size - 1 - i : at + i];
    return value;
  }
  /**
   * @param {Uint8Array} b
   * @param {number} value
   * @param {number} at
   * @param {number} size
   * @param {boolean} little
   */
  function writeInteger(b, value, at, size, little) {
    var high = floor(value / 4294967296);
    for (var i = 0; i < size; i++) b[little ? at + i : at + size - 1 - i] = i < 4 ? value >>> 8 * i : high >>> 8 * (i - 4);
    return at + size;
  }
  /**
   * Range check of a value to write in `size` bytes, with Node's message.
   * @param {any} value
   * @param {number} size
   * @param {boolean} signed
   * @param {unknown} offset
   */
  function checkValue(value, size, signed, offset) {
    if (size === 1) checkNumber(offset, 'offset');
    var bits = size * 8, min = signed ? -(2 ** (bits - 1)) : 0, max = (signed ? -min : 2 ** bits) - 1;
    if (value > max || value < min) {
      throw outOfRange('value', size > 4 ? (signed ? '>= -(2 ** ' + (bits - 1) + ') and < 2 ** ' + (bits - 1) : '>= 0 and < 2 ** ' + bits) : '>= ' + min + ' and <= ' + max, value);
    }
  }
  var scratch = new I.Float64Array(1), memory = apply(I.typedBuffer, scratch, []);
  var scratch32 = new I.Float32Array(memory), scratchBytes = new U8(memory);

  /**
   * read/write methods of a fixed-size integer, e.g. readUInt16LE.
   * @param {number} size
   * @param {boolean} signed
   * @param {boolean} little
   */
  function fixedInteger(size, signed, little) {
    var top = 2 ** (size * 8);
    defineMethods((signed ? 'Int' : 'UInt') + size * 8 + (size === 1 ? '' : little ? 'LE' : 'BE'),
      /** @this {Uint8Array} @param {any} [offset] */
      function (offset) {
        var value = readUnsigned(this, checkAccess(this, offset === undefined ? 0 : offset, size), size, little);
        return signed && value >= top / 2 ? value - top : value;
      },
      /** @this {Uint8Array} @param {any} value @param {any} [offset] */
      function (value, offset) {
        value = +value;
        if (offset === undefined) offset = 0;
        checkValue(value, size, signed, offset);
        return writeInteger(this, value, checkAccess(this, offset, size), size, little);
      });
  }
  /**
   * readUIntLE(offset, byteLength) and the like.
   * @param {boolean} signed
   * @param {boolean} little
   */
  function variableInteger(signed, little) {
    defineMethods((signed ? 'Int' : 'UInt') + (little ? 'LE' : 'BE'),
      /** @this {Uint8Array} @param {any} offset @param {any} size */
      function (offset, size) {
        if (offset === undefined) throw argTypeError('offset', 'of type number', offset);
        var n = checkSize(size), value = readUnsigned(this, checkAccess(this, offset, n), n, little), top = 2 ** (n * 8);
        return signed && value >= top / 2 ? value - top : value;
      },
      /** @this {Uint8Array} @param {any} value @param {any} offset @param {any} size */
      function (value, offset, size) {
        var n = checkSize(size);
        value = +value;
        checkValue(value, n, signed, offset);
        return writeInteger(this, value, checkAccess(this, offset, n), n, little);
      });
  }
  /**
   * readFloatLE, readDoubleBE, …: through the scratch memory (QuickJS's wasm is little-endian).
   * @param {number} size
   * @param {boolean} little
   */
  function floating(size, little) {
    var floats = size === 4 ? scratch32 : scratch;
    defineMethods((size === 4 ? 'Float' : 'Double') + (little ? 'LE' : 'BE'),
      /** @this {Uint8Array} @param {any} [offset] */
      function (offset) {
        var at = checkAccess(this, offset === undefined ? 0 : offset, size);
        for (var i = 0; i < size; i++) scratchBytes[i] = this[little ? at + i : at + size - 1 - i];
        return floats[0];
      },
      /** @this {Uint8Array} @param {any} value @param {any} [offset] */
      function (value, offset) {
        floats[0] = +value;
        var at = checkAccess(this, offset === undefined ? 0 : offset, size);
        for (var i = 0; i < size; i++) this[little ? at + i : at + size - 1 - i] = scratchBytes[i];
        return at + size;
      });
  }
  /**
   * readBigUInt64LE and the like.
   * @param {boolean} signed
   * @param {boolean} little
   */
  function bigInteger(signed, little) {
    var BigInt = I.BigInt;
    defineMethods('Big' + (signed ? 'Int' : 'UInt') + '64' + (little ? 'LE' : 'BE'),
      /** @this {Uint8Array} @param {any} [offset] */
      function (offset) {
        var at = checkAccess(this, offset === undefined ? 0 : offset, 8);
        var high = readUnsigned(this, little ? at + 4 : at, 4, little), low = readUnsigned(this, little ? at : at + 4, 4, little);
        var value = (BigInt(high) << 32n) + BigInt(low);
        return signed && high >= 0x80000000 ? value - 18446744073709551616n : value;
      },
      /** @this {Uint8Array} @param {bigint} value @param {any} [offset] */
      function (value, offset) {
        if (signed ? value < -9223372036854775808n || value > 9223372036854775807n : value < 0n || value > 18446744073709551615n) {
          throw outOfRange('value', signed ? '>= -(2n ** 63n) and < 2n ** 63n' : '>= 0n and < 2n ** 64n', value);
        }
        var at = checkAccess(this, offset === undefined ? 0 : offset, 8);
        var low = Number(value & 0xFFFFFFFFn), high = Number(value >> 32n & 0xFFFFFFFFn);
        writeInteger(this, high, little ? at + 4 : at, 4, little);
        writeInteger(this, low, little ? at : at + 4, 4, little);
        return at + 8;
      });
  }
  /**
   * Installs `read<type>`/`write<type>`, and Node's lower-case aliases (readUint8, …).
   * @param {string} type
   * @param {Function} read
   * @param {Function} write
   */
  function defineMethods(type, read, write) {
    methods['read' + type] = read;
    methods['write' + type] = write;
    var at = apply(I.stringIndexOf, type, ['UInt']);
    if (at < 0) return;
    var alias = apply(I.stringSlice, type, [0, at]) + 'Uint' + apply(I.stringSlice, type, [at + 4]);
    methods['read' + alias] = read;
    methods['write' + alias] = write;
  }
  for (var order = 0; order < 2; order++) {
    for (var signed = 0; signed < 2; signed++) {
      for (var size = 1; size <= 4; size *= 2) if (size > 1 || !order) fixedInteger(size, !!signed, !order);
      variableInteger(!!signed, !order);
      bigInteger(!!signed, !order);
    }
    floating(4, !order);
    floating(8, !order);
  }
  return methods;
});
