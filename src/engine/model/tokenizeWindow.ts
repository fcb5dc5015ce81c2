/** Turns text into tokens (node-llama-cpp's synchronous `model.tokenize`). */
export type Tokenize<T> = (text: string) => T[];

// Code averages 3–4 characters a token, so the first window usually holds enough tokens.
const CHARS_PER_TOKEN = 4;
const GROWTH = 4;

/**
 * The tokens of the end (`side: 'end'`) or the start of `text`: at least `wanted` of them, or
 * all when the text has fewer. Only a window of the text next to that side is tokenised, grown
 * until it holds enough tokens — tokenisation blocks the thread, and a prompt is clipped to the
 * context anyway, so a 10,000-line document must cost no more than the part of it that fits.
 * The token at the cut may differ from that of the whole text's tokenisation and is dropped.
 */
export function tokenizeWindow<T>(text: string, wanted: number, side: 'start' | 'end', tokenize: Tokenize<T>): T[] {
  for (let window = Math.max(1, wanted) * CHARS_PER_TOKEN; window < text.length; window *= GROWTH) {
    const tokens = tokenize(side === 'end' ? text.slice(cutFromEnd(text, window)) : text.slice(0, cutFromStart(text, window)));
    if (tokens.length > wanted) return side === 'end' ? tokens.slice(1) : tokens.slice(0, -1);
  }
  return tokenize(text);
}

/** Start of the last `window` characters, moved forward off a surrogate pair's second half. */
function cutFromEnd(text: string, window: number): number {
  const cut = text.length - window;
  return isLowSurrogate(text.charCodeAt(cut)) ? cut + 1 : cut;
}

/** End of the first `window` characters, moved back off a surrogate pair's first half. */
function cutFromStart(text: string, window: number): number {
  return isHighSurrogate(text.charCodeAt(window - 1)) ? window - 1 : window;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
