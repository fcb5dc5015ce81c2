import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import type { ResolvedLimits } from '../limits';
import type { RunOutcome } from '../Sandbox';
import type { ModuleHost } from './ModuleHost';
import type { PristineVM } from './PristineVM';
import { RunState, shortMessage } from './RunState';
import type { SandboxControl } from './SandboxControl';

export interface QuickJSRunResult {
  outcome: RunOutcome;
  /** The wasm module crashed (host stack overflow or abort) and must not be used again. */
  fatal: boolean;
}

/**
 * Runs one JavaScript program in `vm`, restored to its pristine memory image first so nothing
 * survives from one run to the next, and returns its verdict. The program is a classic
 * script; if its completion value is a promise (a top-level-await wrapper), the run waits for
 * it. `modules` serves what the program requires beyond `assert`.
 */
export function runInQuickJS(vm: PristineVM, code: string, limits: ResolvedLimits, modules: ModuleHost): QuickJSRunResult {
  const state = new RunState(limits);
  const control = vm.begin({ state, modules }, limits);
  try {
    state.startProgramClock();
    runProgram(vm.runtime, vm.context, code, state, control);
    return { outcome: state.outcome(), fatal: false };
  } catch (error) {
    return { outcome: { ...state.outcome(), status: 'error', message: crashMessage(error) }, fatal: true };
  } finally {
    vm.end();
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
  control: SandboxControl,
): void {
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
    // Before the next run restores the image, which would make this pointer someone else's.
    completion?.dispose();
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
