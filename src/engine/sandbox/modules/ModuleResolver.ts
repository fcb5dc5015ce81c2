import fs from 'node:fs';
import path from 'node:path';
import { classifyBuiltin } from './classifyBuiltin';
import { matchPackageMap } from './matchPackageMap';
import { MAX_MODULE_FILE_BYTES } from './moduleCaps';
import type { ModuleResolution } from './resolveModule';
import { OutsideRootError, RootConfinement } from './RootConfinement';

/** Extensions tried after the exact name, in this order, for a JavaScript importer. */
const JS_FIRST = ['.js', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.jsx', '.json'];
/** The same for a TypeScript importer, which (like `tsc`) prefers the TypeScript source. */
const TS_FIRST = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx', '.json'];
/** TypeScript's convention: `import './x.js'` in TypeScript means `./x.ts`. */
const TS_FOR_JS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};
const TS_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts']);

/** The part of a package.json the resolver reads. */
interface PackageJson {
  main?: unknown;
  exports?: unknown;
  imports?: unknown;
}

/** Ends a resolution early with its answer (a refusal or a precise "missing"). */
class Settled extends Error {
  constructor(readonly resolution: ModuleResolution) {
    super(resolution.kind);
  }
}

/**
 * Node's CommonJS resolution, confined to one project root: relative and absolute paths
 * with extension, TypeScript and index lookup; bare specifiers from the `node_modules`
 * folders between the importer and the root (never above it), through a package's
 * `exports`, then `main`, then `index`; `#` specifiers through the nearest package.json's
 * `imports`. Every candidate is checked after resolving symlinks, so nothing outside the
 * root is ever returned and no package.json outside it is read. One instance caches the
 * package.json files it read: use one per run, since the files may change between runs.
 */
export class ModuleResolver {
  private readonly confinement: RootConfinement;
  private readonly packages = new Map<string, PackageJson | undefined>();

  constructor(root: string) {
    this.confinement = new RootConfinement(root);
  }

  /** Resolves `specifier` as `require` in the file `fromFile` would (sync, Node `fs`). */
  resolve(specifier: string, fromFile: string): ModuleResolution {
    const builtin = classifyBuiltin(specifier);
    if (builtin) return builtin;
    if (this.confinement.realRoot === undefined) {
      return { kind: 'missing', message: `Cannot load '${specifier}': the project root ${this.confinement.root} does not exist` };
    }
    try {
      const resolution = this.locate(specifier, path.resolve(fromFile));
      if (resolution.kind === 'file' && resolution.path.endsWith('.node')) {
        const file = this.confinement.display(resolution.path);
        return { kind: 'refused', message: `require('${specifier}') is a native addon (${file}), which the sandbox cannot load` };
      }
      return resolution;
    } catch (error) {
      if (error instanceof Settled) return error.resolution;
      if (error instanceof OutsideRootError) {
        const message = `require('${specifier}') resolves outside the project root ${this.confinement.root}; only files inside it can be loaded`;
        return { kind: 'refused', message };
      }
      throw error;
    }
  }

  private locate(specifier: string, from: string): ModuleResolution {
    if (specifier === '') return missing("Cannot find module '': a module name is empty");
    if (specifier.startsWith('#')) return this.resolveImports(specifier, from);
    if (!isPathLike(specifier)) return this.resolvePackage(specifier, from);
    const base = path.resolve(path.dirname(from), specifier);
    const directoryOnly = /[/\\]$/.test(specifier);
    const file = (directoryOnly ? undefined : this.loadAsFile(base, from)) ?? this.loadAsDirectory(base, from);
    if (file) return { kind: 'file', path: file };
    return missing(`Cannot find module '${specifier}' from '${this.confinement.display(from)}'`);
  }

