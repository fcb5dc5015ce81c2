// End-to-end tests of Cascade as a user sees it: the built extension in code-server, the real
// node-llama-cpp engine and the tiny generated GGUFs (random weights: they write printable
// nonsense, so the cascade ends in the last tier's unverified fallback; what is checked is what
// the editor shows and does, not code quality). Run after `npm run build`,
// `node test/fixtures/makeTinyGguf.mjs` and `bash test/e2e/setup.sh`:
//   node --test --test-concurrency=1 test/e2e/*.e2e.mjs
// Screenshots land in test/artifacts/e2e-cascade-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  E2E_DIR,
  focusEditor,
  ghostText,
  launchBrowser,
  readLog,
  runCommand,
  runExtensionTests,
  screenshot,
  startCodeServer,
  startSession,
  statusBarTexts,
  typeForGhostText,
  waitForNotification,
  waitForStatusBarItem,
  tinyModels,
  QUIET_TYPING_SETTINGS,
} from './codeServer.mjs';

const log = (...args) => console.log(`[e2e cascade ${new Date().toISOString().slice(11, 23)}]`, ...args);

const [tinyA, tinyB] = tinyModels();

const tier = (model) => ({ model, samples: 2, testsPerSample: 2, maxTokens: 32, gpuLayers: 0 });
const cascadeSettings = (tiers, { debounceMs = 150 } = {}) => ({
  'cascade.tiers': tiers,
  'cascade.debounceMs': debounceMs,
  'cascade.latencyBudgetMs': 60_000,
  ...QUIET_TYPING_SETTINGS,
});

/** The status bar's last-result label (StatusBar.result). */
const RESULT_LABEL = /Cascade: (tier \d+ \d+\/\d+|unverified) · (\d+) ms/;
/** The command's summary notification (summarizeResult). */
const SUMMARY = /Cascade: (tier \d+ answered|unverified fallback)/;

/** As the harness cleans DOM text: nbsp → space, trimmed. */
const clean = (text) => text.replace(/\u00a0/g, ' ').trim();

/** Whitespace-insensitive form: the DOM renders indentation and tabs its own way. */
const squash = (text) => text.replace(/\s+/g, '');

