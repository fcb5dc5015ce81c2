import { LruCache } from './LruCache';

/** Where a suggestion was made: the text around the cursor (clipped) identifies it. */
export interface SuggestionKey {
  prefix: string;
  suffix: string;
}

// Enough context to tell positions apart without hashing whole files on every keystroke.
const PREFIX_CHARS = 2000;
const SUFFIX_CHARS = 500;

const keyOf = ({ prefix, suffix }: SuggestionKey): string =>
  `${prefix.slice(-PREFIX_CHARS)}\u0000${suffix.slice(0, SUFFIX_CHARS)}`;

/**
 * Remembers suggestions so that showing the same position again is instant, and so that a
 * suggestion stays valid while the user types what it predicted (the typed characters are
 * stepped back over to find it, as llama.vscode does).
 */
export class SuggestionMemory {
  private readonly cache: LruCache<string, string>;

  /** @param capacity suggestions kept. Default 100. */
  constructor(capacity = 100) {
    this.cache = new LruCache(capacity);
  }

  remember(key: SuggestionKey, text: string): void {
    if (text) this.cache.set(keyOf(key), text);
  }

  /**
   * The suggestion for this position: an exact hit, or one made up to `maxStepBack` characters
   * earlier on the same line whose start is exactly what was typed since.
   */
  recall(key: SuggestionKey, maxStepBack = 64): string | undefined {
    const exact = this.cache.get(keyOf(key));
    if (exact !== undefined) return exact;
    for (let back = 1; back <= Math.min(maxStepBack, key.prefix.length); back++) {
      const typed = key.prefix.slice(-back);
      if (typed.includes('\n')) return undefined;
      const earlier = this.cache.get(keyOf({ prefix: key.prefix.slice(0, -back), suffix: key.suffix }));
      if (earlier !== undefined && earlier.startsWith(typed) && earlier.length > typed.length) return earlier.slice(typed.length);
    }
    return undefined;
  }

  clear(): void {
    this.cache.clear();
  }
}
