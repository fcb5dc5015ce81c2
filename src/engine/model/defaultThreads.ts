import os from 'node:os';

/** Upper bound on the default: more threads rarely speed up the small models of a cascade. */
export const MAX_DEFAULT_THREADS = 8;

/**
 * Threads llama.cpp uses when a tier does not say: all cores but one, between 1 and
 * {@link MAX_DEFAULT_THREADS}. Never all cores: the editor competes for the CPU, and on a busy
 * 2-core machine all-core decoding was seen to be ~1000× slower than one thread.
 * @param cores logical cores available (default: `os.availableParallelism()`)
 */
export function defaultThreads(cores: number = os.availableParallelism()): number {
  return Math.max(1, Math.min(MAX_DEFAULT_THREADS, cores - 1));
}
