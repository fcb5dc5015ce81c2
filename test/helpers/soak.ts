import { AbortError } from '../../src/engine/errors';

export { seededRandom } from '../../src/engine/tune/splitProblems';

/** How a soak run went. */
export interface SoakTally {
  /** Requests that resolved. */
  completed: number;
  /** Requests that rejected with AbortError after their cancellation fired. */
  cancelled: number;
  /** Requests that rejected any other way (or with AbortError while not cancelled). */
  failures: unknown[];
}

export interface SoakOptions {
  requests: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Fraction of requests cancelled after a random delay. */
  cancelRate: number;
  /** Cancellation delays are uniform in [0, maxCancelMs] ms. */
  maxCancelMs: number;
  /** Random numbers in [0, 1): a seeded generator makes runs repeatable. */
  random: () => number;
  /** Runs request `index`; must reject with AbortError when `signal` fires. */
  request: (index: number, signal: AbortSignal) => Promise<unknown>;
}

/**
 * Sends `requests` requests, `concurrency` at a time, cancelling a random share of them after
 * a random delay as an editor does on a keystroke, and counts how each ended. Every timer it
 * starts is cleared by the time it resolves.
 */
export async function soak(options: SoakOptions): Promise<SoakTally> {
  const tally: SoakTally = { completed: 0, cancelled: 0, failures: [] };
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < options.requests) {
      const index = next++;
      const controller = new AbortController();
      const timer = options.random() < options.cancelRate
        ? setTimeout(() => controller.abort(), Math.floor(options.random() * (options.maxCancelMs + 1)))
        : undefined;
      try {
        await options.request(index, controller.signal);
        tally.completed++;
      } catch (error) {
        if (error instanceof AbortError && controller.signal.aborted) tally.cancelled++;
        else tally.failures.push(error);
      } finally {
        clearTimeout(timer);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return tally;
}

/** Active handles and requests by type (`process.getActiveResourcesInfo()`), e.g. `{ Timeout: 2 }`. */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
