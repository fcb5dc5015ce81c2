import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import type { HostModule, ModuleHost } from './ModuleHost';
import type { BoundRun } from './SandboxControl';

/**
 * Defines the module loader's host functions on the prelude's `host` object:
 * `resolveModule(from, specifier)` and `loadModule(path)` (GuestHost in ../guest/guest.d.ts),
 * served by the run `current()` returns. Both run off the program's clock. What they hand the
 * VM is plain values and, for a JavaScript module, its CommonJS wrapper compiled from source
 * text inside the VM: no host object or function ever crosses.
 */
export function defineModuleFunctions(context: QuickJSContext, current: () => BoundRun, host: QuickJSHandle): void {
  const define = (name: string, fn: (modules: ModuleHost, ...args: QuickJSHandle[]) => QuickJSHandle): void => {
    const handle = context.newFunction(name, (...args) => {
      const { state, modules } = current();
      return state.offTheClock(() => fn(modules, ...args));
    });
    context.setProp(host, name, handle);
    handle.dispose();
  };
  define('resolveModule', (modules, from, specifier) => {
    const importer = context.typeof(from) === 'string' ? context.getString(from) : null;
    return plainObject(context, modules.resolve(importer, context.getString(specifier)));
  });
  define('loadModule', (modules, file) => compile(context, modules, modules.load(context.getString(file))));
}

/** A JavaScript module's wrapper function, evaluated in the VM; other kinds as plain objects. */
function compile(context: QuickJSContext, modules: ModuleHost, module: HostModule): QuickJSHandle {
  if (module.kind !== 'js') return plainObject(context, module);
  // On the wrapper's first line, so that line numbers in errors match the file's.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${module.script}\n})`;
  const result = context.evalCode(wrapped, module.filename);
  if (result.error) {
    const message = errorText(context, result.error);
    result.error.dispose();
    return plainObject(context, { kind: 'error', message: `${message} (in ${modules.display(module.filename)})` });
  }
  const wrapper = result.value;
  try {
    if (context.typeof(wrapper) !== 'function') {
      return plainObject(context, { kind: 'error', message: `${modules.display(module.filename)} is not a CommonJS module body` });
    }
    const compiled = plainObject(context, { kind: 'js', dirname: module.dirname });
    context.setProp(compiled, 'wrapper', wrapper);
    return compiled;
  } finally {
    wrapper.dispose();
  }
}

/**
 * A null-prototype object: setting its properties must not run setters the program defined
 * on Object.prototype, nor reading them its getters.
 */
function plainObject(context: QuickJSContext, record: Readonly<Record<string, string | boolean>>): QuickJSHandle {
  const object = context.newObject(context.null);
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'boolean') context.setProp(object, key, value ? context.true : context.false);
    else context.newString(value).consume((handle) => context.setProp(object, key, handle));
  }
  return object;
}

function errorText(context: QuickJSContext, error: QuickJSHandle): string {
  const value = context.dump(error) as { name?: unknown; message?: unknown } | undefined;
  if (value && typeof value === 'object') return `${String(value.name ?? 'Error')}: ${String(value.message)}`;
  return String(value);
}
