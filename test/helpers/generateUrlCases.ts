// A generated corpus for property tests of the sandbox's URL against Node's: absolute URLs
// (special and non-special schemes, userinfo, IPv4/IPv6/IDNA hosts, ports, paths with dot
// segments, queries and fragments full of characters the encode sets treat differently),
// relative references against bases, setters, and URLSearchParams operations.
//
// Node 20's URL parser (Ada) departs from the URL Standard in a few corners the sandbox does
// not copy, so the corpus stays out of them: dot segments and segments starting with '.' in
// non-special URLs, segments like '.a' (Ada then skips normalising the rest of the path),
// relative references against non-special bases, and setters on non-special URLs.
import { pickOne, randomInt } from './randomCodecInputs';

type Random = () => number;

export interface UrlCases {
  /** `new URL(input[, base])`. */
  parse: { input: string; base?: string }[];
  /** `url[setter] = value` on `new URL(input)`. */
  setters: { input: string; setter: string; value: string }[];
  /** `new URLSearchParams(query)`, then each operation. */
  params: { query: string; ops: [string, string, string][] }[];
}

const SPECIAL_SCHEMES = ['http', 'https', 'HTTP', 'ws', 'wss', 'ftp', 'file', 'FILE'];
const OTHER_SCHEMES = ['foo', 'sc', 'a+b-c.d', 'mailto', 'blob', 'javascript', 'data', 'Sc'];
const BAD_SCHEMES = ['', '1abc', 'ht tp'];
const SLASHES = ['//', '//', '//', '/', '', '\\\\', '///', '/\\', '\\', '////'];
const HOSTS = ['example.com', 'EXAMPLE.COM', 'a.b.c', 'localhost', '1.2.3.4', '0x7f.0.0.1', '010.1', '4294967295',
  '4294967296', '256.1.1.1', '1.2.3.4.5', '999', '1.2.3.', '0x', '09.1', 'foo.0x10', 'foo.09', '1.0x100', '0.0.0x300',
  '[::1]', '[1:2::3]', '[::ffff:1.2.3.4]', '[0:0:0:0:0:0:0:1]', '[1::2::3]', '[::1', '[z::]', '[1:0:0:2:0:0:0:3]', '[::]',
  '[1:2:3:4:5:6:7:8]', '[1:2:3:4:5:6:7:8:9]', 'a%20b', 'a_b', 'a!b', 'a$b', 'xn--ls8h', 'xn--a', '%41.com', 'a..b',
  '.', '', 'a b', 'a%b', 'a<b', 'x^y', '-a-', 'ä.com', 'münchen.de', 'ＡＢＣ.com', 'a\u3002b', '%e4%bd%a0.com', '%ff.com'];
const PORTS = ['80', '443', '8080', '0', '65535', '65536', '', 'abc', '00080', '21', '1a', '99999999999'];
const DOT_SEGMENTS = ['..', '.', '%2e', '%2E.', '.%2e', '%2e%2E'];
const PLAIN_SEGMENTS = ['a', 'b', 'c d', 'C:', 'c|', 'D|', '', 'x.y', 'é'];
/** Characters the percent-encode sets disagree about, non-ASCII, controls, a lone surrogate. */
const ODD = [' ', '"', '<', '>', '`', '{', '}', '|', '^', '[', ']', '\\', "'", '%', '%20', '%zz', '%2F', '@', ':', ';',
  '=', '&', '+', '$', ',', '!', '~', '(', ')', '*', 'é', '€', '😀', '\ud800', '\u0000', '\u001f', '\u007f', '\u00a0',
  '\t', '\n', '#', '?', '/'];
const RELATIVE = ['', '?x', '#y', '/p', '//h/p', '../a', './b', 'c', 'g:h', '\\\\x\\y', 'C:/x', '/C|/x', '..', '.',
  'a/../../b', '?', '#', '///x', 'http:x', 'http:/x', 'https:x', 'file:x', '/..', 'd;p?q', '%2e%2e/x', 'x y', '\\x',
  'file:..', '//', 'sc:', '  /lead', 'ftp:x'];

/** A few characters, none of them `excluded`, never starting with '.'. */
function word(random: Random, excluded: string): string {
  let text = '';
  const length = randomInt(random, 5);
  for (let i = 0; i < length; i++) {
    const odd = ODD.filter((c) => !excluded.includes(c));
    text += random() < 0.6 ? pickOne(random, 'abcXYZ019-_.'.split('')) : pickOne(random, odd);
  }
  return text.startsWith('.') ? `x${text}` : text;
}

function maybe(random: Random, chance: number, make: () => string): string {
  return random() < chance ? make() : '';
}

