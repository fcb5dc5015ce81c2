import { classifyBuiltin } from '../sandbox/modules/classifyBuiltin';
import { SANDBOX_GLOBALS } from './sandboxGlobals';
import type { ImportBinding } from './topLevelDeclarations';

// Defines each imported name as a getter on the global object, so the module is required on
// first use: an import that no assert reaches never loads (and cannot fail). A name the
// sandbox already defines read-only (e.g. `Buffer` imported from 'buffer') keeps its value.
const PRELUDE = `(function (bind, interopDefault, interopNamespace) {`;
const HELPERS = `})(
  function (name, get) { try { Object.defineProperty(globalThis, name, { configurable: true, get: get }); } catch (e) {} },
  function (m) { return m && m.__esModule ? m.default : m; },
  function (m) { if (m && m.__esModule) return m; var ns = { default: m }; for (var k in m) ns[k] = m[k]; return ns; }
);`;

/**
 * Script code (empty when there is nothing to bind) that binds the imported names a test program needs, lazily and with the
 * interop TypeScript's `esModuleInterop` applies (a default import of a CommonJS module is
 * the module itself; a namespace import of one wraps it).
 */
export function lazyImportBindings(bindings: readonly ImportBinding[]): string {
  const lines = bindings.filter((binding) => !isSandboxGlobal(binding)).map(({ local, source, imported }) => {
    const module = `require(${JSON.stringify(source)})`;
    const value =
      imported.kind === 'module' ? module
      : imported.kind === 'default' ? `interopDefault(${module})`
      : imported.kind === 'namespace' ? `interopNamespace(${module})`
      : `${module}[${JSON.stringify(imported.name)}]`;
    return `  bind(${JSON.stringify(local)}, function () { return ${value}; });`;
  });
  return lines.length > 0 ? [PRELUDE, ...lines, HELPERS].join('\n') : '';
}

/**
 * `const { Buffer } = require('node:buffer')`: the sandbox's `buffer` module hands out the
 * `Buffer` global itself, so the name needs no binding (a getter over that global would
 * require the module, which reads the getter again).
 */
function isSandboxGlobal({ local, source, imported }: ImportBinding): boolean {
  return imported.kind === 'named' && imported.name === local && SANDBOX_GLOBALS.has(local) && classifyBuiltin(source)?.kind === 'builtin';
}
