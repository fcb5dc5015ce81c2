import os from 'node:os';
import { assetPath } from '../assets';
import { AbortError } from '../errors';
import { resolveLimits } from './limits';
import { PoolWorker, type PoolWorkerResult } from './PoolWorker';
import type { RunMessage } from './protocol';
import type { RunLimits, RunOutcome, RunRequest, Sandbox } from './Sandbox';

export interface SandboxPoolOptions {
  /**
   * Worker threads, each running one program at a time.
   * Default `max(1, min(4, os.availableParallelism() - 1))`: one core stays free for the
   * editor or the model.
   */
  size?: number;
  /** The bundled worker script. Default `assetPath('sandboxWorker.js')`. */
  workerPath?: string;
  /** Limits for requests that leave them out. Default: see `DEFAULT_LIMITS` (1 s, 64 MiB, 512 KiB stack, 64 KiB output). */
  defaults?: RunLimits;
  /**
   * A worker is replaced by a fresh one after this many runs, so that whatever a long session
   * leaves in a worker thread (V8 code caches, allocator fragmentation) cannot grow without
   * bound. Default 1000 (a restart costs ~0.2 s of a background thread).
   */
  recycleAfterRuns?: number;
}

/** Counters for tests and diagnostics. */
export interface SandboxPoolStats {
  /** Worker threads currently alive. */
  workers: number;
  /** Workers holding a run (running it, or holding it next). */
  busy: number;
  /** Requests waiting for a worker. */
  queued: number;
  /** Runs that produced an outcome (including crashes and watchdog timeouts). */
  runs: number;
  /** Workers replaced after a crash or a watchdog kill. */
  restarts: number;
  /** Workers retired after `recycleAfterRuns` runs. */
  recycled: number;
}

interface Job {
  message: RunMessage;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  resolve: (outcome: RunOutcome) => void;
  reject: (error: Error) => void;
  settled: boolean;
  /** The worker it was sent to, while it is there. */
  worker?: PoolWorker;
}

/**
 * A Sandbox backed by worker threads that each run QuickJS (see worker/sandboxWorker.ts).
 * Requests queue and go to idle workers first, then to workers that can hold one more
 * (PIPELINE_DEPTH); workers start lazily, are replaced when they crash or hang, and are
 * unreferenced while idle so they never keep a process alive.
 */
export class SandboxPool implements Sandbox {
  private readonly size: number;
  private readonly workerPath: string;
  private readonly defaults: RunLimits;
  private readonly recycleAfterRuns: number;
  /** Runs sent to each worker: it takes no more once it has been sent `recycleAfterRuns`. */
  private readonly sentByWorker = new Map<PoolWorker, number>();
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Set<Job>();
  /** Retired workers still answering the runs they hold. */
  private readonly retiring = new Set<PoolWorker>();
  private nextId = 0;
  private disposed = false;
  private counters = { runs: 0, restarts: 0, recycled: 0 };