/** An absolute URL (or something close to one); `special` picks the scheme family. */
function absoluteUrl(random: Random, special: boolean): string {
  const scheme = random() < 0.05 ? pickOne(random, BAD_SCHEMES) : pickOne(random, special ? SPECIAL_SCHEMES : OTHER_SCHEMES);
  let url = maybe(random, 0.1, () => pickOne(random, [' ', '\u0001', '\t', '\n '])) + scheme + ':' + pickOne(random, SLASHES);
  url += maybe(random, 0.2, () => word(random, '/\\?#') + maybe(random, 0.5, () => `:${word(random, '/\\?#')}`) + '@');
  url += random() < 0.85 ? pickOne(random, HOSTS) : word(random, '/\\');
  url += maybe(random, 0.3, () => `:${pickOne(random, PORTS)}`);
  const segments = randomInt(random, 5);
  for (let i = 0; i < segments; i++) {
    const separator = pickOne(random, ['/', '/', '/', '\\']);
    if (special && random() < 0.3) url += separator + pickOne(random, DOT_SEGMENTS);
    else url += separator + (random() < 0.5 ? pickOne(random, PLAIN_SEGMENTS) : word(random, special ? '/\\?#' : '?#.'));
  }
  url += maybe(random, 0.4, () => `?${word(random, '#')}` + maybe(random, 0.5, () => `&${word(random, '#')}=${word(random, '#')}`));
  url += maybe(random, 0.3, () => `#${word(random, '')}`);
  return url + maybe(random, 0.1, () => pickOne(random, [' ', '\u0001', '\t', '  ']));
}

/** A value for `setter`, from values that exercise its state override or random text. */
function setterValue(random: Random, setter: string): string {
  const values: Record<string, string[]> = {
    protocol: ['https', 'http:', 'file', 'foo', 'ws:x', 'h t', '', 'FTP', 'wss'],
    port: ['8080', '', '80', 'abc', '12ab', '65536', '443', '0', '00021'],
    host: ['b.com', 'b.com:81', 'B.COM:abc', '', '[::2]', 'a b', 'x:99999', 'ä', 'h:'],
    hostname: ['b.com', 'b:5', '', '1.2.3.4', '[::1]', 'a%20', '0x10.1'],
    pathname: ['/a/../b', 'c d', '', '/%2e/x', '\\x\\y', '?#'],
  };
  if (setter === 'href') return absoluteUrl(random, random() < 0.7);
  const known = values[setter];
  return known && random() < 0.6 ? pickOne(random, known) : word(random, setter === 'pathname' ? '.' : '');
}

/** Names and values of form-encoded text: escapes (valid or not), '+', '&', '=', non-ASCII. */
const FORM = ['=', '&', '+', ' ', '%26', '%2', '%zz', 'é', '%C3%A9', '%ff', '\ud800', '?', '%20', '😀', '%41'];

function formWord(random: Random): string {
  let text = '';
  const length = randomInt(random, 6);
  for (let i = 0; i < length; i++) text += random() < 0.5 ? pickOne(random, 'abXY019-_.*~'.split('')) : pickOne(random, FORM);
  return text;
}

/** `count` cases of each kind. */
export function generateUrlCases(random: Random, count: number): UrlCases {
  const cases: UrlCases = { parse: [], setters: [], params: [] };
  const bases: string[] = [];
  for (let i = 0; i < count; i++) {
    const special = random() < 0.7;
    const input = absoluteUrl(random, special);
    cases.parse.push({ input });
    if (special && URL.canParse(input)) bases.push(input);
  }
  for (let i = 0; i < count && bases.length; i++) {
    const input = random() < 0.6 ? pickOne(random, RELATIVE) + maybe(random, 0.3, () => pickOne(random, ['/', '?', '#']) + word(random, '.')) : absoluteUrl(random, true);
    cases.parse.push({ input, base: pickOne(random, bases) });
  }
  const setters = ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
  for (let i = 0; i < count && bases.length; i++) {
    const setter = pickOne(random, setters);
    cases.setters.push({ input: pickOne(random, bases), setter, value: setterValue(random, setter) });
  }
  const operations = ['append', 'set', 'delete', 'sort', 'get', 'getAll', 'has'];
  for (let i = 0; i < count / 2; i++) {
    const ops: [string, string, string][] = [];
    for (let j = randomInt(random, 6); j > 0; j--) ops.push([pickOne(random, operations), formWord(random), formWord(random)]);
    cases.params.push({ query: `${formWord(random)}&${formWord(random)}=${formWord(random)}`, ops });
  }
  return cases;
}
