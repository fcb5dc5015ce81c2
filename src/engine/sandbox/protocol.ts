// Messages between SandboxPool (main thread) and sandboxWorker (worker thread).
import type { ResolvedLimits } from './limits';
import type { RunOutcome, SandboxLanguage } from './Sandbox';

/** Pool → worker: run one program. */
export interface RunMessage {
  type: 'run';
  id: number;
  code: string;
  language: SandboxLanguage;
  limits: ResolvedLimits;
}

/** Worker → pool: preparation (transpiling) is over and the timed run begins now. */
export interface StartedMessage {
  type: 'started';
  id: number;
}

/** Worker → pool: the run is over. */
export interface DoneMessage {
  type: 'done';
  id: number;
  outcome: RunOutcome;
  /** The QuickJS module can no longer be trusted: the pool must replace this worker. */
  fatal?: boolean;
}

export type WorkerMessage = StartedMessage | DoneMessage;