/** Puts the cursor at the end of 1-based `line` of the active editor. */
async function cursorToLineEnd(page, line) {
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

/**
 * Ctrl+S, then polls the file until `check(content)` holds on two reads in a row with the same
 * content (a read can catch the save half-written, e.g. empty); returns the content.
 */
async function saveAndRead(page, file, check, { timeoutMs = 10_000 } = {}) {
  await page.keyboard.press('Control+S');
  const deadline = Date.now() + timeoutMs;
  let previous;
  for (;;) {
    const content = readFileSync(file, 'utf8');
    if (check(content) && content === previous) return content;
    if (Date.now() > deadline) throw new Error(`${path.basename(file)} on disk never matched; last content: ${JSON.stringify(content)}`);
    previous = content;
    await sleep(150);
  }
}

/** The tail of the Cascade output channel (on disk), for failure messages. */
function cascadeLog(server) {
  try {
    return readLog(server, 'Cascade').slice(-3000);
  } catch {
    return '';
  }
}

describe('Cascade in a real VS Code (tiny GGUF cascade)', { timeout: 300_000 }, () => {
  const ADD = 'function add(a, b) {\n  \n}\n';
  const MUL = '/** Multiplies two numbers. */\nfunction mul(a, b) {\n  \n}\n';
  let session;
  let page;
  const seen = {}; // what test 2 observed, for test 3

  before(async (t) => {
    const t0 = Date.now();
    session = await startSession({
      files: { 'add.js': ADD, 'mul.js': MUL },
      userSettings: cascadeSettings([tier(tinyA), tier(tinyB)]),
      signal: t.signal, // the hook timing out tears the session down
    });
    page = session.page;
    const status = await session.waitForCascade();
    log(`session ready in ${Date.now() - t0} ms (server ${session.server.startMs} ms, workbench ${session.timings.workbenchMs} ms); status ${JSON.stringify(status)}`);
  }, { timeout: 120_000 });

  after(async () => {
    await session?.close();
  });

  const fail = async (name, error) => {
    if (page) await screenshot(page, `cascade-${name}-failure`);
    if (session) error.message += `\n--- Cascade log tail ---\n${cascadeLog(session.server)}`;
    throw error;
  };

  test('1. ghost text from the real cascade; Tab accepts it; the saved file contains it', { timeout: 120_000 }, async () => {
    const t0 = Date.now();
    try {
      await session.openFile('add.js');
      await cursorToLineEnd(page, 2); // the blank body line, after its indentation
      log(`add.js open after ${Date.now() - t0} ms; typing`);
      // A space keeps the line blank: the body is still empty, so the verified cascade runs.
      // The first request is cold (parser, model load): give it time before retyping.
      const ghost = await typeForGhostText(page, ' ', { stepMs: 25_000, rounds: 3 });
      log(`ghost text after ${Date.now() - t0} ms: ${JSON.stringify(ghost)}`);
      assert.ok(ghost.trim().length > 0, 'non-empty ghost text');
      await screenshot(page, 'cascade-ghost-text');
      // It came from the verified path: the cascade's result is in the status bar.
      const status = await waitForStatusBarItem(page, RESULT_LABEL, { timeoutMs: 5_000 });
      log(`status bar: ${JSON.stringify(status)}`);

      await page.keyboard.press('Tab');
      // Accepted: the suggestion is no longer shown as ghost text.
      for (let i = 0; i < 30 && (await ghostText(page)); i++) await sleep(100);
      const file = path.join(session.workspace, 'add.js');
      const saved = await saveAndRead(page, file, (content) => content !== ADD && content.startsWith('function add'));
      log('saved add.js:', JSON.stringify(saved));
      assert.ok(squash(saved).includes(squash(ghost)), `the saved file contains the ghost text\nghost: ${JSON.stringify(ghost)}\nfile: ${JSON.stringify(saved)}`);
      assert.ok(saved.startsWith('function add(a, b) {\n'), 'the signature is untouched');
      await screenshot(page, 'cascade-ghost-accepted');
      log(`Cascade log:\n${cascadeLog(session.server)}`);
    } catch (error) {
      await fail('ghost', error);
    } finally {
      log(`test 1: ${Date.now() - t0} ms`);
    }
  });

  test('2. "Cascade: complete function" inserts one undoable edit and reports the tier', { timeout: 120_000 }, async () => {
    const t0 = Date.now();
    try {
      await session.openFile('mul.js');
      await cursorToLineEnd(page, 3); // inside the empty body of mul
      await runCommand(page, 'Cascade: complete function');
      const summary = await waitForNotification(page, SUMMARY, { timeoutMs: 90_000 });
      seen.summary = summary;
      seen.statusNow = (await statusBarTexts(page)).find((text) => text.includes('Cascade'));
      log(`notification after ${Date.now() - t0} ms: ${JSON.stringify(summary)}; status ${JSON.stringify(seen.statusNow)}`);
      await screenshot(page, 'cascade-command-done');
      const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: SUMMARY }).first();
      assert.ok(await toast.locator('.monaco-button', { hasText: 'Show tests' }).isVisible(), 'the summary offers "Show tests"');

      const file = path.join(session.workspace, 'mul.js');
      await focusEditor(page); // back from the notification to the editor (cursor moves; the edit is in)
      const completed = await saveAndRead(page, file, (content) => content !== MUL && content.startsWith('/** Multiplies'));
      log('completed mul.js:', JSON.stringify(completed));
      assert.ok(completed.startsWith('/** Multiplies two numbers. */\nfunction mul(a, b) {\n'), 'the signature is untouched');
      assert.ok(completed.length > MUL.length, 'text was inserted');

      // One undoable edit: a single Ctrl+Z restores the original exactly.
      await page.keyboard.press('Control+Z');
      const undone = await saveAndRead(page, file, (content) => content === MUL).catch(async (error) => {
        error.message = `one Ctrl+Z did not restore the original: ${error.message}`;
        throw error;
      });
      assert.equal(undone, MUL);
      await screenshot(page, 'cascade-command-undone');
    } catch (error) {
      await fail('command', error);
    } finally {
      log(`test 2: ${Date.now() - t0} ms`);
    }
  });

  test('3. the status bar shows the last result', { timeout: 60_000 }, async () => {
    const t0 = Date.now();
    try {
      const status = await waitForStatusBarItem(page, RESULT_LABEL, { timeoutMs: 10_000 });
      log(`status bar: ${JSON.stringify(status)} (right after the command: ${JSON.stringify(seen.statusNow)})`);
      await screenshot(page, 'cascade-status-bar');
      const [, what, ms] = status.match(RESULT_LABEL);
      // The command's own result, unless a later ghost-text request has replaced it.
      assert.match(seen.statusNow ?? '', RESULT_LABEL, 'right after the command the status bar showed its result');
      const [, whatThen, msThen] = seen.statusNow.match(RESULT_LABEL);
      const summaryMs = seen.summary.match(/\((\d+) ms\)/)?.[1];
      assert.equal(msThen, summaryMs, `the status bar and the notification report the same run: ${seen.statusNow} vs ${seen.summary}`);
      assert.equal(whatThen === 'unverified', /unverified fallback/.test(seen.summary), 'verified/unverified agree with the notification');
      assert.ok(Number(ms) > 0 && what.length > 0);
    } catch (error) {
      await fail('status', error);
    } finally {
      log(`test 3: ${Date.now() - t0} ms`);
    }
  });
});

