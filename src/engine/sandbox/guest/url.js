// @ts-check
/**
 * Lazy module `url`, evaluated inside QuickJS on first use: WHATWG `URL`,
 * `(intrinsics, text, hosts, params) => { URL, hrefOf }`, following the URL Standard's parser
 * state machine. Pure JavaScript, no host access. IPv6 and non-ASCII/punycode hosts are
 * parsed by the `urlHost` module (`hosts()`), `searchParams` by `urlSearchParams`
 * (`params()`), each initialised only when a URL needs it. Node 20 (Ada) is followed where it
 * departs from the standard in ways cheap to copy (a base's empty query is dropped, a file
 * path's first segment that starts with a drive letter is kept by '..', the port setter's
 * handling of junk); not in its rarer quirks (dot segments of non-special URLs, paths
 * with a segment like '.a', relative references against an opaque-path base, the host
 * setter on non-special URLs), where the standard's answer is given. Like the assert module
 * it runs after the program started, so it calls only built-ins captured in `intrinsics`.
 */
/** @satisfies {GuestFactories['url']} */ (function (intrinsics, text, hosts, params) {
  'use strict';
  var I = intrinsics, apply = I.apply, String = I.String, TypeError = I.TypeError, floor = I.floor;
  var charCodeAt = I.charCodeAt, stringSlice = I.stringSlice, U8 = I.Uint8Array, nodeError = text.nodeError;
  var EOF = -1;
  /** What a parser returns for invalid input. @type {null} */
  var FAILURE = null;
  /** @type {Record<string, number | null>} */
  var SPECIAL = { ftp: 21, file: null, http: 80, https: 443, ws: 80, wss: 443 };

  // Percent-encode sets, as bits over ASCII (every set also holds C0 controls and > U+007E).
  var C0 = 0, FRAGMENT = 1, QUERY = 2, SPECIAL_QUERY = 4, PATH = 8, USERINFO = 16;
  var ENCODE = new U8(128);
  /**
   * @param {number} bit
   * @param {string} chars
   */
  function addToSet(bit, chars) { for (var i = 0; i < chars.length; i++) ENCODE[apply(charCodeAt, chars, [i])] |= bit; }
  addToSet(FRAGMENT, ' "<>`');
  addToSet(QUERY | SPECIAL_QUERY | PATH | USERINFO, ' "#<>');
  addToSet(SPECIAL_QUERY, "'");
  addToSet(PATH | USERINFO, '?`{}');
  addToSet(USERINFO, '/:;=@[\\]^|');
  var HEX = '0123456789ABCDEF';

  /**
   * `%XX` for each UTF-8 byte of code point `cp`.
   * @param {number} cp
   */
  function percentBytes(cp) {
    var bytes = new U8(4), n = text.utf8Write(cp > 0xFFFF ? fromPoint(cp) : I.fromCharCode(cp), bytes, 0, 4)[1], out = '';
    for (var i = 0; i < n; i++) out += '%' + HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
    return out;
  }
  /** @param {number} cp */
  function fromPoint(cp) {
    cp -= 0x10000;
    return I.fromCharCode(0xD800 | (cp >> 10), 0xDC00 | (cp & 0x3FF));
  }
  /**
   * The code points of `s` (lone surrogates as U+FFFD) and their text.
   * @param {string} s
   */
  function codePoints(s) {
    /** @type {number[]} */
    var cps = [];
    /** @type {string[]} */
    var chars = [];
    var step = [1];
    for (var i = 0; i < s.length; i += step[0]) {
      var cp = text.pointAt(s, i, step);
      cps[cps.length] = cp;
      chars[chars.length] = cp === 0xFFFD ? '\uFFFD' : apply(stringSlice, s, [i, i + step[0]]);
    }
    return { cps: cps, chars: chars };
  }
  /**
   * `s` percent-encoded with set `bit`.
   * @param {string} s
   * @param {number} bit
   */
  function encodeString(s, bit) {
    var points = codePoints(s), out = '';
    for (var i = 0; i < points.cps.length; i++) out += encodePoint(points.cps[i], points.chars[i], bit);
    return out;
  }
  /**
   * @param {number} cp
   * @param {string} ch
   * @param {number} bit
   */
  function encodePoint(cp, ch, bit) {
    return cp < 0x20 || cp > 0x7E || (ENCODE[cp] & bit) ? percentBytes(cp) : ch;
  }
  /** The string as a USVString: lone surrogates replaced by U+FFFD. @param {unknown} value */
  function usv(value) {
    var s = String(value), points = codePoints(s), out = '';
    for (var i = 0; i < points.chars.length; i++) out += points.chars[i];
    return out;
  }
  /** @param {number} c */
  function isAlpha(c) { return (c | 32) >= 97 && (c | 32) <= 122; }
  /** @param {number} c */
  function isDigit(c) { return c >= 48 && c <= 57; }
  /** @param {number} c */
  function hexValue(c) { return isDigit(c) ? c - 48 : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1; }

  /**
   * Bytes of `s` (as UTF-8) with `%XX` decoded, read as UTF-8 (the URL Standard's
   * percent-decode; used for hosts).
   * @param {string} s
   */
  function percentDecode(s) {
    var bytes = new U8(3 * s.length), n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = apply(charCodeAt, s, [i]);
      if (c === 37 && escapeAt(s, i)) {
        bytes[n++] = hexValue(apply(charCodeAt, s, [i + 1])) * 16 + hexValue(apply(charCodeAt, s, [i + 2]));
        i += 2;
      } else if (c < 0x80) bytes[n++] = c;
      else {
        var step = [1], cp = text.pointAt(s, i, step);
        n += text.utf8Write(cp > 0xFFFF ? fromPoint(cp) : I.fromCharCode(cp), bytes, n, n + 4)[1];
        i += step[0] - 1;
      }
    }
    return text.utf8Decode(bytes, 0, n);
  }
  /** A valid `%XX` escape starts at `i`. @param {string} s @param {number} i */
  function escapeAt(s, i) {
    return i + 2 < s.length && hexValue(apply(charCodeAt, s, [i + 1])) >= 0 && hexValue(apply(charCodeAt, s, [i + 2])) >= 0;
  }
  // Hosts.
  /**
   * IPv4 number of one part: decimal, 0x hex or 0 octal; -1 if not a number.
   * @param {string} part
   */
  function ipv4Number(part) {
    if (part === '') return -1;
    var radix = 10, i = 0;
    if (part.length >= 2 && part[0] === '0' && (part[1] === 'x' || part[1] === 'X')) { radix = 16; i = 2; }
    else if (part.length >= 2 && part[0] === '0') { radix = 8; i = 1; }
    var value = 0;
    for (; i < part.length; i++) {
      var d = hexValue(apply(charCodeAt, part, [i]));
      if (d < 0 || d >= radix) return -1;
      value = value * radix + d;
    }
    return value;
  }
  /** @param {string} host */
  function labels(host) {
    /** @type {string[]} */
    var parts = [];
    var start = 0;
    for (var i = 0; i <= host.length; i++) {
      if (i === host.length || host[i] === '.') { parts[parts.length] = apply(stringSlice, host, [start, i]); start = i + 1; }
    }
    return parts;
  }
  /** @param {string} host */
  function endsInNumber(host) {
    var parts = labels(host);
    if (parts[parts.length - 1] === '') { if (parts.length === 1) return false; parts.length--; }
    var last = parts[parts.length - 1], digits = last !== '';
    for (var i = 0; i < last.length; i++) if (!isDigit(apply(charCodeAt, last, [i]))) digits = false;
    return digits || ipv4Number(last) >= 0;
  }
  /** @param {string} host */
  function parseIPv4(host) {
    var parts = labels(host);
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.length--;
    if (parts.length > 4) return FAILURE;
    /** @type {number[]} */
    var numbers = [];
    for (var i = 0; i < parts.length; i++) {
      numbers[i] = ipv4Number(parts[i]);
      if (numbers[i] < 0 || (i < parts.length - 1 && numbers[i] > 255)) return FAILURE;
    }
    var last = numbers[numbers.length - 1];
    if (last >= 256 ** (5 - numbers.length)) return FAILURE;
    var address = last;
    for (i = 0; i < numbers.length - 1; i++) address += numbers[i] * 256 ** (3 - i);
    var out = '';
    for (i = 3; i >= 0; i--) out += String(floor(address / 256 ** i) % 256) + (i ? '.' : '');
    return out;
  }
  var FORBIDDEN_HOST = '\u0000\t\n\r #/:<>?@[\\]^|';
  /** @param {string} s @param {boolean} domain also controls, % and DEL */
  function hasForbidden(s, domain) {
    for (var i = 0; i < s.length; i++) {
      var c = apply(charCodeAt, s, [i]);
      if (apply(I.stringIndexOf, FORBIDDEN_HOST, [s[i]]) >= 0 || (domain && (c <= 0x1F || c === 37 || c === 0x7F))) return true;
    }
    return false;
  }
  /**
   * The host parser: a serialised host, or FAILURE.
   * @param {string} input
   * @param {boolean} opaque the scheme is not special
   * @returns {string | null}
   */
  function parseHost(input, opaque) {
    if (input[0] === '[') {
      return input[input.length - 1] === ']' ? hosts().parseIPv6(apply(stringSlice, input, [1, input.length - 1])) : FAILURE;
    }
    if (opaque) return hasForbidden(input, false) ? FAILURE : encodeString(input, C0);
    var domain = percentDecode(input), plain = true;
    /** @type {string | null} */
    var ascii = apply(I.toLowerCase, domain, []);
    for (var i = 0; i < domain.length; i++) if (apply(charCodeAt, domain, [i]) > 0x7F) plain = false;
    // Punycode and the UTS #46 approximation only for the hosts that need them.
    if (!plain || ascii === '' || apply(I.stringIndexOf, '.' + ascii, ['.xn--']) >= 0) ascii = hosts().domainToASCII(domain);
    if (ascii === FAILURE || hasForbidden(ascii, true)) return FAILURE;
    return endsInNumber(ascii) ? parseIPv4(ascii) : ascii;
  }

  // The URL record and the basic URL parser.
  /**
   * @typedef {{ scheme: string, username: string, password: string, host: string | null,
   *   port: number | null, path: string[] | string, query: string | null, fragment: string | null }} UrlRecord
   */
  /** @returns {UrlRecord} */
  function emptyRecord() {
    return { scheme: '', username: '', password: '', host: null, port: null, path: [], query: null, fragment: null };
  }
  /** @param {UrlRecord} u */
  function isSpecial(u) { return apply(I.hasOwn, SPECIAL, [u.scheme]); }
  /** @param {string} s */
  function isDriveLetter(s) { return s.length === 2 && isAlpha(apply(charCodeAt, s, [0])) && (s[1] === ':' || s[1] === '|'); }
  /**
   * A first file segment Node (Ada) keeps as a drive: it starts with a letter and ':' (the
   * URL Standard asks for exactly those two characters).
   * @param {string | undefined} segment
   */
  function isDrive(segment) { return segment !== undefined && segment.length >= 2 && isAlpha(apply(charCodeAt, segment, [0])) && segment[1] === ':'; }
  /** @param {UrlRecord} u */
  function shortenPath(u) {
    var path = /** @type {string[]} */ (u.path);
    if (u.scheme === 'file' && path.length === 1 && isDrive(path[0])) return;
    if (path.length) path.length--;
  }
  /** @param {string} s */
  function isDoubleDot(s) {
    s = apply(I.toLowerCase, s, []);
    return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e';
  }
  /** @param {string} s */
  function isSingleDot(s) { return s === '.' || apply(I.toLowerCase, s, []) === '%2e'; }
  /** @param {string[]} a */
  function copyList(a) {
    /** @type {string[]} */
    var out = [];
    for (var i = 0; i < a.length; i++) out[i] = a[i];
    return out;
  }


  var SCHEME_START = 1, SCHEME = 2, NO_SCHEME = 3, SPECIAL_RELATIVE_OR_AUTHORITY = 4, PATH_OR_AUTHORITY = 5,
    RELATIVE = 6, RELATIVE_SLASH = 7, SPECIAL_AUTHORITY_SLASHES = 8, SPECIAL_AUTHORITY_IGNORE_SLASHES = 9,
    AUTHORITY = 10, HOST = 11, HOSTNAME = 12, PORT = 13, FILE = 14, FILE_SLASH = 15, FILE_HOST = 16,
    PATH_START = 17, PATH_STATE = 18, OPAQUE_PATH = 19, QUERY_STATE = 20, FRAGMENT_STATE = 21;

  /**
   * The basic URL parser. Without `record` it parses a whole URL (FAILURE if invalid); with
   * `record` and `override` it is a setter's parse and changes `record` in place.
   * @param {string} input
   * @param {UrlRecord | null} base
   * @param {UrlRecord} [record]
   * @param {number} [override]
   * @returns {UrlRecord | null}
   */
  function parse(input, base, record, override) {
    var u = record || emptyRecord(), s = '', start = 0, end = input.length, i;
    if (!record) {
      while (start < end && apply(charCodeAt, input, [start]) <= 0x20) start++;
      while (end > start && apply(charCodeAt, input, [end - 1]) <= 0x20) end--;
    }
    for (i = start; i < end; i++) {
      var unit = apply(charCodeAt, input, [i]);
      if (unit !== 9 && unit !== 10 && unit !== 13) s += input[i];
    }
    var points = codePoints(s), cps = points.cps, chars = points.chars, n = cps.length;
    var state = override || SCHEME_START, buffer = '', atSign = false, brackets = false, passwordSeen = false;
    var authorityStart = 0, p = 0, c = 0, path = /** @type {string[]} */ (u.path);
    /** @param {number} k @returns {string} */
    function rest(k) { var out = ''; for (var j = p + k; j < n && j < p + k + 3; j++) out += chars[j]; return out; }
    /** The input from `p` starts with a Windows drive letter. */
    function startsWithDrive() {
      var r = rest(0);
      return r.length >= 2 && isDriveLetter(apply(stringSlice, r, [0, 2])) && (r.length === 2 || apply(I.stringIndexOf, '/\\?#', [r[2]]) >= 0);
    }
    for (;; p++) {
      c = p < n ? cps[p] : EOF;
      var special = isSpecial(u), slash = c === 47 || (special && c === 92);
      switch (state) {
        case SCHEME_START:
          if (isAlpha(c)) { buffer += I.fromCharCode(c | 32); state = SCHEME; }
          else if (!override) { state = NO_SCHEME; p--; }
          else return FAILURE;
          break;
        case SCHEME:
          if (isAlpha(c) || isDigit(c) || c === 43 || c === 45 || c === 46) buffer += I.fromCharCode(c < 65 ? c : c | 32);
          else if (c === 58) {
            if (override) {
              var nowSpecial = apply(I.hasOwn, SPECIAL, [buffer]);
              if (special !== nowSpecial) return u;
              if ((u.username !== '' || u.password !== '' || u.port !== null) && buffer === 'file') return u;
              if (u.scheme === 'file' && u.host === '') return u;
            }
            u.scheme = buffer;
            if (override) {
              if (u.port === SPECIAL[u.scheme]) u.port = null;
              return u;
            }
            buffer = '';
            if (u.scheme === 'file') state = FILE;
            else if (isSpecial(u) && base && base.scheme === u.scheme) state = SPECIAL_RELATIVE_OR_AUTHORITY;
            else if (isSpecial(u)) state = SPECIAL_AUTHORITY_SLASHES;
            else if (cps[p + 1] === 47) { state = PATH_OR_AUTHORITY; p++; }
            else { u.path = ''; state = OPAQUE_PATH; }
          } else if (!override) { buffer = ''; state = NO_SCHEME; p = -1; }
          else return FAILURE;
          break;
        case NO_SCHEME:
          if (!base || (typeof base.path === 'string' && c !== 35)) return FAILURE;
          if (typeof base.path === 'string') {
            u.scheme = base.scheme; u.path = base.path; u.query = base.query; u.fragment = ''; state = FRAGMENT_STATE;
          } else { state = base.scheme !== 'file' ? RELATIVE : FILE; p--; }
          break;
        case SPECIAL_RELATIVE_OR_AUTHORITY:
          if (c === 47 && cps[p + 1] === 47) { state = SPECIAL_AUTHORITY_IGNORE_SLASHES; p++; }
          else { state = RELATIVE; p--; }
          break;
        case PATH_OR_AUTHORITY:
          if (c === 47) { state = AUTHORITY; authorityStart = p + 1; }
          else { state = PATH_STATE; p--; }
          break;
        case RELATIVE:
          var b = /** @type {UrlRecord} */ (base);
          u.scheme = b.scheme;
          if (c === 47 || (isSpecial(u) && c === 92)) state = RELATIVE_SLASH;
          else {
            u.username = b.username; u.password = b.password; u.host = b.host; u.port = b.port;
            // Node (Ada) drops the base's empty query, where the URL Standard keeps "?".
            u.path = path = copyList(/** @type {string[]} */ (b.path)); u.query = b.query || null;
            if (c === 63) { u.query = ''; state = QUERY_STATE; }
            else if (c === 35) { u.fragment = ''; state = FRAGMENT_STATE; }
            else if (c !== EOF) { u.query = null; shortenPath(u); state = PATH_STATE; p--; }
          }
          break;
        case RELATIVE_SLASH:
          if (special && (c === 47 || c === 92)) state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          else if (c === 47) { state = AUTHORITY; authorityStart = p + 1; }
          else {
            b = /** @type {UrlRecord} */ (base);
            u.username = b.username; u.password = b.password; u.host = b.host; u.port = b.port;
            state = PATH_STATE; p--;
          }
          break;
        case SPECIAL_AUTHORITY_SLASHES:
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          if (c === 47 && cps[p + 1] === 47) p++;
          else p--;
          break;
        case SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c !== 47 && c !== 92) { state = AUTHORITY; authorityStart = p; p--; }
          break;
        case AUTHORITY:
          if (c === 64) {
            // Userinfo so far: the input since the authority started (or since the last '@').
            var userinfo = atSign ? '%40' : '';
            atSign = true;
            for (i = authorityStart; i < p; i++) {
              if (cps[i] === 58 && !passwordSeen) { passwordSeen = true; u.username += userinfo; userinfo = ''; continue; }
              userinfo += encodePoint(cps[i], chars[i], USERINFO);
            }
            if (passwordSeen) u.password += userinfo;
            else u.username += userinfo;
            authorityStart = p + 1;
          } else if (c === EOF || slash || c === 63 || c === 35) {
            if (atSign && authorityStart === p) return FAILURE;
            p = authorityStart - 1;
            state = HOST;
          }
          break;
        case HOST:
        case HOSTNAME:
          if (override && u.scheme === 'file') { p--; state = FILE_HOST; }
          else if (c === 58 && !brackets) {
            if (buffer === '') return FAILURE;
            if (override === HOSTNAME) return FAILURE;
            var host = parseHost(buffer, !special);
            if (host === FAILURE) return FAILURE;
            u.host = host; buffer = ''; state = PORT;
          } else if (c === EOF || slash || c === 63 || c === 35) {
            p--;
            if (special && buffer === '') return FAILURE;
            if (override && buffer === '' && (u.username !== '' || u.password !== '' || u.port !== null)) return FAILURE;
            host = parseHost(buffer, !special);
            if (host === FAILURE) return FAILURE;
            u.host = host; buffer = ''; state = PATH_START;
            if (override) return u;
          } else {
            if (c === 91) brackets = true;
            if (c === 93) brackets = false;
            buffer += chars[p];
          }
          break;
        case PORT:
          if (isDigit(c)) buffer += chars[p];
          else if (c === EOF || slash || c === 63 || c === 35 || override) {
            if (buffer !== '') {
              var port = 0;
              for (i = 0; i < buffer.length && port <= 65535; i++) port = port * 10 + apply(charCodeAt, buffer, [i]) - 48;
              if (port > 65535) return FAILURE;
              u.port = port === SPECIAL[u.scheme] ? null : port;
              buffer = '';
            }
            if (override) return u;
            state = PATH_START; p--;
          } else return FAILURE;
          break;
        case FILE:
          u.scheme = 'file';
          u.host = '';
          if (c === 47 || c === 92) state = FILE_SLASH;
          else if (base && base.scheme === 'file') {
            u.host = base.host; u.path = path = copyList(/** @type {string[]} */ (base.path)); u.query = base.query || null;
            if (c === 63) { u.query = ''; state = QUERY_STATE; }
            else if (c === 35) { u.fragment = ''; state = FRAGMENT_STATE; }
            else if (c !== EOF) {
              u.query = null;
              if (!startsWithDrive()) shortenPath(u);
              else u.path = path = [];
              state = PATH_STATE; p--;
            }
          } else { state = PATH_STATE; p--; }
          break;
        case FILE_SLASH:
          if (c === 47 || c === 92) state = FILE_HOST;
          else {
            if (base && base.scheme === 'file') {
              u.host = base.host;
              var first = /** @type {string[]} */ (base.path)[0];
              if (!startsWithDrive() && isDrive(first)) path[path.length] = first;
            }
            state = PATH_STATE; p--;
          }
          break;
        case FILE_HOST:
          if (c === EOF || c === 47 || c === 92 || c === 63 || c === 35) {
            p--;
            if (!override && isDriveLetter(buffer)) state = PATH_STATE;
            else if (buffer === '') {
              u.host = '';
              if (override) return u;
              state = PATH_START;
            } else {
              host = parseHost(buffer, !special);
              if (host === FAILURE) return FAILURE;
              u.host = host === 'localhost' ? '' : host;
              if (override) return u;
              buffer = ''; state = PATH_START;
            }
          } else buffer += chars[p];
          break;
        case PATH_START:
          if (special) { state = PATH_STATE; if (c !== 47 && c !== 92) p--; }
          else if (!override && c === 63) { u.query = ''; state = QUERY_STATE; }
          else if (!override && c === 35) { u.fragment = ''; state = FRAGMENT_STATE; }
          else if (c !== EOF) { state = PATH_STATE; if (c !== 47) p--; }
          else if (override && u.host === null) path[path.length] = '';
          break;
        case PATH_STATE:
          if (c === EOF || slash || (!override && (c === 63 || c === 35))) {
            if (isDoubleDot(buffer)) {
              shortenPath(u);
              if (!slash) path[path.length] = '';
            } else if (isSingleDot(buffer) && !slash) path[path.length] = '';
            else if (!isSingleDot(buffer)) {
              if (u.scheme === 'file' && path.length === 0 && isDriveLetter(buffer)) buffer = buffer[0] + ':';
              path[path.length] = buffer;
            }
            buffer = '';
            if (c === 63) { u.query = ''; state = QUERY_STATE; }
            if (c === 35) { u.fragment = ''; state = FRAGMENT_STATE; }
          } else buffer += encodePoint(c, chars[p], PATH);
          break;
        case OPAQUE_PATH:
          if (c === 63) { u.query = ''; state = QUERY_STATE; }
          else if (c === 35) { u.fragment = ''; state = FRAGMENT_STATE; }
          else if (c !== EOF) u.path += encodePoint(c, chars[p], C0);
          break;
        case QUERY_STATE:
          if (!override && c === 35) { u.fragment = ''; state = FRAGMENT_STATE; }
          else if (c !== EOF) u.query += encodePoint(c, chars[p], special ? SPECIAL_QUERY : QUERY);
          break;
        case FRAGMENT_STATE:
          if (c !== EOF) u.fragment += encodePoint(c, chars[p], FRAGMENT);
          break;
      }
      if (p >= n) return u;
    }
  }

  /** @param {UrlRecord} u */
  function pathname(u) {
    if (typeof u.path === 'string') return u.path;
    var out = '';
    for (var i = 0; i < u.path.length; i++) out += '/' + u.path[i];
    return out;
  }
  /** @param {UrlRecord} u */
  function serialize(u) {
    var out = u.scheme + ':';
    if (u.host !== null) {
      out += '//';
      if (u.username !== '' || u.password !== '') out += u.username + (u.password !== '' ? ':' + u.password : '') + '@';
      out += u.host + (u.port !== null ? ':' + u.port : '');
    } else if (typeof u.path !== 'string' && u.path.length > 1 && u.path[0] === '') out += '/.';
    out += pathname(u);
    if (u.query !== null) out += '?' + u.query;
    if (u.fragment !== null) out += '#' + u.fragment;
    return out;
  }
  /** @param {UrlRecord} u @returns {string} */
  function origin(u) {
    if (u.scheme === 'blob') {
      var inner = typeof u.path === 'string' ? parse(u.path, null) : FAILURE;
      return inner && (inner.scheme === 'http' || inner.scheme === 'https') ? origin(inner) : 'null';
    }
    if (u.scheme === 'file' || !isSpecial(u)) return 'null';
    return u.scheme + '://' + u.host + (u.port !== null ? ':' + u.port : '');
  }
  /** A URL with an opaque path loses its trailing spaces once it has no query or fragment. @param {UrlRecord} u */
  function stripOpaqueSpaces(u) {
    if (typeof u.path !== 'string' || u.fragment !== null || u.query !== null) return;
    var end = u.path.length;
    while (end > 0 && u.path[end - 1] === ' ') end--;
    u.path = apply(stringSlice, u.path, [0, end]);
  }

  /**
   * @param {unknown} input
   * @param {unknown} [base]
   */
  function invalidUrl(input, base) {
    var error = /** @type {any} */ (nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL'));
    error.input = input;
    if (base !== undefined) error.base = base;
    return error;
  }
  /**
   * The record `input` parses to against `base`, or FAILURE.
   * @param {unknown} input
   * @param {unknown} base
   */
  function parseWithBase(input, base) {
    var baseRecord = null;
    if (base !== undefined) {
      baseRecord = parse(usv(base), null);
      if (!baseRecord) return FAILURE;
    }
    return parse(usv(input), baseRecord);
  }

  /** @param {string} what */
  function missingArgs(what) { return nodeError(TypeError, 'ERR_MISSING_ARGS', 'The ' + what + ' must be specified'); }
  /** @type {(url: URL) => UrlRecord} */
  var recordOf;

  class URL {
    /** @type {UrlRecord} */
    #u;
    /** Created on first use of `searchParams` (compiling the urlSearchParams module). @type {any} */
    #params;
    /** @param {unknown} input @param {unknown} [base] */
    constructor(input, base) {
      if (arguments.length === 0) throw missingArgs('"url" argument');
      var record = parseWithBase(input, base);
      if (!record) throw invalidUrl(String(input), base === undefined ? undefined : String(base));
      this.#u = record;
    }
    static {
      recordOf = function (url) { return url.#u; };
    }
    /** @param {unknown} input @param {unknown} [base] */
    static canParse(input, base) {
      if (arguments.length === 0) throw missingArgs('"url" argument');
      return parseWithBase(input, base) !== FAILURE;
    }
    /** @param {unknown} input @param {unknown} [base] */
    static parse(input, base) {
      if (arguments.length === 0) throw missingArgs('"url" argument');
      return parseWithBase(input, base) === FAILURE ? null : new URL(input, base);
    }
    get href() { return serialize(this.#u); }
    set href(value) {
      var record = parse(usv(value), null);
      if (!record) throw invalidUrl(String(value));
      this.#u = record;
      this.#relink();
    }
    get origin() { return origin(this.#u); }
    get protocol() { return this.#u.scheme + ':'; }
    set protocol(value) { parse(usv(value) + ':', null, this.#u, SCHEME_START); }
    get username() { return this.#u.username; }
    set username(value) { if (this.#hasAuthority()) this.#u.username = encodeString(usv(value), USERINFO); }
    get password() { return this.#u.password; }
    set password(value) { if (this.#hasAuthority()) this.#u.password = encodeString(usv(value), USERINFO); }
    get host() {
      var u = this.#u;
      return u.host === null ? '' : u.port === null ? u.host : u.host + ':' + u.port;
    }
    set host(value) { if (typeof this.#u.path !== 'string') parse(usv(value), null, this.#u, HOST); }
    get hostname() { return this.#u.host === null ? '' : this.#u.host; }
    set hostname(value) { if (typeof this.#u.path !== 'string') parse(usv(value), null, this.#u, HOSTNAME); }
    get port() { return this.#u.port === null ? '' : String(this.#u.port); }
    set port(value) {
      if (!this.#hasAuthority()) return;
      var s = usv(value), clean = '', digits = false;
      for (var i = 0; i < s.length; i++) {
        if (s[i] !== '\t' && s[i] !== '\n' && s[i] !== '\r') clean += s[i];
        if (isDigit(apply(charCodeAt, s, [i]))) digits = true;
      }
      var first = clean === '' ? EOF : apply(charCodeAt, clean, [0]);
      // As Node (Ada): a value that starts with anything but a digit, a control, a space or
      // '-', and holds a digit further on, removes the port (the URL Standard keeps it).
      if (first === EOF || (digits && !isDigit(first) && first > 0x20 && first !== 45)) this.#u.port = null;
      else parse(s, null, this.#u, PORT);
    }
    get pathname() { return pathname(this.#u); }
    set pathname(value) {
      if (typeof this.#u.path === 'string') return;
      this.#u.path = [];
      parse(usv(value), null, this.#u, PATH_START);
    }
    get search() { var q = this.#u.query; return q === null || q === '' ? '' : '?' + q; }
    set search(value) {
      var u = this.#u, s = usv(value);
      if (s === '') {
        u.query = null;
        this.#relink();
        stripOpaqueSpaces(u);
        return;
      }
      if (s[0] === '?') s = apply(stringSlice, s, [1]);
      u.query = '';
      parse(s, null, u, QUERY_STATE);
      this.#relink();
    }
    get searchParams() {
      if (!this.#params) {
        this.#params = new (params().URLSearchParams)();
        this.#relink();
      }
      return this.#params;
    }
    /** Gives `searchParams` (once it exists) the list of the current query. */
    #relink() {
      if (!this.#params) return;
      var kit = params(), query = this.#u.query;
      kit.attach(this.#params, (/** @type {string} */ serialized) => {
        var u = this.#u;
        u.query = serialized === '' ? null : serialized;
        if (serialized === '') stripOpaqueSpaces(u);
      }, query ? kit.parse(query) : []);
    }
    get hash() { var f = this.#u.fragment; return f === null || f === '' ? '' : '#' + f; }
    set hash(value) {
      var u = this.#u, s = usv(value);
      if (s === '') { u.fragment = null; stripOpaqueSpaces(u); return; }
      if (s[0] === '#') s = apply(stringSlice, s, [1]);
      u.fragment = '';
      parse(s, null, u, FRAGMENT_STATE);
    }
    /** A URL that has a host other than '' and is not file: can carry credentials and a port. */
    #hasAuthority() { var u = this.#u; return u.host !== null && u.host !== '' && u.scheme !== 'file'; }
    toString() { return serialize(this.#u); }
    toJSON() { return serialize(this.#u); }
  }

  I.defineProperty(URL.prototype, I.toStringTag, { value: 'URL', configurable: true });
  return {
    URL: URL,
    /** @param {unknown} value */
    hrefOf: function (value) {
      try { return serialize(recordOf(/** @type {URL} */ (value))); } catch (e) { return undefined; }
    }
  };
});
