import { builtinModules } from 'node:module';
import type { ModuleResolution } from './resolveModule';

/**
 * Node built-ins the sandbox provides, without the `node:` prefix: `assert` and
 * `assert/strict` (the sandbox's own assert module), `buffer` (`{ Buffer }`) and `url`
 * (`{ URL, URLSearchParams }`), all written in JavaScript inside QuickJS.
 */
const SANDBOX_BUILTINS: ReadonlySet<string> = new Set(['assert', 'assert/strict', 'buffer', 'url']);

const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/**
 * How a specifier that names a Node built-in resolves: `builtin` for the ones the sandbox
 * provides, `refused` (with the message the sandbox throws) for every other one. Anything
 * with the `node:` prefix is a built-in, even names this Node does not know. `undefined`
 * when the specifier is not a built-in. Like Node, a built-in wins over a package of the
 * same name in `node_modules`.
 */
export function classifyBuiltin(specifier: string): ModuleResolution | undefined {
  const prefixed = specifier.startsWith('node:');
  const name = prefixed ? specifier.slice('node:'.length) : specifier;
  if (!prefixed && !NODE_BUILTINS.has(name)) return undefined;
  if (SANDBOX_BUILTINS.has(name)) return { kind: 'builtin', name };
  return { kind: 'refused', message: `require('${specifier}') is not available in the sandbox` };
}
