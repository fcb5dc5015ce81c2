import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_MODULE_CAPS, type ModuleCaps } from './moduleCaps';
import { OutsideRootError, RootConfinement } from './RootConfinement';

/** One module file as read from disk. */
export interface ModuleSource {
  /** Real path of the file. */
  path: string;
  /** The file's text (UTF-8, without a byte-order mark). */
  text: string;
  /** Size in bytes and modification time in ms, as read: together with `path` a cache key. */
  size: number;
  mtimeMs: number;
}

/** A module that may not or cannot be read; the message says which cap tripped or why. */
export class ModuleReadError extends Error {
  override name = 'Error';
}

/**
 * Reads the module files of one run, within the project root and the caps: a file over the
 * per-file cap is never read, and the run's total bytes and module count are counted across
 * calls (one reader per run). A `.json` file must parse, so its error is a clear one.
 */
export class ModuleReader {
  private readonly confinement: RootConfinement;
  private modules = 0;
  private bytes = 0;

  constructor(
    root: string,
    private readonly caps: Readonly<ModuleCaps> = DEFAULT_MODULE_CAPS,
  ) {
    this.confinement = new RootConfinement(root);
  }

  /** Reads `file` (a path `resolveModule` returned); throws ModuleReadError. */
  read(file: string): ModuleSource {
    const where = this.confinement.display(file);
    const real = this.locate(file, where);
    if (this.modules >= this.caps.modules) {
      throw new ModuleReadError(`Too many modules: a run may load at most ${this.caps.modules} (loading ${where})`);
    }
    const fd = open(real, where);
    try {
      const stats = fs.fstatSync(fd);
      if (stats.size > this.caps.fileBytes) {
        throw new ModuleReadError(
          `Module ${where} is ${stats.size} bytes, over the cap of ${formatBytes(this.caps.fileBytes)} per module file`,
        );
      }
      if (this.bytes + stats.size > this.caps.runBytes) {
        throw new ModuleReadError(
          `Loading ${where} would read more than ${formatBytes(this.caps.runBytes)} of modules in one run (the cap per run)`,
        );
      }
      const data = readAll(fd, stats.size);
      this.modules++;
      this.bytes += data.length;
      const text = data.toString('utf8').replace(/^\uFEFF/, '');
      if (path.extname(real) === '.json') validateJson(text, where);
      return { path: real, text, size: stats.size, mtimeMs: stats.mtimeMs };
    } finally {
      fs.closeSync(fd);
    }
  }

  private locate(file: string, where: string): string {
    try {
      const probed = this.confinement.probe(file);
      if (probed?.type === 'file') return probed.real;
    } catch (error) {
      if (error instanceof OutsideRootError) throw new ModuleReadError(`Module ${where} is outside the project root`);
      throw error;
    }
    throw new ModuleReadError(`Cannot read module ${where}: no such file`);
  }
}

function open(file: string, where: string): number {
  try {
    return fs.openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ModuleReadError(`Cannot read module ${where}: ${code}`);
  }
}

/** Reads up to `size` bytes: a file that shrank meanwhile gives what is there, one that grew no more. */
function readAll(fd: number, size: number): Buffer {
  const data = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const read = fs.readSync(fd, data, offset, size - offset, offset);
    if (read === 0) break;
    offset += read;
  }
  return data.subarray(0, offset);
}

function validateJson(text: string, where: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    throw new ModuleReadError(`Module ${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}
