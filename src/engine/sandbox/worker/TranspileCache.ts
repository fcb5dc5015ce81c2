import { LruCache } from '../../complete/LruCache';

/**
 * Transpiled module text a worker keeps across runs, in characters (all entries together):
 * 16 Mi, about 32 MiB of memory at worst.
 */
export const TRANSPILE_CACHE_CHARS = 16 * 1024 * 1024;

/**
 * The transpiled scripts of module files, kept by a worker across runs so that a sibling or
 * a package required by every candidate of a request is transpiled once. Keys name the
 * file's version (path, size, modification time), so an edited file misses. Least recently
 * used entries go first once the entries together exceed `maxChars`.
 */
export class TranspileCache extends LruCache<string, string> {
  constructor(maxChars = TRANSPILE_CACHE_CHARS) {
    super(maxChars, (script) => script.length);
  }

  /** The cache key of one version of a file. */
  static key(file: string, size: number, mtimeMs: number): string {
    return `${file}\0${size}\0${mtimeMs}`;
  }
}
