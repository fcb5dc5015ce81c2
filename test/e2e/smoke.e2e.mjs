// Smoke test of the e2e harness: code-server starts with the .vsix installed, the
// workbench loads in headless chromium, Cascade activates (status bar item) and its command is
// in the palette; a fixture extension's ghost text is read and accepted through the same helpers
// the real tests use; and tests run inside the extension host (runExtensionTests). Run: `bash test/e2e/setup.sh && node --import tsx --test test/e2e/smoke.e2e.mjs`
// (after `npm run package`). Screenshots land in test/artifacts/.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  E2E_DIR,
  focusEditor,
  launchBrowser,
  listCommands,
  waitForLog,
  readNotifications,
  runExtensionTests,
  screenshot,
  startCodeServer,
  startSession,
  typeForGhostText,
  waitForWalkthrough,
} from './codeServer.mjs';

const log = (...args) => console.log('[e2e smoke]', ...args);

test('workbench loads with Cascade installed and activated', { timeout: 240_000 }, async (t) => {
  const t0 = Date.now();
  const session = await startSession({
    files: {
      'a.js': 'function add(a, b) {\n  return a + b;\n}\n',
      'ghost.js': '// the fixture extension completes a line ending with ghost(\n',
    },
    extraExtensions: [path.join(E2E_DIR, 'fixtures', 'ghost-ext')],
    userSettings: { 'editor.autoClosingBrackets': 'never' },
    signal: t.signal, // a timeout tears the session down instead of hanging
  });
  const { page } = session;
  try {
    log(`code-server healthy in ${session.server.startMs} ms; browser ${session.timings.browserMs} ms; workbench ${session.timings.workbenchMs} ms`);

    const status = await session.waitForCascade();
    log(`Cascade activated, status bar: ${JSON.stringify(status)} (${Date.now() - t0} ms since start)`);

    // The extension's LogOutputChannel, as written to disk by VS Code.
    const cascadeLog = await waitForLog(session.server, 'Cascade', /Cascade [\d.]+ activated/);
    log('Cascade log:', JSON.stringify(cascadeLog.trim()));
    // First activation without tiers: the walkthrough opens by itself.
    await waitForLog(session.server, 'Cascade', 'opening the walkthrough');
    await waitForWalkthrough(page);

    const commands = await listCommands(page, 'Cascade', { expect: 'Cascade: complete function' });
    log('palette:', JSON.stringify(commands));
    assert.ok(commands.some((label) => label.includes('Cascade: complete function')), `palette rows: ${commands}`);

    await session.openFile('a.js');
    await screenshot(page, 'smoke-a-js');

    // Ghost text through the fixture provider: type "ghost(", read the suggestion, accept it.
    await session.openFile('ghost.js');
    await focusEditor(page);
    const ghost = await typeForGhostText(page, 'ghost(');
    log('ghost text:', JSON.stringify(ghost));
    assert.equal(ghost, ') {\n  return 42;\n}');
    await screenshot(page, 'smoke-ghost');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+S');
    const saved = path.join(session.workspace, 'ghost.js');
    let content = '';
    for (let i = 0; i < 50 && !content.includes('return 42'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      content = readFileSync(saved, 'utf8');
    }
    assert.match(content, /ghost\(\) \{\n {2}return 42;\n\}/);

    const notifications = await readNotifications(page);
    log('notifications:', JSON.stringify(notifications));
    assert.ok(!notifications.some((n) => /cascade/i.test(n) && /error|fail/i.test(n)), `notifications: ${notifications}`);
    await screenshot(page, 'smoke-done');
  } catch (error) {
    await screenshot(page, 'smoke-failure');
    error.message += `\n--- code-server log tail ---\n${session.server.log().slice(-3000)}`;
    throw error;
  } finally {
    await session.close();
    log(`total ${Date.now() - t0} ms`);
  }
});

test('tests inside the extension host report their exit code', { timeout: 180_000 }, async () => {
  const t0 = Date.now();
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'cascade-e2e-ws-'));
  writeFileSync(path.join(workspace, 'a.js'), 'function f() {}\n');
  let server;
  let browser;
  try {
    server = await startCodeServer({ workspace, smokeTestDriver: true });
    browser = await launchBrowser();
    const page = await browser.newPage();
    const code = await runExtensionTests(page, server, {
      folder: workspace,
      extensionTestsPath: path.join(E2E_DIR, 'fixtures', 'host-tests', 'index.js'),
      timeoutMs: 150_000,
      onConsole: (text) => text.includes('[host-tests]') && log(text.replace(/^%c\s*\w+\s*color: #\w+\s*/, '')),
    });
    assert.equal(code, 0, `extension tests exit code ${code}`);
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(workspace, { recursive: true, force: true });
    log(`in-host tests total ${Date.now() - t0} ms`);
  }
});
