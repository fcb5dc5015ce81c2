// Checks of Buffer, TextDecoder and URL that run unchanged in Node and in the sandbox: each is
// the source of a function from an array of cases to an array of JSON-able results (an
// exception becomes [name, code]). Node's results are the expected ones; the sandbox program
// recomputes them and asserts each, so its verdict alone tells whether they agree.

/** Shared helpers, declared first in every check. */
const HELPERS = String.raw`
  function attempt(f) { try { return f(); } catch (e) { return ['throws', e.name, e.code || null]; } }
  function hex(b) { var s = ''; for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16); return s; }
  function num(x) { return typeof x === 'bigint' ? x + 'n' : Object.is(x, -0) ? '-0' : String(x); }
  function arg(x) { return x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : x === 'undefined' ? undefined : x; }
`;

/** Encodings (and aliases, in any case) every string and byte string goes through. */
const ENCODINGS = "['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'utf16le', 'binary', 'ucs2', 'UTF-8', 'Base64']";

/** Buffer encode/decode round trips: `{ bytes, text }` through every encoding. */
export const CODEC_CHECK = String.raw`(function (cases) {${HELPERS}
  return cases.map(function (c) {
    var bytes = Buffer.from(c.bytes);
    return ${ENCODINGS}.map(function (enc) {
      var decoded = bytes.toString(enc);
      return [decoded, hex(Buffer.from(c.text, enc)), Buffer.byteLength(c.text, enc), hex(Buffer.from(decoded, enc)),
        hex(Buffer.from(bytes.toString(enc, c.start, c.end), enc)), hex(new TextEncoder().encode(c.text))];
    });
  });
})`;

/** Buffer operations on two byte strings `a`, `b`, offsets `i`, `j`, `k`, a string `s` and number `v`. */
export const OPERATIONS_CHECK = String.raw`(function (cases) {${HELPERS}
  var READS = ['readUInt8', 'readInt8', 'readUInt16LE', 'readUInt16BE', 'readInt16LE', 'readInt16BE', 'readUInt32LE',
    'readUInt32BE', 'readInt32LE', 'readInt32BE', 'readFloatLE', 'readFloatBE', 'readDoubleLE', 'readDoubleBE',
    'readBigUInt64LE', 'readBigInt64BE', 'readUint16LE'];
  return cases.map(function (c) {
    var a = Buffer.from(c.a), b = Buffer.from(c.b), out = [];
    c = { a: c.a, b: c.b, i: arg(c.i), j: arg(c.j), k: arg(c.k), v: arg(c.v), s: c.s, enc: c.enc };
    out.push(attempt(function () { return hex(Buffer.concat([a, b, new Uint8Array(c.b)])); }));
    // A large totalLength would really allocate (2 GiB for 2 ** 31): small ones only.
    out.push(attempt(function () { return hex(Buffer.concat([a, b], c.i > 64 ? 64 : c.i)); }));
    out.push(attempt(function () { return hex(a.slice(c.i, c.j)); }), attempt(function () { return hex(a.subarray(c.i)); }));
    out.push(attempt(function () { var t = Buffer.from(c.a), view = t.slice(1); if (view.length) view[0] = 255 - view[0]; return [hex(t), view.buffer === t.buffer, view.byteOffset - t.byteOffset]; }));
    out.push(Buffer.compare(a, b), a.equals(b), attempt(function () { return a.compare(b, c.i, c.j, c.k); }));
    out.push(a.indexOf(b.slice(0, 2), c.i), a.lastIndexOf(b.slice(0, 1), c.i));
    out.push(attempt(function () { return [a.indexOf(c.v, c.i), a.lastIndexOf(c.v, c.j)]; }));
    out.push(attempt(function () { return [a.indexOf(c.s, c.i, c.enc), a.lastIndexOf(c.s, c.j, c.enc), a.includes(c.s, c.enc)]; }));
    out.push(attempt(function () { var t = Buffer.from(c.b); return [a.copy(t, c.i, c.j, c.k), hex(t)]; }));
    out.push(attempt(function () { var t = Buffer.from(c.a); return [t.copy(t, c.i, c.j), hex(t)]; }));
    out.push(attempt(function () { return hex(Buffer.alloc(c.a.length).fill(c.s, c.i, c.j, c.enc)); }));
    out.push(attempt(function () { return hex(Buffer.alloc(c.a.length, c.v)); }), attempt(function () { return hex(Buffer.alloc(c.a.length).fill(b)); }));
    out.push(attempt(function () { var t = Buffer.alloc(c.a.length); return [t.write(c.s, c.i, c.enc), hex(t)]; }));
    out.push(attempt(function () { var t = Buffer.alloc(c.a.length); return [t.write(c.s, c.i, c.j, c.enc), hex(t)]; }));
    READS.forEach(function (name) { out.push(attempt(function () { return num(a[name](c.i)); })); });
    READS.forEach(function (name) {
      out.push(attempt(function () {
        var t = Buffer.from(c.a), value = name.indexOf('Big') >= 0 ? BigInt(c.v) * 4294967296n - 7n : c.v;
        return [t['write' + name.slice(4)](value, c.i), hex(t)];
      }));
    });
    out.push(attempt(function () { return num(a.readUIntBE(c.i, c.k)); }), attempt(function () { return num(a.readIntLE(c.i, c.k)); }));
    out.push(attempt(function () { var t = Buffer.from(c.a); return [t.writeIntBE(c.v, c.i, c.k), hex(t)]; }));
    out.push(attempt(function () { return hex(Buffer.from(c.a).swap16()); }), attempt(function () { return hex(Buffer.from(c.a).swap32()); }));
    out.push(JSON.stringify(a), Buffer.isBuffer(a), Buffer.isBuffer(new Uint8Array(2)), a instanceof Uint8Array);
    return out;
  });
})`;

