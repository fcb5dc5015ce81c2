// Bundles the extension, the CLI and the sandbox worker into dist/, and copies the
// WebAssembly files they load at run time (tree-sitter runtime + grammars, QuickJS) next
// to them: the engine finds every asset relative to its own bundle.
import { build, context, transform } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const outdir = 'dist';

const wasmAssets = [
  ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter.wasm'],
  ['tree-sitter-javascript/tree-sitter-javascript.wasm', 'tree-sitter-javascript.wasm'],
  ['tree-sitter-typescript/tree-sitter-typescript.wasm', 'tree-sitter-typescript.wasm'],
  ['tree-sitter-typescript/tree-sitter-tsx.wasm', 'tree-sitter-tsx.wasm'],
  ['tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
  ['@jitl/quickjs-wasmfile-release-sync/dist/emscripten-module.wasm', 'quickjs.wasm'],
];

// Resolved through each package's directory: some export maps hide their wasm files.
function packageFile(spec) {
  const [scopeOrName, ...rest] = spec.split('/');
  const name = scopeOrName.startsWith('@') ? `${scopeOrName}/${rest.shift()}` : scopeOrName;
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, ...rest);
}

function copyAssets() {
  mkdirSync(outdir, { recursive: true });
  for (const [from, to] of wasmAssets) copyFileSync(packageFile(from), path.join(outdir, to));
}

// The guest JavaScript (src/engine/sandbox/guest/*.js) runs inside QuickJS, not in Node: an
// import ending in `?source` gives the file's text as a string (the worker evaluates it in
// the VM). Comments and indentation are stripped: QuickJS compiles the prelude before every
// run, at ~10 MB/s, so each byte of it costs.
const guestSource = {
  name: 'guest-source',
  setup(build) {
    build.onResolve({ filter: /\?source$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.slice(0, -'?source'.length)),
      namespace: 'guest-source',
    }));
    build.onLoad({ filter: /.*/, namespace: 'guest-source' }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const { code } = await transform(source, { loader: 'js', minifyWhitespace: true, sourcefile: args.path });
      return { contents: code, loader: 'text', watchFiles: [args.path] };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // node-llama-cpp is ESM with native addons; it is loaded with import() at run time.
  external: ['vscode', 'node-llama-cpp'],
  logLevel: 'info',
  plugins: [guestSource],
};

const entries = [
  { entryPoints: ['src/extension.ts'], outfile: `${outdir}/extension.js` },
  { entryPoints: ['src/cli/main.ts'], outfile: `${outdir}/cli.js`, banner: { js: '#!/usr/bin/env node' } },
  {
    entryPoints: ['src/engine/sandbox/worker/sandboxWorker.ts'],
    outfile: `${outdir}/sandboxWorker.js`,
    // typescript (a runtime dependency, ~9 MB) stays in node_modules: bundled, every worker
    // would parse it at start-up (~0.2 s) although only TypeScript and async programs need it.
    external: [...common.external, 'typescript'],
    // QuickJS's emscripten loader is ESM and calls createRequire(import.meta.url), which a
    // CommonJS bundle leaves empty: give it the bundle's own URL.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  },
  // Run by VS Code after an uninstall (package.json's `vscode:uninstall`).
  { entryPoints: ['src/uninstall.ts'], outfile: `${outdir}/uninstall.js` },
  // The sandbox on its own, for test/bench/sandboxMemory.mjs.
  { entryPoints: ['src/engine/sandbox/index.ts'], outfile: `${outdir}/sandbox.js` },
];

copyAssets();
if (watch) {
  for (const entry of entries) await (await context({ ...common, ...entry })).watch();
} else {
  await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
}
