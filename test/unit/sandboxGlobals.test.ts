import assert from 'node:assert/strict';
import type { RunOutcome } from '../../src/engine/sandbox/Sandbox';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { seededRandom } from '../../src/engine/tune/splitProblems';
import { generateUrlCases } from '../helpers/generateUrlCases';
import { CODEC_CHECK, checkProgram, DECODER_CHECK, OPERATIONS_CHECK, runInNode, URL_CHECK } from '../helpers/globalsChecks';
import { pickOne, randomBytes, randomInt, randomText } from '../helpers/randomCodecInputs';

// The sandbox's Buffer, TextEncoder/TextDecoder, URL and URLSearchParams (pure JavaScript in
// src/engine/sandbox/guest/) against Node's own, on generated inputs: Node computes the
// expected results, and a sandbox program recomputes them and asserts each one, so the run's
// verdict says whether they agree (its message names the first case that differs).
// GLOBALS_SEED=<n> reruns one generation; GLOBALS_CASES=<n> makes it longer.
const SEED = Number(process.env.GLOBALS_SEED ?? 11);
const CASES = Number(process.env.GLOBALS_CASES ?? 150);
/** Offsets and values: in range, out of range, fractional, negative, special, the wrong type. */
const NUMBERS = [0, 1, 2, 3, 4, 7, -1, -3, 0.5, 1.5, 100, 2 ** 31, -(2 ** 31) - 5, 255, 256, -129, 65536, 2 ** 32,
  'NaN', 'Infinity', '-Infinity', 'undefined', null, '1'];
const ENCODINGS = ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'utf16le', 'ucs2', 'UTF-8', 'nope'];

