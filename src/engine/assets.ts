import path from 'node:path';

// Bundled, every engine module lives in dist/ next to the wasm files and the sandbox worker
// that esbuild.config.mjs copies there. Tests run the TypeScript sources and point this at
// the built dist/ instead.
let assetDir = __dirname;

/** Where the wasm files and `sandboxWorker.js` are looked up. */
export function setAssetDir(dir: string): void {
  assetDir = dir;
}

/** Absolute path of a file shipped next to the bundle (e.g. `tree-sitter-javascript.wasm`). */
export function assetPath(name: string): string {
  return path.join(assetDir, name);
}
