import { Worker } from 'node:worker_threads';
import { WORKER_STACK_MB } from './limits';
import type { DoneMessage, PoolMessage, RunMessage, WorkerData } from './protocol';
import { epochMs, PREPARE_ALLOWANCE_MS, RunDeadline, WATCHDOG_MARGIN_MS } from './RunDeadline';
import type { RunOutcome } from './Sandbox';

/**
 * Runs a worker holds at once: the one it executes and the next, so it never waits for the
 * main thread between runs. More would only keep runs behind a slow one another worker could
 * have taken.
 */
const PIPELINE_DEPTH = 2;

export interface PoolWorkerResult {
  /** Absent: the run never started (its worker died first, or it was cancelled): run it elsewhere or drop it. */
  outcome?: RunOutcome;
  /** The worker is gone or untrustworthy (crashed, killed by the watchdog): replace it. */
  replace: boolean;
}

interface InFlight {
  id: number;
  /** The run's time limit plus the watchdog's margin: no deadline it publishes is sooner than that from now. */
  runMs: number;
  resolve: (result: PoolWorkerResult) => void;
}

/**
 * One sandbox worker thread and the host-side watchdog over it. QuickJS's interrupt handler
 * is polled only every few thousand instructions and a long built-in call can miss it, so a
 * worker that is not done with a run by the deadline it published (RunDeadline: the run's
 * limit plus a margin, or the preparation allowance) is terminated. Runs are sent ahead
 * (PIPELINE_DEPTH) and answered in order.
 */
export class PoolWorker {
  private readonly worker: Worker;
  private readonly deadline = new RunDeadline();
  private readonly inFlight: InFlight[] = [];
  private watchdog: NodeJS.Timeout | undefined;
  /** When the oldest run in flight became the oldest: the worker may have started it then. */
  private headSince = 0;
  private lastError: string | undefined;
  private exited = false;

  /** `onExit` is called once the thread has exited, whatever the reason. */
  constructor(workerPath: string, onExit: (worker: PoolWorker) => void) {
    const workerData: WorkerData = { deadline: this.deadline.buffer };
    this.worker = new Worker(workerPath, { workerData, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    this.worker.unref();
    this.worker.on('message', (message: DoneMessage) => this.onDone(message));
    this.worker.on('error', (error) => {
      this.lastError = error.message;
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      const reason = this.lastError ?? `exit code ${code}`;
      this.fail({ status: 'error', ms: this.headMs(), message: `sandbox worker crashed: ${reason}` });
      onExit(this);
    });
  }

  /** Runs sent and not answered yet. */
  get load(): number {
    return this.inFlight.length;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Whether another run may be sent now. */
  get canTake(): boolean {
    return this.alive && this.inFlight.length < PIPELINE_DEPTH;
  }

  /** Sends one program; never rejects: crashes and hangs become outcomes. */
  run(message: RunMessage): Promise<PoolWorkerResult> {
    if (!this.canTake) throw new Error('PoolWorker.run called on a worker that cannot take a run');
    return new Promise((resolve) => {
      this.inFlight.push({ id: message.id, runMs: message.limits.timeoutMs + WATCHDOG_MARGIN_MS, resolve });
      if (this.inFlight.length === 1) this.watchHead();
      // Referenced while busy so a CLI waits for the answer; unreferenced when idle.
      this.worker.ref();
      this.post(message);
    });
  }

  /** Asks the worker to drop run `id` unless it has started; it is answered either way. */
  cancel(id: number): void {
    if (this.inFlight.some((run) => run.id === id)) this.post({ type: 'cancel', id });
  }

  /** Stops the thread; a run in progress ends as an error, the others as never started. */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private post(message: PoolMessage): void {
    this.worker.postMessage(message);
  }

  private onDone(message: DoneMessage): void {
    const index = this.inFlight.findIndex((run) => run.id === message.id);
    if (index < 0) return;
    const [run] = this.inFlight.splice(index, 1);
    if (index === 0) this.watchHead();
    if (this.inFlight.length === 0 && !this.exited) this.worker.unref();
    run.resolve({ outcome: message.outcome, replace: message.fatal === true });
    if (message.fatal) this.fail(undefined);
  }

  /** (Re)arms the watchdog over the oldest run in flight, which the worker is on or starts next. */
  private watchHead(): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    if (this.inFlight.length === 0) return;
    this.headSince = epochMs();
    this.arm(this.inFlight[0]);
  }

  /**
   * Checks the head run's published deadline when it may have passed. The worker may move the
   * deadline (preparing → running) at any time, never to sooner than `runMs` from then, so
   * looking again within `runMs` never misses one.
   */
  private arm(head: InFlight): void {
    const now = epochMs();
    const published = this.deadline.deadlineOf(head.id);
    // `after`: the worker is past this run and its answer is on its way.
    const due = published === 'before' ? this.headSince + PREPARE_ALLOWANCE_MS : published === 'after' ? Infinity : published;
    if (now >= due) {
      this.fail({ status: 'timeout', ms: this.headMs(), message: 'the sandbox stopped responding and was restarted' });
      void this.terminate();
      return;
    }
    const timer = setTimeout(() => {
      if (this.inFlight[0] === head) this.arm(head);
    }, Math.min(due, now + head.runMs) - now);
    timer.unref();
    this.watchdog = timer;
  }

  private headMs(): number {
    return this.inFlight.length > 0 ? Math.round(epochMs() - this.headSince) : 0;
  }

  /**
   * The worker is lost: the oldest run in flight gets `outcome` (when one is given), the
   * others never started.
   */
  private fail(outcome: RunOutcome | undefined): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    const runs = this.inFlight.splice(0);
    if (!this.exited) this.worker.unref();
    runs.forEach((run, index) => run.resolve({ outcome: index === 0 ? outcome : undefined, replace: true }));
  }
}
