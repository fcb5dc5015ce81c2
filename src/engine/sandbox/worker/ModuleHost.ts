import fs from 'node:fs';
import path from 'node:path';
import { classifyBuiltin } from '../modules/classifyBuiltin';
import { ModuleReader, ModuleReadError } from '../modules/ModuleReader';
import { ModuleResolver } from '../modules/ModuleResolver';
import type { ModuleScope } from '../Sandbox';
import { prepareModule } from './prepareModule';
import { TranspileCache } from './TranspileCache';
import { TranspileError } from './transpileTypeScript';

/** What the guest loader's `resolveModule` gets (GuestModuleResolution in ../guest/guest.d.ts). */
export type HostResolution =
  | { kind: 'builtin'; name: string }
  | { kind: 'refused'; message: string; builtin: boolean }
  | { kind: 'file'; path: string }
  | { kind: 'missing'; message: string };

/** A module file ready to compile: the wrapper's body, or JSON text, or the program's own file. */
export type HostModule =
  | { kind: 'js'; script: string; filename: string; dirname: string }
  | { kind: 'json'; text: string }
  | { kind: 'program' }
  | { kind: 'error'; message: string };

/** Tells the pool's watchdog that the run pauses to load a module, and when it resumes. */
export interface LoadingHooks {
  loading(): void;
  resumed(): void;
}

/**
 * The host side of one run's module loader. It resolves specifiers within the run's
 * project root, reads files within the caps (ModuleReader, counted per run) and transpiles
 * them (cached per worker). The guest names files only by the paths this host resolved for
 * it, and resolves only from files it loaded, so it cannot steer the host anywhere else.
 * Without a scope every specifier that is not a built-in is refused, as before modules.
 */
export class ModuleHost {
  private readonly resolver: ModuleResolver | undefined;
  private readonly reader: ModuleReader | undefined;
  private readonly programPath: string | undefined;
  private readonly resolved = new Set<string>();
  private readonly loaded = new Set<string>();

  constructor(
    private readonly scope: ModuleScope | undefined,
    private readonly cache: TranspileCache,
    private readonly hooks: LoadingHooks,
  ) {
    if (!scope) return;
    this.resolver = new ModuleResolver(scope.root);
    this.reader = new ModuleReader(scope.root);
    this.programPath = realpath(path.resolve(scope.file));
  }

  /** `require(specifier)` from the module file `from` (`null`: the program). */
  resolve(from: string | null, specifier: string): HostResolution {
    const builtin = classifyBuiltin(specifier);
    if (builtin?.kind === 'refused') return { ...builtin, builtin: true };
    if (builtin) return builtin;
    const refused = (message: string): HostResolution => ({ kind: 'refused', message, builtin: false });
    if (!this.scope || !this.resolver) return refused(`require('${specifier}') is not available in the sandbox`);
    if (from !== null && !this.loaded.has(from)) return refused(`require('${specifier}') from a module that was not loaded`);
    const resolution = this.resolver.resolve(specifier, from ?? this.scope.file);
    if (resolution.kind === 'refused') return refused(resolution.message);
    if (resolution.kind === 'file') this.resolved.add(resolution.path);
    return resolution;
  }

  /** Reads and prepares a file `resolve` returned; the pool's watchdog is told it may take a while. */
  load(file: string): HostModule {
    if (!this.reader || !this.resolved.has(file)) return { kind: 'error', message: `module ${file} was not resolved` };
    if (file === this.programPath) return { kind: 'program' };
    this.hooks.loading();
    try {
      return this.prepare(this.reader, file);
    } finally {
      this.hooks.resumed();
    }
  }

  private prepare(reader: ModuleReader, file: string): HostModule {
    let source;
    try {
      source = reader.read(file);
    } catch (error) {
      if (error instanceof ModuleReadError) return { kind: 'error', message: error.message };
      throw error;
    }
    this.loaded.add(file);
    if (path.extname(file) === '.json') return { kind: 'json', text: source.text };
    const key = TranspileCache.key(source.path, source.size, source.mtimeMs);
    let script = this.cache.get(key);
    if (script === undefined) {
      try {
        script = prepareModule(source.text, file);
      } catch (error) {
        if (!(error instanceof TranspileError)) throw error;
        return { kind: 'error', message: `SyntaxError: ${error.message} (in ${this.display(file)})` };
      }
      if (script !== source.text) this.cache.set(key, script);
    }
    return { kind: 'js', script, filename: file, dirname: path.dirname(file) };
  }

  /** A file relative to the project root, for messages. */
  display(file: string): string {
    return this.scope ? path.relative(realpath(this.scope.root), file).split(path.sep).join('/') : file;
  }
}

function realpath(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return file;
  }
}
