import {
  errors,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import type { ResolvedLimits } from '../limits';
import type { RunOutcome } from '../Sandbox';
import type { ModuleHost } from './ModuleHost';
import { RunState, shortMessage } from './RunState';
import { SandboxControl } from './SandboxControl';

export interface QuickJSRunResult {
  outcome: RunOutcome;
  /** The wasm module crashed (host stack overflow or abort) and must not be used again. */
  fatal: boolean;
}

/**
 * Runs one JavaScript program in a fresh QuickJS runtime and context, so nothing survives
 * from one run to the next, and returns its verdict. The program is a classic script; if
 * its completion value is a promise (a top-level-await wrapper), the run waits for it.
 * `modules` serves what the program requires beyond `assert`.
 */
export function runInQuickJS(
  quickjs: QuickJSWASMModule,
  code: string,
  limits: ResolvedLimits,
  modules: ModuleHost,
): QuickJSRunResult {
  const state = new RunState(limits);
  let crashed = false;
  const runtime = quickjs.newRuntime();
  try {
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(limits.stackBytes);
    runtime.setInterruptHandler(() => state.shouldInterrupt());
    const context = runtime.newContext();
    try {
      runProgram(runtime, context, code, state, modules);
      return { outcome: state.outcome(), fatal: false };
    } catch (error) {
      crashed = true;
      return { outcome: { ...state.outcome(), status: 'error', message: crashMessage(error) }, fatal: true };
    } finally {
      // After a host-side crash QuickJS aborts on dispose; the worker is replaced instead.
      if (!crashed) context.dispose();
    }
  } finally {
    if (!crashed) runtime.dispose();
  }
}

function crashMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return /call stack/i.test(text) ? 'stack overflow' : shortMessage(`sandbox crashed: ${text}`);
}

function runProgram(
  runtime: QuickJSRuntime,
  context: QuickJSContext,
  code: string,
  state: RunState,
  modules: ModuleHost,
): void {
  const control = installControl(context, state, modules);
  if (!control) return;
  state.startProgramClock();
  let completion: QuickJSHandle | undefined;
  try {
    const result = context.evalCode(code, 'program.js');
    if (result.error) {
      control.recordThrown(result.error);
      result.error.dispose();
    } else {
      completion = result.value;
      control.markHandled(completion);
    }
    runEventLoop(runtime, control, state);
    if (completion && !state.stopped) settleCompletion(context, control, state, completion);
  } finally {
    completion?.dispose();
    control.dispose();
  }
}

/** The prelude fails only when a limit is hit first (a tiny time or memory limit). */
function installControl(context: QuickJSContext, state: RunState, modules: ModuleHost): SandboxControl | undefined {
  try {
    return SandboxControl.install(context, state, modules);
  } catch (error) {
    if (!(error instanceof errors.QuickJSUnwrapError)) throw error;
    const cause = error.cause as { message?: unknown } | undefined;
    state.stop('error', `the sandbox could not start within the limits: ${String(cause?.message ?? cause)}`);
    return undefined;
  }
}

/** Runs jobs and virtual timers until nothing is left to do or a verdict is reached. */
function runEventLoop(runtime: QuickJSRuntime, control: SandboxControl, state: RunState): void {
  while (!state.stopped) {
    // Sweeping creates watcher jobs, which may create promises: repeat until none are new.
    do drainJobs(runtime, control, state);
    while (!state.stopped && control.sweep() > 0);
    if (state.stopped || state.outOfTime()) return;
    const due = control.nextDue();
    if (due < 0 || state.stopped) return;
    if (state.outOfTime(due)) return;
    state.virtualMs = due;
    control.runNext();
  }
}

function drainJobs(runtime: QuickJSRuntime, control: SandboxControl, state: RunState): void {
  const result = runtime.executePendingJobs();
  if (result.error) {
    control.recordThrown(result.error);
    result.error.dispose();
  }
  if (!state.stopped) state.outOfTime();
}

/** The event loop went idle: a still-pending top-level promise can never settle. */
function settleCompletion(
  context: QuickJSContext,
  control: SandboxControl,
  state: RunState,
  completion: QuickJSHandle,
): void {
  const settled = context.getPromiseState(completion);
  if (settled.type === 'pending') {
    state.timeout('the program was still waiting on a promise when nothing was left to run');
  } else if (settled.type === 'rejected') {
    control.recordThrown(settled.error);
    settled.error.dispose();
  } else if (!settled.notAPromise) {
    settled.value.dispose();
  }
}
