import { Worker } from 'node:worker_threads';
import { WORKER_STACK_MB } from './limits';
import type { DoneMessage, RunMessage, WorkerMessage } from './protocol';
import type { RunOutcome } from './Sandbox';

/**
 * How long a worker may take from being handed a run until it starts executing it, in ms:
 * worker start-up, loading QuickJS and, for TypeScript or async code, loading the compiler
 * (about 0.3 s, several times that on a loaded machine) and transpiling. Each module a run
 * loads (read and transpiled while the run's clock is paused) gets this allowance again.
 */
export const PREPARE_ALLOWANCE_MS = 15_000;

/** Grace beyond a run's own time limit before the worker is presumed stuck, in ms. */
export const WATCHDOG_MARGIN_MS = 500;

export interface PoolWorkerResult {
  outcome: RunOutcome;
  /** The worker is gone or untrustworthy (crashed, killed by the watchdog): replace it. */
  replace: boolean;
}

interface CurrentRun {
  id: number;
  timeoutMs: number;
  startedAt: number;
  watchdog: NodeJS.Timeout;
  resolve: (result: PoolWorkerResult) => void;
}

/**
 * One sandbox worker thread and the host-side watchdog over it. QuickJS's interrupt handler
 * is polled only every few thousand instructions and a long built-in call can miss it, so a
 * worker that does not answer within the run's limit plus a margin is terminated.
 */
export class PoolWorker {
  private readonly worker: Worker;
  private current: CurrentRun | undefined;
  private lastError: string | undefined;
  private exited = false;

  /** `onExit` is called once the thread has exited, whatever the reason. */
  constructor(workerPath: string, onExit: (worker: PoolWorker) => void) {
    this.worker = new Worker(workerPath, { resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    this.worker.unref();
    this.worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    this.worker.on('error', (error) => {
      this.lastError = error.message;
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      const reason = this.lastError ?? `exit code ${code}`;
      this.finish({ status: 'error', ms: this.elapsed(), message: `sandbox worker crashed: ${reason}` }, true);
      onExit(this);
    });
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Runs one program; never rejects: crashes and hangs become outcomes. */
  run(message: RunMessage): Promise<PoolWorkerResult> {
    if (this.current) throw new Error('PoolWorker.run called while busy');
    return new Promise((resolve) => {
      this.current = {
        id: message.id,
        timeoutMs: message.limits.timeoutMs,
        startedAt: performance.now(),
        watchdog: this.arm(PREPARE_ALLOWANCE_MS),
        resolve,
      };
      // Referenced while busy so a CLI waits for the answer; unreferenced when idle.
      this.worker.ref();
      this.worker.postMessage(message);
    });
  }

  /** Stops the thread; a run in progress ends as an error. */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private onMessage(message: WorkerMessage): void {
    const current = this.current;
    if (!current || message.id !== current.id) return;
    if (message.type === 'started' || message.type === 'loading') {
      clearTimeout(current.watchdog);
      // Loading a module is preparation: it gets the start-up allowance, not the run's limit.
      current.watchdog = this.arm(message.type === 'loading' ? PREPARE_ALLOWANCE_MS : current.timeoutMs + WATCHDOG_MARGIN_MS);
      return;
    }
    this.onDone(message);
  }

  private onDone(message: DoneMessage): void {
    this.finish(message.outcome, message.fatal === true);
    if (message.fatal) void this.terminate();
  }

  private arm(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.finish({ status: 'timeout', ms: this.elapsed(), message: 'the sandbox stopped responding and was restarted' }, true);
      void this.terminate();
    }, ms);
    timer.unref();
    return timer;
  }

  private elapsed(): number {
    return this.current ? Math.round(performance.now() - this.current.startedAt) : 0;
  }

  private finish(outcome: RunOutcome, replace: boolean): void {
    const current = this.current;
    if (!current) return;
    clearTimeout(current.watchdog);
    this.current = undefined;
    if (!this.exited) this.worker.unref();
    current.resolve({ outcome, replace });
  }
}