test('4. a broken model path: a clear notification with "Open settings", and ghost text from tier 2', { timeout: 240_000 }, async (t) => {
  const t0 = Date.now();
  const FILE = 'function sub(a, b) {\n  \n}\n';
  const session = await startSession({
    files: { 'sub.js': FILE },
    userSettings: cascadeSettings([tier('/nonexistent/broken.gguf'), tier(tinyB)]),
    signal: t.signal,
  });
  const { page } = session;
  try {
    await session.waitForCascade();
    await session.openFile('sub.js');
    await cursorToLineEnd(page, 2);
    log(`sub.js open after ${Date.now() - t0} ms; typing`);
    const ghost = await typeForGhostText(page, ' ', { stepMs: 25_000, rounds: 3 });
    log(`ghost text with a broken tier 1 after ${Date.now() - t0} ms: ${JSON.stringify(ghost)}`);
    assert.ok(ghost.trim().length > 0, 'tier 2 still produced ghost text');
    const message = await waitForNotification(page, 'broken.gguf', { timeoutMs: 30_000 });
    log('notification:', JSON.stringify(message));
    await screenshot(page, 'cascade-broken-model');
    assert.match(message, /not found/i);
    assert.match(message, /\/nonexistent\/broken\.gguf/);
    assert.match(message, /Tier 1/);
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'broken.gguf' }).first();
    const button = toast.locator('.monaco-button', { hasText: 'Open settings' });
    assert.ok(await button.isVisible(), 'the notification offers "Open settings"');
    // The ghost text is on screen together with the notification.
    assert.ok((await ghostText(page)).trim().length > 0, 'ghost text still shown next to the notification');
    // It came from tier 2 through the verified path (the status bar has the cascade's result).
    await waitForStatusBarItem(page, RESULT_LABEL, { timeoutMs: 5_000 });
    // The button opens the Settings editor searching Cascade's settings.
    await button.click();
    const settingsEditor = page.locator('.settings-editor').first();
    await settingsEditor.waitFor({ state: 'visible', timeout: 15_000 });
    await settingsEditor.locator('.setting-item-contents', { hasText: /Cascade: ?Tiers/ }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const query = clean(await settingsEditor.locator('.settings-header .search-container .view-lines').first().innerText());
    assert.equal(query, 'cascade.', 'the settings search is for cascade.');
    await screenshot(page, 'cascade-broken-model-settings');
    log(`Cascade log:\n${cascadeLog(session.server)}`);
  } catch (error) {
    await screenshot(page, 'cascade-broken-model-failure');
    error.message += `\n--- Cascade log tail ---\n${cascadeLog(session.server)}`;
    throw error;
  } finally {
    await session.close();
    log(`test 4: ${Date.now() - t0} ms`);
  }
});

test('5. in-host provider tests (debounce, cancellation, cache) pass', { timeout: 240_000 }, async () => {
  const t0 = Date.now();
  // The in-host run opens its own folder: the tiers reach it as user settings. The debounce is
  // longer than a person's: the in-host burst types through editor.edit round trips to the
  // browser, which on a busy 2-core machine often take 150-450 ms each (the test retries a
  // burst that had a pause >= the debounce; a generation may rightly start in such a pause).
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'cascade-e2e-ws-'));
  writeFileSync(path.join(workspace, 'a.js'), 'function f() {}\n');
  let server;
  let browser;
  let page;
  const lines = [];
  try {
    server = await startCodeServer({ workspace, smokeTestDriver: true, userSettings: cascadeSettings([tier(tinyA), tier(tinyB)], { debounceMs: 1000 }) });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const code = await runExtensionTests(page, server, {
      folder: workspace,
      extensionTestsPath: path.join(E2E_DIR, 'inhost', 'index.cjs'),
      timeoutMs: 200_000,
      // Mocha's spec reporter, as the page console shows the extension host's console.
      onConsole: (text) => {
        if (/languagedetection|workbench\.js|ENOTFOUND|authentication provider|AgentHost|connection token|socket/.test(text)) return;
        if (!/✔|passing|failing|pending|AssertionError|in-host|InlineProvider|debounces|abandons|re-shows/.test(text)) return;
        const line = text.replace(/%[cs]|%d/g, '').replace(/color: #\w+;?/g, '').trim();
        lines.push(line);
        log('host:', line);
      },
    });
    await screenshot(page, 'cascade-inhost');
    assert.equal(code, 0, `in-host tests exit code ${code}:\n${lines.join('\n')}`);
    assert.equal(lines.filter((line) => line.includes('✔')).length, 3, `all three in-host tests passed:\n${lines.join('\n')}`);
  } catch (error) {
    if (page) await screenshot(page, 'cascade-inhost-failure');
    throw error;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    rmSync(workspace, { recursive: true, force: true });
    log(`test 5: ${Date.now() - t0} ms`);
  }
});
