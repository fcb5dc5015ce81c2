import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A file's text, or a symlink to `link` (relative to the link's own folder, or absolute). */
export type TreeEntry = string | { link: string };

/**
 * Builds a folder tree under a fresh temporary folder and returns that folder's real path
 * (`/tmp` may itself be a symlink). Keys are `/`-separated paths; parent folders are made.
 */
export function makeFileTree(entries: Record<string, TreeEntry>, prefix = 'cascade-tree-'): string {
  const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  addToTree(base, entries);
  return base;
}

/** Adds entries to an existing tree (see makeFileTree). */
export function addToTree(base: string, entries: Record<string, TreeEntry>): void {
  for (const [name, entry] of Object.entries(entries)) {
    const target = path.join(base, ...name.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    if (typeof entry === 'string') writeFileSync(target, entry);
    else symlinkSync(entry.link, target);
  }
}
