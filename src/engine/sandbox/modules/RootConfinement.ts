import fs from 'node:fs';
import path from 'node:path';

/** A path that exists, with its real path (every symlink resolved). */
export interface ProbedPath {
  type: 'file' | 'directory';
  real: string;
}

/** A candidate whose real path lies outside the project root. */
export class OutsideRootError extends Error {}

/**
 * The project root every module must come from. A path is inside when it is the root or
 * below it, compared after resolving symlinks: a link inside the project that points
 * outside it is outside. A path outside the root as written (a `..` escape) is refused
 * before the filesystem is touched.
 */
export class RootConfinement {
  /** The root as given, resolved to an absolute path. */
  readonly root: string;
  /** The root with every symlink resolved; `undefined` when it does not exist. */
  readonly realRoot: string | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.realRoot = realpath(this.root);
  }

  /** True when `candidate` (absolute) is under the root as given or under its real path. */
  insideLexically(candidate: string): boolean {
    return isWithin(this.root, candidate) || (this.realRoot !== undefined && isWithin(this.realRoot, candidate));
  }

  /** True when `real` (a real path) is the real root or below it. */
  contains(real: string): boolean {
    return this.realRoot !== undefined && isWithin(this.realRoot, real);
  }

  /**
   * What `candidate` is, or `undefined` when it does not exist (or is neither a file nor a
   * folder). Throws OutsideRootError, without touching the filesystem, when `candidate` is
   * outside the root as written, and when it exists but its real path is outside the root.
   */
  probe(candidate: string): ProbedPath | undefined {
    if (!this.insideLexically(candidate)) throw new OutsideRootError(candidate);
    const stats = stat(candidate);
    if (!stats || !(stats.isFile() || stats.isDirectory())) return undefined;
    const real = realpath(candidate);
    if (real === undefined) return undefined;
    if (!this.contains(real)) throw new OutsideRootError(candidate);
    return { type: stats.isFile() ? 'file' : 'directory', real };
  }

  /** `candidate` relative to the root, for messages (`src/a.ts`, `.`). */
  display(candidate: string): string {
    const base = this.realRoot !== undefined && isWithin(this.realRoot, candidate) ? this.realRoot : this.root;
    const relative = path.relative(base, candidate);
    return relative === '' ? '.' : relative.split(path.sep).join('/');
  }
}

/** `undefined` for anything that cannot be looked at: missing, a file used as a folder, no permission. */
function stat(candidate: string): fs.Stats | undefined {
  try {
    return fs.statSync(candidate, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function realpath(candidate: string): string | undefined {
  try {
    return fs.realpathSync.native(candidate);
  } catch {
    return undefined;
  }
}

function isWithin(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
