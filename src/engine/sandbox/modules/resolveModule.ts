import { ModuleResolver } from './ModuleResolver';

/** Where a `require`/`import` specifier leads, seen from the sandbox. */
export type ModuleResolution =
  /** A built-in the sandbox provides: `assert`, `assert/strict`, `buffer` or `url` (no `node:` prefix). */
  | { kind: 'builtin'; name: string }
  /** Something the sandbox never loads: another Node built-in, a native addon (`.node`), a path outside the root. */
  | { kind: 'refused'; message: string }
  /** A file inside the project root; `path` is its real path (symlinks resolved). */
  | { kind: 'file'; path: string }
  /** Nothing to load: no such file under the root, or a package that is not installed. */
  | { kind: 'missing'; message: string };

/**
 * Resolves `specifier` as `require` in `fromFile` would, confined to `root` (Node's
 * CommonJS resolution, see ModuleResolver): nothing outside the real path of `root` is
 * returned or read. Synchronous, plain Node `fs`; messages name the specifier and, where
 * there is one, the fix.
 */
export function resolveModule(specifier: string, fromFile: string, root: string): ModuleResolution {
  return new ModuleResolver(root).resolve(specifier, fromFile);
}
