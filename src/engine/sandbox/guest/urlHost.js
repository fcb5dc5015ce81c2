// @ts-check
/**
 * Lazy module `urlHost`, evaluated inside QuickJS: the host parsing `URL` needs only now and
 * then, `(intrinsics, text) => { parseIPv6, domainToASCII }`: IPv6 addresses, and domains
 * with non-ASCII characters or "xn--" labels (UTS #46 ToASCII, approximated: NFKC, lower
 * case and a few of UTS #46's own mappings, then punycode; not its full mapping and validity
 * tables, nor its Bidi and joiner rules). Kept apart so that URLs with plain ASCII hosts
 * compile none of it. Like the other lazy modules it calls only built-ins from `intrinsics`.
 */
/** @satisfies {GuestFactories['urlHost']} */ (function (intrinsics, text) {
  'use strict';
  var I = intrinsics, apply = I.apply, charCodeAt = I.charCodeAt, stringSlice = I.stringSlice, floor = I.floor;
  var EOF = -1, HEX = '0123456789abcdef';
  /** What a parser returns for invalid input. @type {null} */
  var FAILURE = null;

  /** @param {number} c */
  function isAlpha(c) { return (c | 32) >= 97 && (c | 32) <= 122; }
  /** @param {number} c */
  function isDigit(c) { return c >= 48 && c <= 57; }
  /** @param {number} c */
  function hexValue(c) { return isDigit(c) ? c - 48 : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1; }
  /** @param {number} cp */
  function fromPoint(cp) {
    if (cp <= 0xFFFF) return I.fromCharCode(cp);
    cp -= 0x10000;
    return I.fromCharCode(0xD800 | (cp >> 10), 0xDC00 | (cp & 0x3FF));
  }
  /** The code points of `s`, lone surrogates as U+FFFD. @param {string} s */
  function codePoints(s) {
    /** @type {number[]} */
    var cps = [];
    for (var i = 0, step = [1]; i < s.length; i += step[0]) cps[cps.length] = text.pointAt(s, i, step);
    return cps;
  }
  /** @param {string} host */
  function labels(host) {
    /** @type {string[]} */
    var parts = [];
    for (var i = 0, start = 0; i <= host.length; i++) {
      if (i === host.length || host[i] === '.') { parts[parts.length] = apply(stringSlice, host, [start, i]); start = i + 1; }
    }
    return parts;
  }

  /** @param {number} v a 16-bit piece, in lower-case hex without leading zeros */
  function hex16(v) {
    var out = '';
    do { out = HEX[v & 15] + out; v >>= 4; } while (v);
    return out;
  }
  /** @param {string} input the text between the brackets */
  function parseIPv6(input) {
    var address = [0, 0, 0, 0, 0, 0, 0, 0], piece = 0, compress = -1, p = 0, n = input.length;
    /** @param {number} i */
    function at(i) { return i < n ? apply(charCodeAt, input, [i]) : EOF; }
    if (at(0) === 58) {
      if (at(1) !== 58) return FAILURE;
      p = 2; compress = ++piece;
    }
    while (at(p) !== EOF) {
      if (piece === 8) return FAILURE;
      if (at(p) === 58) {
        if (compress >= 0) return FAILURE;
        p++; compress = ++piece;
        continue;
      }
      var value = 0, length = 0;
      while (length < 4 && hexValue(at(p)) >= 0) { value = value * 16 + hexValue(at(p)); p++; length++; }
      if (at(p) === 46) {
        if (length === 0) return FAILURE;
        p -= length;
        if (piece > 6) return FAILURE;
        var seen = 0;
        while (at(p) !== EOF) {
          var part = -1;
          if (seen > 0) { if (at(p) === 46 && seen < 4) p++; else return FAILURE; }
          if (!isDigit(at(p))) return FAILURE;
          while (isDigit(at(p))) {
            if (part === 0) return FAILURE;
            part = (part < 0 ? 0 : part * 10) + at(p) - 48;
            if (part > 255) return FAILURE;
            p++;
          }
          address[piece] = address[piece] * 256 + part;
          if (++seen === 2 || seen === 4) piece++;
        }
        if (seen !== 4) return FAILURE;
        break;
      } else if (at(p) === 58) {
        if (at(++p) === EOF) return FAILURE;
      } else if (at(p) !== EOF) return FAILURE;
      address[piece++] = value;
    }
    if (compress >= 0) {
      for (var swaps = piece - compress, i = 7; i !== 0 && swaps > 0; i--, swaps--) {
        var t = address[i]; address[i] = address[compress + swaps - 1]; address[compress + swaps - 1] = t;
      }
    } else if (piece !== 8) return FAILURE;
    // Serialise, compressing the first longest run of two or more zero pieces.
    var best = -1, bestLength = 1;
    for (i = 0; i < 8; i++) {
      var j = i;
      while (j < 8 && address[j] === 0) j++;
      if (j - i > bestLength) { best = i; bestLength = j - i; }
      if (j > i) i = j - 1;
    }
    var out = '';
    for (i = 0; i < 8; i++) {
      if (i === best) { out += i === 0 ? '::' : ':'; i += bestLength - 1; continue; }
      out += hex16(address[i]) + (i < 7 ? ':' : '');
    }
    return '[' + out + ']';
  }

  // Punycode (RFC 3492) for the labels of non-ASCII domains.
  var BASE = 36, T_MIN = 1, T_MAX = 26;
  /**
   * @param {number} delta
   * @param {number} points
   * @param {boolean} first
   */
  function adapt(delta, points, first) {
    delta = first ? floor(delta / 700) : delta >> 1;
    delta += floor(delta / points);
    for (var k = 0; delta > 455; k += BASE) delta = floor(delta / 35);
    return floor(k + 36 * delta / (delta + 38));
  }
  /** @param {number} d */
  function digit(d) { return I.fromCharCode(d < 26 ? d + 97 : d + 22); }
  /** @param {number[]} cps */
  function punycodeEncode(cps) {
    var out = '', n = 128, delta = 0, bias = 72, basic = 0, i;
    for (i = 0; i < cps.length; i++) if (cps[i] < 128) { out += I.fromCharCode(cps[i]); basic++; }
    if (basic) out += '-';
    for (var h = basic; h < cps.length; n++, delta++) {
      var m = 0x110000;
      for (i = 0; i < cps.length; i++) if (cps[i] >= n && cps[i] < m) m = cps[i];
      delta += (m - n) * (h + 1); n = m;
      for (i = 0; i < cps.length; i++) {
        if (cps[i] < n) delta++;
        if (cps[i] !== n) continue;
        var q = delta;
        for (var k = BASE; ; k += BASE) {
          var t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
          if (q < t) break;
          out += digit(t + (q - t) % (BASE - t));
          q = floor((q - t) / (BASE - t));
        }
        out += digit(q);
        bias = adapt(delta, h + 1, h === basic);
        delta = 0; h++;
      }
    }
    return out;
  }
  /**
   * The code points `s` (after "xn--") decodes to, or FAILURE.
   * @param {string} s
   * @returns {number[] | null}
   */
  function punycodeDecode(s) {
    var end = -1, n = 128, i = 0, bias = 72;
    /** @type {number[]} */
    var out = [];
    for (var j = 0; j < s.length; j++) if (s[j] === '-') end = j;
    for (j = 0; j < end; j++) out[j] = apply(charCodeAt, s, [j]);
    for (var p = end + 1; p < s.length;) {
      for (var old = i, w = 1, k = BASE; ; k += BASE) {
        if (p >= s.length) return FAILURE;
        var c = apply(charCodeAt, s, [p++]), d = isDigit(c) ? c - 22 : isAlpha(c) ? (c | 32) - 97 : -1;
        if (d < 0) return FAILURE;
        i += d * w;
        var t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (d < t) break;
        w *= BASE - t;
      }
      bias = adapt(i - old, out.length + 1, old === 0);
      n += floor(i / (out.length + 1));
      i %= out.length + 1;
      if (n > 0x10FFFF) return FAILURE;
      for (j = out.length; j > i; j--) out[j] = out[j - 1];
      out[i++] = n;
    }
    return out;
  }
  /**
   * UTS #46 mapping, approximated: NFKC, lower case, and the few mappings NFKC lacks.
   * @param {string} domain
   */
  function mapDomain(domain) {
    // UTS #46 maps the capital sharp s to "ss", ideographic full stops to '.', and drops
    // soft hyphens, zero-width spaces and variation selectors.
    var mapped = '', folded = apply(I.normalize, domain, ['NFKC']);
    for (var i = 0; i < folded.length; i++) {
      var c = apply(charCodeAt, folded, [i]);
      if (c === 0xAD || c === 0x200B || c === 0x2060 || c === 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F)) continue;
      mapped += c === 0x3002 || c === 0xFF0E || c === 0xFF61 ? '.' : c === 0x1E9E ? 'ss' : folded[i];
    }
    return apply(I.normalize, apply(I.toLowerCase, mapped, []), ['NFC']);
  }
  /**
   * A label UTS #46 accepts: no U+FFFD or C1 controls, and, decoded from punycode, a
   * non-empty label already in mapped form.
   * @param {number[]} points
   * @param {boolean} decoded
   */
  function validLabel(points, decoded) {
    var label = '';
    for (var i = 0; i < points.length; i++) {
      var cp = points[i];
      if (cp === 0xFFFD || (cp >= 0x80 && cp < 0xA0) || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      label += fromPoint(cp);
    }
    return !decoded || (label !== '' && mapDomain(label) === label);
  }
  /**
   * UTS #46 ToASCII, approximated: `mapDomain` maps the domain, non-ASCII labels get
   * punycode, "xn--" labels must decode to a valid label.
   * @param {string} domain
   */
  function domainToASCII(domain) {
    var ascii = true;
    for (var i = 0; i < domain.length; i++) if (apply(charCodeAt, domain, [i]) > 0x7F) ascii = false;
    domain = ascii ? apply(I.toLowerCase, domain, []) : mapDomain(domain);
    var parts = labels(domain), out = '';
    for (i = 0; i < parts.length; i++) {
      var label = parts[i], points = codePoints(label), plain = true;
      if (!validLabel(points, false)) return FAILURE;
      for (var j = 0; j < points.length; j++) if (points[j] > 0x7F) plain = false;
      if (!plain) label = 'xn--' + punycodeEncode(points);
      else if (apply(stringSlice, label, [0, 4]) === 'xn--') {
        var decoded = punycodeDecode(apply(stringSlice, label, [4]));
        if (!decoded || !validLabel(decoded, true)) return FAILURE;
      }
      out += (i ? '.' : '') + label;
    }
    return out === '' ? FAILURE : out;
  }
  return { parseIPv6: parseIPv6, domainToASCII: domainToASCII };
});