/** TextDecoder on `bytes`, whole and streamed in three parts cut at `cut1` <= `cut2`. */
export const DECODER_CHECK = String.raw`(function (cases) {${HELPERS}
  return cases.map(function (c) {
    var bytes = new Uint8Array(c.bytes), options = { fatal: c.fatal, ignoreBOM: c.ignoreBOM };
    var decoder = new TextDecoder('utf-8', options);
    return [
      attempt(function () { return decoder.decode(bytes); }),
      attempt(function () {
        decoder = new TextDecoder('utf-8', options);
        return [decoder.decode(bytes.subarray(0, c.cut1), { stream: true }), decoder.decode(bytes.subarray(c.cut1, c.cut2), { stream: true }),
          decoder.decode(bytes.subarray(c.cut2)), decoder.decode(bytes.subarray(0, 3))];
      }),
      Buffer.from(c.bytes).toString(), decoder.encoding, decoder.fatal, decoder.ignoreBOM
    ];
  });
})`;

/** URL parsing, setters and URLSearchParams (cases from generateUrlCases). */
export const URL_CHECK = String.raw`(function (cases) {${HELPERS}
  function fields(u) {
    return [u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search,
      u.hash, String(u.searchParams), u.searchParams.size, JSON.stringify(u), String(u)];
  }
  var parsed = cases.parse.map(function (c) {
    return [attempt(function () { return fields(c.base === undefined ? new URL(c.input) : new URL(c.input, c.base)); }),
      URL.canParse(c.input, c.base)];
  });
  var set = cases.setters.map(function (c) {
    return attempt(function () { var u = new URL(c.input); u[c.setter] = c.value; return fields(u); });
  });
  var params = cases.params.map(function (c) {
    return attempt(function () {
      var p = new URLSearchParams(c.query), out = [];
      c.ops.forEach(function (op) { out.push(op[0] === 'sort' ? p.sort() : op[0] === 'get' || op[0] === 'getAll' ? p[op[0]](op[1]) : p[op[0]](op[1], op[2])); });
      var url = new URL('http://h/?' + c.query);
      url.searchParams.append(c.ops.length ? c.ops[0][1] : 'k', 'v w');
      return [out, String(p), p.size, Array.from(p.keys()), Array.from(p.entries()), url.href, url.search];
    });
  });
  return parsed.concat(set, params);
})`;

/** Results of `check` on `cases` in Node: the expected ones. */
export function runInNode(check: string, cases: unknown): unknown[] {
  return new Function(`return ${check};`)()(cases) as unknown[];
}

/**
 * A sandbox program that runs `check` on `cases` and asserts each result against Node's
 * (`expected`), naming the first case that differs.
 */
export function checkProgram(check: string, cases: unknown, caseList: unknown[], expected: unknown[]): string {
  return [
    "const assert = require('assert');",
    `const cases = ${JSON.stringify(cases)};`,
    `const list = ${JSON.stringify(caseList)};`,
    `const expected = ${JSON.stringify(expected)};`,
    `const actual = JSON.parse(JSON.stringify((${check})(cases)));`,
    'assert.strictEqual(actual.length, expected.length);',
    'for (let i = 0; i < expected.length; i++) assert.deepStrictEqual(actual[i], expected[i], `case ${i}: ${JSON.stringify(list[i])}`);',
  ].join('\n');
}
