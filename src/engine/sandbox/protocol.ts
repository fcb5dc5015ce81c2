// Messages between SandboxPool (main thread) and sandboxWorker (worker thread). Besides these,
// the worker reports where it is through shared memory (RunDeadline), for the pool's watchdog.
import type { ResolvedLimits } from './limits';
import type { ModuleScope, RunOutcome, SandboxLanguage } from './Sandbox';

/** Pool → worker: run one program, after those the worker already holds (runs are sequential). */
export interface RunMessage {
  type: 'run';
  id: number;
  code: string;
  language: SandboxLanguage;
  limits: ResolvedLimits;
  /** Where the program's imports resolve; absent: built-in modules only. */
  modules?: ModuleScope;
}

/** Pool → worker: drop run `id` if it has not started (its caller gave up on it). */
export interface CancelMessage {
  type: 'cancel';
  id: number;
}

export type PoolMessage = RunMessage | CancelMessage;

/** Worker → pool: run `id` is over, or was dropped before it started (no `outcome`). */
export interface DoneMessage {
  type: 'done';
  id: number;
  outcome?: RunOutcome;
  /** The QuickJS module can no longer be trusted: the pool must replace this worker. */
  fatal?: boolean;
}

/** What the pool hands a new worker (`workerData`). */
export interface WorkerData {
  /** The RunDeadline buffer the worker writes and the pool's watchdog reads. */
  deadline: SharedArrayBuffer;
}
