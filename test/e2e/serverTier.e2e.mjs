// End-to-end: ghost text from a server tier. A real llama.cpp llama-server (built from the source
// node-llama-cpp ships: test/server/buildLlamaServer.sh) serves the trained toy-s of models/toy on
// 127.0.0.1; Cascade's only tier is `{"server": <its URL>}`. In code-server the suggestion comes
// from the server (the status bar's server item says it is ready), Tab inserts it, and the saved
// file runs in Node and computes what its doc line says.
// Run after `npm run package`, `bash test/e2e/setup.sh` and `bash test/server/buildLlamaServer.sh`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { llamaServerMissing, serverMetric, startLlamaServer } from '../fixtures/llamaServer.mjs';
import {
  PROJECT_ROOT,
  QUIET_TYPING_SETTINGS,
  cursorToLineEnd,
  readLog,
  recordSuggestions,
  runCommand,
  saveAndRead,
  screenshot,
  startSession,
  waitForGhostText,
  waitForStatusBarItem,
} from './codeServer.mjs';

const log = (...args) => console.log(`[e2e server ${new Date().toISOString().slice(11, 23)}]`, ...args);

const SOURCE = '/** Returns the cube of n. */\nfunction cubed(n) {\n  \n}\n';
const BODY_LINE = 3;
const missing = llamaServerMissing();

let server;
let session;

before(async (t) => {
  if (missing) return;
  server = await startLlamaServer({ model: path.join(PROJECT_ROOT, 'models', 'toy', 'toy-s.gguf'), parallel: 2, contextSize: 256 });
  log('llama-server at', server.origin);
  session = await startSession({
    files: { 'cube.js': SOURCE },
    userSettings: { 'cascade.tiers': [{ server: server.origin, samples: 1, testsPerSample: 2, threshold: 1 }], ...QUIET_TYPING_SETTINGS },
    signal: t.signal,
  });
  log('status', JSON.stringify(await session.waitForCascade()));
}, { timeout: 120_000 });

after(async () => {
  await session?.close();
  await server?.stop();
});

test('ghost text from a server tier (llama-server on 127.0.0.1): Tab inserts it and the saved file runs and cubes', { timeout: 180_000, skip: missing }, async () => {
  const { page } = session;
  let recorder;
  try {
    await session.openFile('cube.js');
    await cursorToLineEnd(page, BODY_LINE);
    recorder = await recordSuggestions(page);
    await runCommand(page, 'Trigger Inline Suggestion');
    const first = await waitForGhostText(page, { timeoutMs: 60_000 });
    log('suggestion', JSON.stringify(first));
    // The server generated it (its own counter), and the server tier's status bar item says ready.
    assert.ok((await serverMetric(server.origin, 'llamacpp:tokens_predicted_total')) > 0, 'llama-server generated no token');
    const serverItem = await waitForStatusBarItem(page, /^\s*server\s*$/, { timeoutMs: 30_000 });
    log('server item', JSON.stringify(serverItem));
    await waitForStatusBarItem(page, /Cascade: (tier 1 \d+\/\d+|unverified) · \d+ ms/, { timeoutMs: 60_000 });
    await screenshot(page, 'server-tier-ghost-text');

    await page.keyboard.press('Tab');
    const file = path.join(session.workspace, 'cube.js');
    const saved = await saveAndRead(page, file, (content) => content !== SOURCE && content.startsWith('/** Returns the cube'));
    log('saved cube.js:', JSON.stringify(saved));
    const check = "\nconst assert = require('node:assert');\nassert.strictEqual(cubed(3), 27);\nassert.strictEqual(cubed(-2), -8);\nconsole.log('ok');\n";
    assert.equal(execFileSync(process.execPath, ['--input-type=commonjs', '-e', saved + check], { encoding: 'utf8' }).trim(), 'ok');
  } catch (error) {
    await screenshot(page, 'server-tier-failure');
    error.message += `\n--- Cascade log tail ---\n${readLog(session.server, 'Cascade').slice(-3000)}`;
    throw error;
  } finally {
    await recorder?.stop();
  }
});

test('settings panel on a server tier: says where the file goes, has no key yet, and Test tier reports first-token latency and speed', { timeout: 180_000, skip: missing }, async () => {
  const { page } = session;
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  try {
    await runCommand(page, 'Cascade: open settings');
    await frame.getByRole('heading', { name: 'Cascade tiers' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await frame.locator('#tier-0-server').inputValue(), server.origin);
    assert.equal(await frame.locator('#tier-0-runs-server').isChecked(), true);
    assert.equal(await frame.locator('#tier-0-gpuLayers').count(), 0, 'no local-only field on a server tier');
    assert.match(await frame.locator('#tier-0-notice').innerText(), new RegExp(`sends the current file to 127\\.0\\.0\\.1:${server.port}`));
    await frame.locator('#tier-0-key-status').filter({ hasText: 'no key' }).waitFor({ timeout: 30_000 });
    await frame.locator('section.tier').first().getByRole('button', { name: 'Test tier' }).click();
    const result = frame.locator('#tier-0-test').filter({ hasText: /first token after \d+ ms; \d+ tokens at [\d.]+ tokens\/s/ });
    await result.waitFor({ timeout: 60_000 });
    log('test tier:', await result.innerText());
    await screenshot(page, 'server-tier-panel');
  } catch (error) {
    await screenshot(page, 'server-tier-panel-failure');
    throw error;
  }
});
