// `vscode:uninstall`: VS Code runs this with Node once Cascade is uninstalled for good (not on
// an update), before it removes the extension's folder. It removes Cascade's global storage —
// the downloaded models (often gigabytes), datasets, the sample — which VS Code itself keeps.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { readStorageMarker } from './editor/storageMarker';

const extensionDir = path.resolve(__dirname, '..');
const { publisher, name } = require(path.join(extensionDir, 'package.json')) as { publisher: string; name: string };
const storageDir = readStorageMarker(extensionDir, `${publisher}.${name}`);
if (storageDir) {
  rmSync(storageDir, { recursive: true, force: true });
  console.log(`Cascade uninstalled: removed ${storageDir}`);
} else {
  console.log('Cascade uninstalled: no global storage recorded, nothing removed');
}
