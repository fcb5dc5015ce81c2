import fs from 'node:fs';
import path from 'node:path';

/**
 * The project root a file's imports resolve in: the nearest folder, from the file's own
 * folder upwards, that holds a `package.json`. `undefined` when no folder up to the
 * filesystem root has one (the file is then not part of a package).
 */
export function findProjectRoot(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (fs.statSync(path.join(dir, 'package.json'), { throwIfNoEntry: false })?.isFile()) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
