import { AbortError, throwIfAborted } from '../errors';

/**
 * Runs tasks one at a time, in arrival order. A waiting task whose signal fires leaves the
 * queue at once (rejecting with AbortError) instead of holding its place.
 */
export class SerialQueue {
  private busy = false;
  private readonly waiters: Array<() => void> = [];

  /** Tasks running or waiting their turn. */
  get pending(): number {
    return (this.busy ? 1 : 0) + this.waiters.length;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    throwIfAborted(signal);
    if (this.busy) await this.waitTurn(signal);
    else this.busy = true;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private waitTurn(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.waiters.splice(this.waiters.indexOf(turn), 1);
        reject(new AbortError());
      };
      const turn = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiters.push(turn);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(): void {
    // Hand the queue straight to the next waiter so that no newcomer can jump ahead of it.
    const next = this.waiters.shift();
    if (next) next();
    else this.busy = false;
  }
}
