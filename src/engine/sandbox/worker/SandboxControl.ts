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

/**
 * The host's grip on one context: installs the prelude (wiring its host functions to the
 * RunState) and calls the control functions it returns. Call `dispose()` before the
 * context is disposed.
 */
export class SandboxControl {
  private constructor(
    private readonly context: QuickJSContext,
    private readonly state: RunState,
    private readonly handle: QuickJSHandle,
  ) {}

  /**
   * Evaluates the prelude in `context`, its `require` backed by `modules`; throws if it fails
   * (a worker bug, not the program's).
   */
  static install(context: QuickJSContext, state: RunState, modules: ModuleHost): SandboxControl {
    const host = context.newObject();
    try {
      defineHostFunctions(context, state, host);
      defineModuleFunctions(context, state, host, modules);
      const factory = context.unwrapResult(context.evalCode(PRELUDE_SOURCE, 'prelude.js'));
      try {
        const control = context.unwrapResult(context.callFunction(factory, context.undefined, host));
        return new SandboxControl(context, state, control);
      } finally {
        factory.dispose();
      }
    } finally {
      host.dispose();
    }
  }

  /** Records a thrown value (uncaught exception, rejected top-level promise) as the verdict. */
  recordThrown(error: QuickJSHandle): void {
    if (this.state.stopped) return;
    const description = this.describe(error);
    this.state.stop(description.assertion ? 'fail' : 'error', description.text);
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

  dispose(): void {
    this.handle.dispose();
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

  private callNumber(name: string): number {
    const result = this.call(name, true);
    if (!result) return -1;
    try {
      return this.context.getNumber(result);
    } finally {
      result.dispose();
    }
  }

  /** Calls a control function; an exception yields undefined (and, if `report`, the verdict). */
  private call(name: string, report: boolean, ...args: QuickJSHandle[]): QuickJSHandle | undefined {
    const fn = this.context.getProp(this.handle, name);
    try {
      const result = this.context.callFunction(fn, this.context.undefined, ...args);
      if (!result.error) return result.value;
      if (report) this.recordThrown(result.error);
      result.error.dispose();
      return undefined;
    } finally {
      fn.dispose();
    }
  }
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

function defineHostFunctions(context: QuickJSContext, state: RunState, host: QuickJSHandle): void {
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
  define('write', (text) => state.write(context.getString(text)));
  define('assertFailed', (text) => state.stop('fail', context.getString(text)));
  define('failed', (description) => {
    const value = context.dump(description) as Partial<ErrorDescription>;
    state.stop(value.assertion === true ? 'fail' : 'error', String(value.text ?? 'Error'));
  });
  define('exit', (code) => {
    state.stop('error', `process.exit(${context.dump(code)}) called`);
    // Unwinds the program at once; the interrupt handler stops it if it catches this.
    throw new Error('process.exit called');
  });
}
