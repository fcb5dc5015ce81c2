// Where the extension's global storage is, written into its own folder at activation so that
// the uninstall hook (src/uninstall.ts, plain Node without the VS Code API) can find it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MARKER = '.global-storage.json';

/** Records `storageDir` in the extension's folder; false when that folder is read-only. */
export function writeStorageMarker(extensionDir: string, storageDir: string): boolean {
  try {
    writeFileSync(path.join(extensionDir, MARKER), JSON.stringify({ storageDir }));
    return true;
  } catch {
    return false;
  }
}

/**
 * The storage folder recorded in `extensionDir`, when it is one this extension owns: a folder
 * named after the extension's id (VS Code's `globalStorage/<publisher>.<name>`). Anything else
 * — no marker, a broken one, another folder — is undefined, so nothing else is ever removed.
 */
export function readStorageMarker(extensionDir: string, extensionId: string): string | undefined {
  try {
    const { storageDir } = JSON.parse(readFileSync(path.join(extensionDir, MARKER), 'utf8')) as { storageDir?: unknown };
    if (typeof storageDir !== 'string' || !path.isAbsolute(storageDir)) return undefined;
    return path.basename(storageDir).toLowerCase() === extensionId.toLowerCase() ? storageDir : undefined;
  } catch {
    return undefined;
  }
}
