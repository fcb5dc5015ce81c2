/**
 * How long a worker may take from starting a run until the program executes, in ms: worker
 * start-up, loading QuickJS and building its memory image and, for TypeScript or async code,
 * loading the compiler (about 0.3 s, several times that on a loaded machine) and transpiling.
 * Each module a run loads (read and transpiled while the run's clock is paused) gets this
 * allowance again.
 */
export const PREPARE_ALLOWANCE_MS = 15_000;

/** Grace beyond a run's own time limit before the worker is presumed stuck, in ms. */
export const WATCHDOG_MARGIN_MS = 500;

/** Milliseconds since the epoch, comparable between threads (performance.now() is per thread). */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

const ID = 0;
const DEADLINE = 1;

/**
 * Where a sandbox worker is, for the pool's watchdog, in memory both threads share: the run it
 * is on and the time by which the run's current phase (preparing, or executing the program)
 * must end. The worker updates it without a message, so a run costs one message each way.
 *
 * The worker writes a new run's deadline before its id, so a reader that sees a run's id reads
 * that run's deadline or the next run's first one (a preparation allowance, later still):
 * never an earlier deadline than the run has.
 */
export class RunDeadline {
  private readonly slots: BigInt64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(2 * BigInt64Array.BYTES_PER_ELEMENT)) {
    this.slots = new BigInt64Array(buffer);
  }

  /** Worker: run `id` is preparing (start-up, transpiling, loading a module). */
  preparing(id: number): void {
    this.set(id, PREPARE_ALLOWANCE_MS);
  }

  /** Worker: run `id` executes its program now, with `timeoutMs` to go. */
  running(id: number, timeoutMs: number): void {
    this.set(id, timeoutMs + WATCHDOG_MARGIN_MS);
  }

  /**
   * Pool: the epoch-ms deadline of run `id` when the worker is on it; `before` when the
   * worker has not started it yet, `after` when it has moved on to a later run.
   */
  deadlineOf(id: number): number | 'before' | 'after' {
    const current = Number(Atomics.load(this.slots, ID));
    const deadline = Number(Atomics.load(this.slots, DEADLINE));
    if (current === id) return deadline;
    return current < id ? 'before' : 'after';
  }

  private set(id: number, allowanceMs: number): void {
    Atomics.store(this.slots, DEADLINE, BigInt(Math.ceil(epochMs() + allowanceMs)));
    Atomics.store(this.slots, ID, BigInt(id));
  }
}
