// Messages between SandboxPool (main thread) and sandboxWorker (worker thread).
import type { ResolvedLimits } from './limits';
import type { ModuleScope, RunOutcome, SandboxLanguage } from './Sandbox';

/** Pool → worker: run one program. */
export interface RunMessage {
  type: 'run';
  id: number;
  code: string;
  language: SandboxLanguage;
  limits: ResolvedLimits;
  /** Where the program's imports resolve; absent: built-in modules only. */
  modules?: ModuleScope;
}

/**
 * Worker → pool: preparation (transpiling) is over and the timed run begins now. Sent again
 * after each pause for loading a module (see LoadingMessage): the timed run resumes.
 */
export interface StartedMessage {
  type: 'started';
  id: number;
}

/**
 * Worker → pool: the run pauses to read and transpile a module the program required; that
 * time is not charged to the run's limit, so the watchdog allows for preparation instead.
 */
export interface LoadingMessage {
  type: 'loading';
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

export type WorkerMessage = StartedMessage | LoadingMessage | DoneMessage;