  constructor(options: SandboxPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? Math.min(4, os.availableParallelism() - 1)));
    this.workerPath = options.workerPath ?? assetPath('sandboxWorker.js');
    this.defaults = options.defaults ?? {};
    this.recycleAfterRuns = Math.max(1, options.recycleAfterRuns ?? 1000);
  }

  run(request: RunRequest, signal?: AbortSignal): Promise<RunOutcome> {
    if (this.disposed) return Promise.reject(new AbortError('The sandbox was disposed.'));
    if (signal?.aborted) return Promise.reject(new AbortError());
    return new Promise<RunOutcome>((resolve, reject) => {
      const job: Job = {
        message: {
          type: 'run',
          id: ++this.nextId,
          code: request.code,
          language: request.language ?? 'js',
          limits: resolveLimits(request, this.defaults),
          ...(request.modules && { modules: { root: request.modules.root, file: request.modules.file } }),
        },
        signal,
        onAbort: () => this.abort(job),
        resolve,
        reject,
        settled: false,
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  stats(): SandboxPoolStats {
    return {
      workers: this.workers.length,
      busy: this.workers.filter((worker) => worker.load > 0).length,
      queued: this.queue.length,
      ...this.counters,
    };
  }

  /** Terminates every worker; queued and running requests reject with AbortError. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of [...this.queue.splice(0), ...this.running]) {
      this.settle(job, () => job.reject(new AbortError('The sandbox was disposed.')));
    }
    const workers = [...this.workers.splice(0), ...this.retiring];
    this.retiring.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.disposed) {
      const worker = this.nextWorker();
      if (!worker) return;
      const job = this.queue.shift() as Job;
      this.running.add(job);
      job.worker = worker;
      const sent = (this.sentByWorker.get(worker) ?? 0) + 1;
      this.sentByWorker.set(worker, sent);
      void worker.run(job.message).then((result) => this.onResult(job, worker, result));
      if (sent >= this.recycleAfterRuns) this.retire(worker);
    }
  }

  /**
   * An idle worker; else a new one while the pool is below its size; else the least loaded
   * worker that can hold one more run.
   */
  private nextWorker(): PoolWorker | undefined {
    const idle = this.workers.find((worker) => worker.alive && worker.load === 0);
    if (idle) return idle;
    if (this.workers.length < this.size) {
      const worker = new PoolWorker(this.workerPath, (exited) => this.remove(exited));
      this.workers.push(worker);
      return worker;
    }
    const open = this.workers.filter((worker) => worker.canTake);
    return open.sort((a, b) => a.load - b.load)[0];
  }

  private onResult(job: Job, worker: PoolWorker, result: PoolWorkerResult): void {
    this.running.delete(job);
    job.worker = undefined;
    const { outcome } = result;
    if (outcome) {
      this.counters.runs++;
      this.settle(job, () => job.resolve(outcome));
    } else if (!job.settled) {
      this.requeue(job);
    }
    if (result.replace) this.remove(worker);
    else if (this.retiring.has(worker) && worker.load === 0) this.stopRetired(worker);
    this.dispatch();
  }

  /** A run that never started (its worker died first) goes back in its place: by request order. */
  private requeue(job: Job): void {
    const after = this.queue.findIndex((queued) => queued.message.id > job.message.id);
    this.queue.splice(after < 0 ? this.queue.length : after, 0, job);
  }

  /** Forgets a dead or condemned worker; the next dispatch starts a fresh one if needed. */
  private remove(worker: PoolWorker): void {
    this.retiring.delete(worker);
    if (!this.forget(worker)) return;
    if (!this.disposed) this.counters.restarts++;
    this.dispatch();
  }

  /**
   * Replaces a healthy worker that has been sent its share of runs: a fresh one takes the next
   * runs, and this one stops once it has answered those it holds.
   */
  private retire(worker: PoolWorker): void {
    if (!this.forget(worker)) return;
    this.counters.recycled++;
    this.retiring.add(worker);
    if (worker.load === 0) this.stopRetired(worker);
  }

  private stopRetired(worker: PoolWorker): void {
    this.retiring.delete(worker);
    void worker.terminate();
  }

  private forget(worker: PoolWorker): boolean {
    const index = this.workers.indexOf(worker);
    if (index < 0) return false;
    this.workers.splice(index, 1);
    this.sentByWorker.delete(worker);
    return true;
  }

  /**
   * A queued request is dropped; one sent to a worker is abandoned, and the worker is asked
   * to drop it if it has not started it.
   */
  private abort(job: Job): void {
    const index = this.queue.indexOf(job);
    if (index >= 0) this.queue.splice(index, 1);
    job.worker?.cancel(job.message.id);
    this.settle(job, () => job.reject(new AbortError()));
  }

  private settle(job: Job, deliver: () => void): void {
    if (job.settled) return;
    job.settled = true;
    job.signal?.removeEventListener('abort', job.onAbort);
    deliver();
  }
}