  /** `X`, then `X` with each extension (TypeScript's `.js` → `.ts` mapping included). */
  private loadAsFile(base: string, from: string): string | undefined {
    const fromTypeScript = TS_EXTENSIONS.has(path.extname(from));
    const extension = path.extname(base);
    const stem = base.slice(0, base.length - extension.length);
    const mapped = (TS_FOR_JS[extension] ?? []).map((ts) => stem + ts);
    const withExtension = (fromTypeScript ? TS_FIRST : JS_FIRST).map((ext) => base + ext);
    const candidates = fromTypeScript ? [...mapped, base, ...withExtension] : [base, ...mapped, ...withExtension];
    for (const candidate of candidates) {
      const probed = this.confinement.probe(candidate);
      if (probed?.type === 'file') return probed.real;
    }
    return undefined;
  }

  /** A folder: its package.json's `main` (as a file, then as a folder's index), then its index. */
  private loadAsDirectory(base: string, from: string): string | undefined {
    const directory = this.confinement.probe(base);
    if (directory?.type !== 'directory') return undefined;
    const main = this.packageJson(directory.real)?.main;
    if (typeof main === 'string' && main !== '') {
      const entry = path.resolve(directory.real, main);
      const file = this.loadAsFile(entry, from) ?? this.loadIndex(entry, from);
      if (file) return file;
    }
    return this.loadIndex(directory.real, from);
  }

  private loadIndex(directory: string, from: string): string | undefined {
    const fromTypeScript = TS_EXTENSIONS.has(path.extname(from));
    for (const extension of fromTypeScript ? TS_FIRST : JS_FIRST) {
      const probed = this.confinement.probe(path.join(directory, `index${extension}`));
      if (probed?.type === 'file') return probed.real;
    }
    return undefined;
  }

  /** `pkg`, `pkg/sub`, `@scope/pkg/sub` from the `node_modules` folders up to the root. */
  private resolvePackage(specifier: string, from: string): ModuleResolution {
    const parsed = parsePackageSpecifier(specifier);
    if (!parsed) return missing(`Cannot find module '${specifier}': it is not a valid package name`);
    let installed = false;
    for (const directory of this.nodeModulesParents(path.dirname(from))) {
      const packagePath = path.join(directory, 'node_modules', parsed.name);
      const packageDirectory = this.confinement.probe(packagePath);
      if (packageDirectory?.type === 'directory') {
        installed = true;
        const exports = this.packageJson(packageDirectory.real)?.exports;
        if (exports !== undefined && exports !== null) {
          return this.resolveExports(specifier, parsed, packageDirectory.real, exports);
        }
      }
      const full = path.join(directory, 'node_modules', specifier);
      const file = this.loadAsFile(full, from) ?? this.loadAsDirectory(full, from);
      if (file) return { kind: 'file', path: file };
    }
    const where = `from '${this.confinement.display(from)}'`;
    if (installed) return missing(`Cannot find module '${specifier}' ${where}: package '${parsed.name}' has no such file`);
    return missing(
      `Cannot find package '${parsed.name}' ${where}: it is not installed in the project's node_modules (npm install ${parsed.name})`,
    );
  }

  private resolveExports(
    specifier: string,
    parsed: { name: string; subpath: string },
    packageDirectory: string,
    exports: unknown,
  ): ModuleResolution {
    const target = matchPackageMap(exports, parsed.subpath);
    if (typeof target !== 'string') {
      return missing(`Package subpath '${parsed.subpath}' is not exported by '${parsed.name}' (see "exports" in its package.json)`);
    }
    const file = this.packageTarget(packageDirectory, target);
    if (file) return { kind: 'file', path: file };
    return missing(`Cannot find module '${specifier}': '${parsed.name}' exports ${target} for it, which does not exist`);
  }

  /** A `./…` target inside a package; `..` and `node_modules` segments are invalid, as in Node. */
  private packageTarget(packageDirectory: string, target: string): string | undefined {
    const segments = target.split(/[/\\]/);
    if (segments[0] !== '.' || segments.slice(1).some((s) => s === '..' || s === '.' || s === 'node_modules')) {
      throw new Settled(missing(`Invalid package target '${target}' in ${this.confinement.display(packageDirectory)}/package.json`));
    }
    const probed = this.confinement.probe(path.join(packageDirectory, target));
    return probed?.type === 'file' ? probed.real : undefined;
  }

