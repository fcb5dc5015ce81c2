import type { QuickJSContext, QuickJSHandle, VmFunctionImplementation } from 'quickjs-emscripten';
import PRELUDE_SOURCE from '../guest/prelude.js?source';
import { defineModuleFunctions } from './defineModuleFunctions';
import { LAZY_MODULE_SOURCES } from './lazyModuleSources';
import type { ModuleHost } from './ModuleHost';
import type { RunState } from './RunState';

/** What the prelude's `describe(error)` returns. */
interface ErrorDescription {
  assertion: boolean;
  text: string;
}

/** The run the host functions serve: the verdict's state and the module loader's host side. */
export interface BoundRun {
  state: RunState;
  modules: ModuleHost;
}

/** The prelude's control functions the host calls during a run (GuestControl in ../guest/guest.d.ts). */
const CONTROL_FUNCTIONS = ['describe', 'sweep', 'markHandled', 'nextDue', 'runNext'] as const;
type ControlFunction = (typeof CONTROL_FUNCTIONS)[number];

/**
 * The host's grip on one context: installs the prelude once, wiring its host functions to
 * whichever run is bound (`bind`), and calls the control functions it returns. The context
 * is built once and restored from a memory image before every run (PristineVM), so the host
 * functions, the control object and the handles kept here are part of that image and stay
 * valid from run to run.
 */
export class SandboxControl {
  private bound: BoundRun | undefined;

  private constructor(
    private readonly context: QuickJSContext,
    private readonly functions: Readonly<Record<ControlFunction, QuickJSHandle>>,
  ) {}

  /**
   * Evaluates the prelude in `context`, compiles every lazy module and initialises the
   * assert module; throws if that fails (a worker bug, not a program's).
   */
  static install(context: QuickJSContext): SandboxControl {
    let control: SandboxControl | undefined;
    const current = (): BoundRun => {
      if (!control?.bound) throw new Error('no sandbox run in progress');
      return control.bound;
    };
    const host = context.newObject();
    try {
      defineHostFunctions(context, current, host);
      defineModuleFunctions(context, current, host);
      const factory = context.unwrapResult(context.evalCode(PRELUDE_SOURCE, 'prelude.js'));
      const handle = factory.consume((f) => context.unwrapResult(context.callFunction(f, context.undefined, host)));
      try {
        for (const name of Object.keys(LAZY_MODULE_SOURCES)) {
          context.newString(name).consume((nameHandle) => callControl(context, handle, 'compile', nameHandle));
        }
        callControl(context, handle, 'warmUp');
        const functions = Object.fromEntries(CONTROL_FUNCTIONS.map((name) => [name, context.getProp(handle, name)]));
        control = new SandboxControl(context, functions as Record<ControlFunction, QuickJSHandle>);
        return control;
      } finally {
        handle.dispose();
      }
    } finally {
      host.dispose();
    }
  }

  /** Serves `run` until `unbind()`: its state receives the verdict, its modules the requires. */
  bind(run: BoundRun): void {
    this.bound = run;
  }

  unbind(): void {
    this.bound = undefined;
  }

  /** The QuickJS interrupt handler: the bound run's, or never between runs. */
  shouldInterrupt(): boolean {
    return this.bound?.state.shouldInterrupt() ?? false;
  }

  /** Records a thrown value (uncaught exception, rejected top-level promise) as the verdict. */
  recordThrown(error: QuickJSHandle): void {
    const state = this.state();
    if (state.stopped) return;
    const description = this.describe(error);
    state.stop(description.assertion ? 'fail' : 'error', description.text);
  }

  /** Watches new promises for unhandled rejections; returns how many were new. */
  sweep(): number {
    return this.callNumber('sweep');
  }

  /** Virtual time of the earliest referenced timer, or -1 when none is left. */
  nextDue(): number {
    return this.callNumber('nextDue');
  }

  /** Fires the earliest timer; a throwing callback is an uncaught exception. */
  runNext(): void {
    this.call('runNext', true)?.dispose();
  }

  /** Stops the prelude from reporting `promise` as unhandled: the host awaits it itself. */
  markHandled(promise: QuickJSHandle): void {
    this.call('markHandled', true, promise)?.dispose();
  }

  private state(): RunState {
    if (!this.bound) throw new Error('no sandbox run in progress');
    return this.bound.state;
  }

  private describe(error: QuickJSHandle): ErrorDescription {
    // Not reported: describe failing would recurse into describing its own failure.
    const described = this.call('describe', false, error);
    if (!described) return { assertion: false, text: undescribedText(this.context, error) };
    try {
      const value = this.context.dump(described) as Partial<ErrorDescription>;
      return { assertion: value.assertion === true, text: String(value.text ?? 'Error') };
    } finally {
      described.dispose();
    }
  }

  private callNumber(name: ControlFunction): number {
    const result = this.call(name, true);
    if (!result) return -1;
    try {
      return this.context.getNumber(result);
    } finally {
      result.dispose();
    }
  }

  /** Calls a control function; an exception yields undefined (and, if `report`, the verdict). */
  private call(name: ControlFunction, report: boolean, ...args: QuickJSHandle[]): QuickJSHandle | undefined {
    const result = this.context.callFunction(this.functions[name], this.context.undefined, ...args);
    if (!result.error) return result.value;
    if (report) this.recordThrown(result.error);
    result.error.dispose();
    return undefined;
  }
}

/** Calls a control function while the image is built, where any exception is a worker bug. */
function callControl(context: QuickJSContext, control: QuickJSHandle, name: string, ...args: QuickJSHandle[]): void {
  context.getProp(control, name).consume((fn) => context.unwrapResult(context.callFunction(fn, context.undefined, ...args)).dispose());
}

/**
 * Text for an exception the prelude could not describe. That happens when the wasm memory
 * is exhausted: QuickJS then throws a half-built error object that dumps as ''.
 */
function undescribedText(context: QuickJSContext, error: QuickJSHandle): string {
  try {
    const value: unknown = context.dump(error);
    if (value && typeof value === 'object' && 'message' in value) {
      const { name, message } = value as { name?: unknown; message?: unknown };
      return `${String(name ?? 'Error')}: ${String(message)}`;
    }
    if (value !== '' && value !== undefined) return `Uncaught ${String(value)}`;
  } catch {
    // Not even dumpable: same diagnosis as below.
  }
  return 'InternalError: out of memory';
}

function defineHostFunctions(context: QuickJSContext, current: () => BoundRun, host: QuickJSHandle): void {
  const define = (name: string, fn: VmFunctionImplementation<QuickJSHandle>): void => {
    const handle = context.newFunction(name, fn);
    context.setProp(host, name, handle);
    handle.dispose();
  };
  define('load', (name) => {
    const source = LAZY_MODULE_SOURCES[context.getString(name)];
    if (source === undefined) throw new Error('unknown sandbox module');
    return context.evalCode(source, `${context.getString(name)}.js`);
  });
  define('write', (text) => current().state.write(context.getString(text)));
  define('assertFailed', (text) => current().state.stop('fail', context.getString(text)));
  define('failed', (description) => {
    const value = context.dump(description) as Partial<ErrorDescription>;
    current().state.stop(value.assertion === true ? 'fail' : 'error', String(value.text ?? 'Error'));
  });
  define('exit', (code) => {
    current().state.stop('error', `process.exit(${context.dump(code)}) called`);
    // Unwinds the program at once; the interrupt handler stops it if it catches this.
    throw new Error('process.exit called');
  });
}
