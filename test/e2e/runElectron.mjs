// Runs the in-host test suite (test/e2e/inhost) in a desktop VS Code downloaded by
// @vscode/test-electron — for machines that can download VS Code (laptops, public CI). Offline
// machines run the same suite in code-server instead (test/e2e/cascade.e2e.mjs).
//   npm run build && node test/fixtures/makeTinyGguf.mjs && node test/e2e/runElectron.mjs
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const generated = path.join(root, 'test', 'fixtures', 'generated');

// A workspace whose settings point the tiers at the generated tiny GGUFs.
const workspace = mkdtempSync(path.join(os.tmpdir(), 'cascade-electron-'));
mkdirSync(path.join(workspace, '.vscode'));
writeFileSync(
  path.join(workspace, '.vscode', 'settings.json'),
  JSON.stringify({
    'cascade.tiers': ['tiny-a.gguf', 'tiny-b.gguf'].map((file) => ({ model: path.join(generated, file), samples: 2, testsPerSample: 2, maxTokens: 32 })),
    'cascade.debounceMs': 150,
    'cascade.latencyBudgetMs': 60000,
  }),
);

try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'test', 'e2e', 'inhost', 'index.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`In-host tests failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