  /** `#name` through the `imports` of the nearest package.json at or below the root. */
  private resolveImports(specifier: string, from: string): ModuleResolution {
    for (const directory of this.parentsWithinRoot(path.dirname(from))) {
      const manifest = this.confinement.probe(path.join(directory, 'package.json'));
      if (manifest?.type !== 'file') continue;
      const target = matchPackageMap(this.packageJson(directory)?.imports, specifier);
      if (typeof target !== 'string') {
        return missing(`Package import '${specifier}' is not defined by "imports" in ${this.confinement.display(manifest.real)}`);
      }
      if (target.startsWith('#')) return missing(`Invalid package target '${target}' for '${specifier}' in ${this.confinement.display(manifest.real)}`);
      if (!target.startsWith('./')) return this.resolve(target, manifest.real);
      const file = this.packageTarget(path.dirname(manifest.real), target);
      if (file) return { kind: 'file', path: file };
      return missing(`Cannot find module '${specifier}': "imports" maps it to ${target}, which does not exist`);
    }
    return missing(`Package import '${specifier}' has no package.json with "imports" inside the project root`);
  }

  /** Folders whose `node_modules` Node would search, nearest first, never above the root. */
  private nodeModulesParents(start: string): string[] {
    return this.parentsWithinRoot(start).filter((directory) => path.basename(directory) !== 'node_modules');
  }

  private parentsWithinRoot(start: string): string[] {
    const { root, realRoot } = this.confinement;
    const parents: string[] = [];
    for (let directory = start; this.confinement.insideLexically(directory); directory = path.dirname(directory)) {
      parents.push(directory);
      if (directory === root || directory === realRoot || path.dirname(directory) === directory) break;
    }
    return parents;
  }

  /** A folder's package.json, parsed; `undefined` when it has none. */
  private packageJson(directory: string): PackageJson | undefined {
    if (this.packages.has(directory)) return this.packages.get(directory);
    const manifest = this.confinement.probe(path.join(directory, 'package.json'));
    let parsed: PackageJson | undefined;
    if (manifest?.type === 'file') {
      const where = `${this.confinement.display(manifest.real)}`;
      if (fs.statSync(manifest.real).size > MAX_MODULE_FILE_BYTES) throw new Settled(missing(`${where} is too large to read`));
      try {
        const value: unknown = JSON.parse(fs.readFileSync(manifest.real, 'utf8'));
        parsed = value !== null && typeof value === 'object' ? (value as PackageJson) : {};
      } catch (error) {
        throw new Settled(missing(`Invalid JSON in ${where}: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    this.packages.set(directory, parsed);
    return parsed;
  }
}

function missing(message: string): ModuleResolution {
  return { kind: 'missing', message };
}

/** `./x`, `../x`, `.`, `..` and absolute paths; everything else is a package (or `#import`). */
function isPathLike(specifier: string): boolean {
  const relative = path.sep === '\\' ? /^\.\.?(?:[/\\]|$)/ : /^\.\.?(?:\/|$)/;
  return relative.test(specifier) || path.isAbsolute(specifier);
}

/** `@scope/pkg/a/b` → `{ name: '@scope/pkg', subpath: './a/b' }`; `pkg` → `{ name: 'pkg', subpath: '.' }`. */
function parsePackageSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameParts || parts.slice(0, nameParts).some((part) => part === '' || part === '.' || part === '..')) {
    return undefined;
  }
  if (/[\\%]/.test(parts.slice(0, nameParts).join('/'))) return undefined;
  const rest = parts.slice(nameParts);
  return { name: parts.slice(0, nameParts).join('/'), subpath: rest.length === 0 ? '.' : `./${rest.join('/')}` };
}