describe('sandbox globals: Buffer, TextEncoder/TextDecoder, URL (against Node)', function () {
  this.timeout(60_000);
  const pool = new SandboxPool({ size: 1 });
  after(() => pool.dispose());

  async function expectAgreement(check: string, cases: unknown, list: unknown[]): Promise<void> {
    const expected = JSON.parse(JSON.stringify(runInNode(check, cases))) as unknown[];
    const outcome = await pool.run({ code: checkProgram(check, cases, list, expected), timeoutMs: 20_000 });
    assert.equal(outcome.status, 'pass', outcome.message);
  }

  it('Buffer encodes and decodes random bytes and strings like Node, in every encoding', async () => {
    const random = seededRandom(SEED);
    const cases = Array.from({ length: CASES }, () => {
      const bytes = randomBytes(random, randomInt(random, 24));
      return { bytes, text: randomText(random, randomInt(random, 16)), start: randomInt(random, 6), end: randomInt(random, 30) };
    });
    await expectAgreement(CODEC_CHECK, cases, cases);
  });

  it('Buffer operations (concat, slice, compare, indexOf, copy, fill, write, read*/write*) agree with Node', async () => {
    const random = seededRandom(SEED + 1);
    const cases = Array.from({ length: CASES }, () => {
      const a = randomBytes(random, randomInt(random, 12));
      const b = random() < 0.5 && a.length ? a.slice(randomInt(random, a.length)) : randomBytes(random, randomInt(random, 4));
      const [i, j, k, v] = [0, 0, 0, 0].map(() => pickOne(random, NUMBERS));
      return { a, b, i, j, k, v, s: randomText(random, randomInt(random, 4)), enc: pickOne(random, ENCODINGS) };
    });
    await expectAgreement(OPERATIONS_CHECK, JSON.parse(JSON.stringify(cases)), cases);
  });

  it('TextDecoder decodes random (often malformed) UTF-8 like Node, whole and streamed', async () => {
    const random = seededRandom(SEED + 2);
    const cases = Array.from({ length: CASES }, () => {
      const bytes = randomBytes(random, randomInt(random, 24));
      if (random() < 0.2) bytes.unshift(0xef, 0xbb, 0xbf);
      const cuts = [randomInt(random, bytes.length + 1), randomInt(random, bytes.length + 1)].sort((x, y) => x - y);
      return { bytes, cut1: cuts[0], cut2: cuts[1], fatal: random() < 0.2, ignoreBOM: random() < 0.3 };
    });
    await expectAgreement(DECODER_CHECK, cases, cases);
  });

  it('URL parses, resolves and updates a generated corpus like Node; URLSearchParams too', async () => {
    const cases = generateUrlCases(seededRandom(SEED + 3), CASES * 2);
    await expectAgreement(URL_CHECK, cases, [...cases.parse, ...cases.setters, ...cases.params]);
  });

  describe('behaviour', () => {
    const A = "const assert = require('assert');\n";
    async function expectStatus(code: string, status: RunOutcome['status']): Promise<RunOutcome> {
      const outcome = await pool.run({ code });
      assert.equal(outcome.status, status, `${code}\n→ ${JSON.stringify(outcome)}`);
      return outcome;
    }

    it('Buffer is a Uint8Array subclass whose slices share memory', async () => {
      await expectStatus(`${A}const b = Buffer.from('hello');
assert.ok(b instanceof Uint8Array && Buffer.isBuffer(b) && !Buffer.isBuffer(new Uint8Array(1)));
const s = b.slice(1, 3); s[0] = 0x45;
assert.strictEqual(b.toString(), 'hEllo');
assert.ok(b.subarray(1) instanceof Buffer && b.map((x) => x + 1) instanceof Buffer);
assert.deepStrictEqual(Buffer.of(1, 2), Buffer.from([1, 2]));
assert.notDeepStrictEqual(Buffer.from([1]), new Uint8Array([1]));`, 'pass');
    });

    it('bad input throws the error Node throws, with its code and message', async () => {
      await expectStatus(`${A}assert.throws(() => Buffer.alloc(-1), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => Buffer.from('a', 'nope'), { name: 'TypeError', code: 'ERR_UNKNOWN_ENCODING', message: 'Unknown encoding: nope' });
assert.throws(() => Buffer.from(5), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => Buffer.alloc(2).readUInt32LE(0), { name: 'RangeError', code: 'ERR_BUFFER_OUT_OF_BOUNDS' });
assert.throws(() => Buffer.alloc(4).readUInt8(4), { message: 'The value of "offset" is out of range. It must be >= 0 and <= 3. Received 4' });
assert.throws(() => Buffer.alloc(1).writeUInt8(256), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => new TextDecoder('latin2'), RangeError);
assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])), { name: 'TypeError', code: 'ERR_ENCODING_INVALID_ENCODED_DATA' });
assert.throws(() => new URL('nope'), { name: 'TypeError', code: 'ERR_INVALID_URL', message: 'Invalid URL', input: 'nope' });
assert.throws(() => new URL('/x', 'also nope'), { code: 'ERR_INVALID_URL', base: 'also nope' });`, 'pass');
    });

    it('a URL and its searchParams stay linked, and URLs compare by href', async () => {
      await expectStatus(`${A}const u = new URL('https://user:pw@EXAMPLE.com:443/a/./b/../c?x=1&y=a+b#frag');
assert.strictEqual(u.href, 'https://user:pw@example.com/a/c?x=1&y=a+b#frag');
assert.strictEqual(u.origin, 'https://example.com');
u.searchParams.append('z', 'ü &');
assert.strictEqual(u.search, '?x=1&y=a+b&z=%C3%BC+%26');
u.search = '?q=2';
assert.deepStrictEqual([...u.searchParams], [['q', '2']]);
u.port = '8443'; u.hostname = 'example.org'; u.hash = '';
assert.strictEqual(String(u), 'https://user:pw@example.org:8443/a/c?q=2');
assert.deepStrictEqual(new URL('http://a/b'), new URL('HTTP://A/b'));
assert.strictEqual(URL.canParse('x'), false);
assert.strictEqual(Object.prototype.toString.call(u), '[object URL]');`, 'pass');
      await expectStatus(`${A}assert.deepStrictEqual(new URL('http://a/b'), new URL('http://a/c'));`, 'fail');
      await expectStatus(`${A}assert.deepEqual(new URL('http://a/b'), new URL('http://a/c'));`, 'fail');
    });

    it('the globals are read-only, and require("buffer") / require("url") return them', async () => {
      await expectStatus(`${A}Buffer = null; globalThis.URL = null;
try { Object.defineProperty(globalThis, 'TextDecoder', { value: null }); } catch (e) {}
assert.strictEqual(typeof Buffer, 'function');
assert.strictEqual(typeof URL, 'function');
assert.strictEqual(typeof TextDecoder, 'function');
assert.strictEqual(require('buffer').Buffer, Buffer);
assert.strictEqual(require('node:url').URLSearchParams, URLSearchParams);`, 'pass');
    });
  });
});
