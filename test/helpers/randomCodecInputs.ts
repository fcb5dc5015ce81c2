// Random byte strings and JavaScript strings for property tests of the sandbox's Buffer and
// TextDecoder: biased towards what breaks codecs (UTF-8 lead and continuation bytes at their
// range limits, surrogates, lone surrogates, BOMs, base64 and hex alphabet characters).

type Random = () => number;

/** A random integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** A random element of `items`. */
export function pickOne<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)];
}

/** Bytes that sit on the edges of UTF-8's ranges. */
const EDGE_BYTES = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbb, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];

/** `length` random bytes, a third of them UTF-8 edge bytes. */
export function randomBytes(random: Random, length: number): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < length; i++) bytes.push(random() < 0.35 ? pickOne(random, EDGE_BYTES) : randomInt(random, 256));
  return bytes;
}

const SPECIAL_TEXT = ['\ud800', '\udbff', '\udc00', '\udfff', '\ufeff', '\ufffd', '=', '-', '_', '+', '/', ' ', '\n', '\0'];
const ALPHABET = '0123456789abcdefABCDEFxyzXYZ';

/**
 * A string of `length` code units or so: ASCII, Latin-1, BMP, astral characters (surrogate
 * pairs), lone surrogates and base64/hex alphabet characters.
 */
export function randomText(random: Random, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.35) text += String.fromCharCode(32 + randomInt(random, 95));
    else if (r < 0.5) text += String.fromCharCode(randomInt(random, 256));
    else if (r < 0.65) text += String.fromCharCode(randomInt(random, 0x10000));
    else if (r < 0.75) text += String.fromCodePoint(0x10000 + randomInt(random, 0x100000));
    else if (r < 0.88) text += pickOne(random, SPECIAL_TEXT);
    else text += ALPHABET[randomInt(random, ALPHABET.length)];
  }
  return text;
}
