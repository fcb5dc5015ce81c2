// Module loading in the sandbox: a program that requires a 3-module sibling graph (two
// TypeScript files and a JavaScript one) and a ~100 KB npm package, run on a cold worker
// (fresh pool: worker start, QuickJS, the TypeScript compiler) and then warm (the worker's
// transpile cache holds the modules; each run still reads them and compiles them in QuickJS,
// restored to its pristine state). The package comes as CommonJS (read as is) and as an ES
// module (transpiled once per worker). Prints wall time per run as the pool's caller sees it,
// and the run's own `ms`; a run without imports is the reference.
//
//   npm run bench:modules        # builds first (the worker runs from dist/)
import { rmSync } from 'node:fs';
import path from 'node:path';
import { setAssetDir } from '../../src/engine/assets';
import type { RunRequest } from '../../src/engine/sandbox/Sandbox';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { makeFileTree } from '../helpers/fileTree';

const WARM_RUNS = 9;

/** A package of `count` small utility functions (about 80–100 bytes each). */
function packageSource(count: number, esm: boolean): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = `function util${i}(value, step) { return value * ${i % 7} + (step || ${i}) - ${i % 13}; }`;
    lines.push(esm ? `export ${body}` : `${body}\nexports.util${i} = util${i};`);
  }
  return `${lines.join('\n')}\n`;
}

async function time(pool: SandboxPool, request: RunRequest): Promise<{ wall: number; ms: number }> {
  const started = performance.now();
  const outcome = await pool.run(request);
  if (outcome.status !== 'pass') throw new Error(`run failed: ${JSON.stringify(outcome)}`);
  return { wall: performance.now() - started, ms: outcome.ms };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

async function main(): Promise<void> {
  setAssetDir(path.resolve(__dirname, '..', '..', 'dist'));
  const base = makeFileTree({
    'package.json': '{ "name": "bench" }',
    'src/a.ts': "import { b } from './b';\nexport function a(n: number): number { return b(n) + 1; }\n",
    'src/b.ts': "import { c } from './c.js';\nexport const b = (n: number): number => c(n) * 2;\n",
    'src/c.js': 'exports.c = (n) => n - 1;\n',
    'node_modules/utils-cjs/package.json': '{ "name": "utils-cjs", "main": "index.js" }',
    'node_modules/utils-cjs/index.js': packageSource(1000, false),
    'node_modules/utils-esm/package.json': '{ "name": "utils-esm", "exports": { "import": "./index.mjs" } }',
    'node_modules/utils-esm/index.mjs': packageSource(1250, true),
  });
  const modules = { root: base, file: path.join(base, 'src', 'main.ts') };
  const programFor = (pkg: string): string =>
    `import assert from 'node:assert';\nimport { a } from './a';\nimport { util5 } from '${pkg}';\nassert.equal(a(3), 5);\nassert.equal(util5(2, 1), 6);\n`;
  const rows: [string, RunRequest][] = [
    ['no imports (reference)', { code: "import assert from 'node:assert';\nassert.equal(1 + 1, 2);\n", language: 'ts' }],
    ['3 siblings + 100 KB CommonJS package', { code: programFor('utils-cjs'), language: 'ts', modules }],
    ['3 siblings + 100 KB ES-module package', { code: programFor('utils-esm'), language: 'ts', modules }],
  ];
  console.log(`package sizes: CommonJS ${packageSource(1000, false).length} bytes, ESM ${packageSource(1250, true).length} bytes`);
  console.log('what'.padEnd(40), 'cold wall'.padStart(10), 'cold ms'.padStart(9), 'warm wall'.padStart(10), 'warm ms'.padStart(9));
  try {
    for (const [name, request] of rows) {
      const pool = new SandboxPool({ size: 1 });
      try {
        const cold = await time(pool, request);
        const warm: { wall: number; ms: number }[] = [];
        for (let i = 0; i < WARM_RUNS; i++) warm.push(await time(pool, request));
        const cells = [cold.wall, cold.ms, median(warm.map((w) => w.wall)), median(warm.map((w) => w.ms))];
        console.log(name.padEnd(40), ...cells.map((v, i) => v.toFixed(1).padStart(i % 2 ? 9 : 10)));
      } finally {
        await pool.dispose();
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

void main();
