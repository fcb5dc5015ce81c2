// End-to-end tests of Cascade as a user sees it: the installed .vsix in code-server, the real
// node-llama-cpp engine and canned GGUFs (test/fixtures/cannedGguf.mjs: constructed models
// whose greedy answers are fixed — canned-clamp-wrong writes a wrong clamp and right asserts,
// canned-clamp-right a right clamp and the same asserts). Tier 1 wrong, tier 2 right, default
// latency budget and debounce: tier 1's answer shows at once, unverified, and tier 2's verified
// answer replaces it. Run after `npm run package`, `node test/fixtures/makeTinyGguf.mjs` (it also
// writes the canned models) and `bash test/e2e/setup.sh`:
//   node --import tsx --test --test-concurrency=1 test/e2e/*.e2e.mjs
// Screenshots land in test/artifacts/e2e-cascade-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  E2E_DIR,
  cannedModels,
  cursorToLineEnd,
  focusEditor,
  ghostText,
  launchBrowser,
  pauseExtensionHost,
  readLog,
  recordSuggestions,
  runCommand,
  runExtensionTests,
  saveAndRead,
  screenshot,
  startCodeServer,
  startSession,
  statusBarTexts,
  typeForGhostText,
  waitForGhostText,
  waitForNotification,
  waitForStatusBarItem,
  tinyModels,
  QUIET_TYPING_SETTINGS,
} from './codeServer.mjs';

const log = (...args) => console.log(`[e2e cascade ${new Date().toISOString().slice(11, 23)}]`, ...args);

const [tinyA] = tinyModels();
const [wrongModel, rightModel] = cannedModels('canned-clamp-wrong', 'canned-clamp-right');

/** A tier with the default k, t, θ and maxTokens, on the CPU. */
const tier = (model) => ({ model, gpuLayers: 0 });
/** Default debounce and latency budget: what a user gets. */
const cascadeSettings = (tiers, extra = {}) => ({ 'cascade.tiers': tiers, ...QUIET_TYPING_SETTINGS, ...extra });

const CLAMP = '/** Clamps x into [lo, hi]. */\nfunction clamp(x, lo, hi) {\n  \n}\n';
const CLAMP_BODY_LINE = 3;
const RIGHT_BODY = 'return Math.min(Math.max(x, lo), hi);';
const WRONG_BODY = 'return Math.max(Math.min(x, lo), hi);';

/** The status bar's last-result label (StatusBar.result). */
const RESULT_LABEL = /Cascade: (tier \d+ \d+\/\d+|unverified) · (\d+) ms/;
/** Tier 2's verified answer passed all 4 of its asserts. */
const VERIFIED_AT_TIER_2 = /Cascade: tier 2 4\/4 · (\d+) ms/;
/** The command's summary notification (summarizeResult). */
const SUMMARY = /Cascade: (tier \d+ answered|unverified fallback|no tier produced)/;

/** As the harness cleans DOM text: nbsp → space, trimmed. */
const clean = (text) => text.replace(/\u00a0/g, ' ').trim();

/** Whitespace-insensitive form: the DOM renders indentation and tabs its own way. */
const squash = (text) => text.replace(/\s+/g, '');

/** The tail of the Cascade output channel (on disk), for failure messages. */
function cascadeLog(server) {
  try {
    return readLog(server, 'Cascade').slice(-3000);
  } catch {
    return '';
  }
}

/** The distinct non-empty suggestions a recording saw, in order (squashed), with the status shown when each first appeared. */
function suggestionsSeen(states) {
  const seen = [];
  for (const state of states) {
    if (state.ghost.trim() && squash(state.ghost) !== seen.at(-1)?.ghost) seen.push({ ghost: squash(state.ghost), status: state.status, ms: state.ms });
  }
  return seen;
}

const statusBar = (page) => page.locator('.part.statusbar');

describe('Cascade in a real VS Code (canned cascade: wrong tier 1, right tier 2)', { timeout: 300_000 }, () => {
  const LIMITS = '/** Clamps x into [lo, hi]. */\nfunction clamp(x, lo, hi) {\n  \n}\n\nexport { clamp };\n';
  let session;
  let page;
  const seen = {}; // what test 2 observed, for test 3

  before(async (t) => {
    const t0 = Date.now();
    session = await startSession({
      files: { 'clamp.js': CLAMP, 'limits.js': LIMITS },
      userSettings: cascadeSettings([tier(wrongModel), tier(rightModel)]),
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

  test('1. show, then upgrade: the wrong tier 1 answer shows at once ("checking…"), the verified tier 2 answer replaces it; Tab accepts it', { timeout: 120_000 }, async () => {
    const t0 = Date.now();
    let recorder;
    let resume;
    try {
      await session.openFile('clamp.js');
      await cursorToLineEnd(page, CLAMP_BODY_LINE); // the blank body line, after its indentation
      // The moment the first suggestion shows, the extension host is paused, so that the
      // screenshot below cannot race the upgrade (which follows within a few hundred ms).
      let pausedAt;
      recorder = await recordSuggestions(page, {
        onChange: (state) => {
          if (resume || !state.ghost.trim()) return;
          resume = pauseExtensionHost(session.server);
          pausedAt = Date.now();
        },
      });
      log(`clamp.js open after ${Date.now() - t0} ms; typing`);
      // A space keeps the line blank: the body is still empty, so the verified cascade runs.
      // The first request may be cold (model load): give it time before retyping.
      const first = await typeForGhostText(page, ' ', { stepMs: 25_000, rounds: 3 });
      log(`first suggestion after ${Date.now() - t0} ms: ${JSON.stringify(first)}; status ${JSON.stringify(await statusBarTexts(page))}`);
      assert.ok(resume, 'the extension host was paused when the suggestion appeared');
      assert.equal(squash(first), squash(WRONG_BODY), 'first: tier 1\'s greedy answer, before any test ran');
      const checking = await waitForStatusBarItem(page, 'Cascade: checking', { timeoutMs: 2_000 });
      await screenshot(page, 'cascade-unverified');
      await screenshot(page, 'cascade-status-checking', { locator: statusBar(page) });
      assert.equal(squash(await ghostText(page)), squash(WRONG_BODY), 'still the unverified answer when photographed');
      resume();
      log(`extension host paused ${Date.now() - pausedAt} ms for the screenshots; status was ${JSON.stringify(checking)}`);

      const verified = await waitForGhostText(page, { includes: 'Math.min(Math.max', timeoutMs: 15_000 });
      const status = await waitForStatusBarItem(page, VERIFIED_AT_TIER_2, { timeoutMs: 5_000 });
      log(`upgraded after ${Date.now() - t0} ms: ${JSON.stringify(verified)}; status ${JSON.stringify(status)}`);
      assert.equal(squash(verified), squash(RIGHT_BODY));
      await screenshot(page, 'cascade-verified');
      await screenshot(page, 'cascade-status-verified', { locator: statusBar(page) });

      // What the editor showed, change by change: the wrong answer while checking, then the verified one — nothing else.
      const shown = suggestionsSeen(recorder.states());
      log('suggestions shown:', JSON.stringify(shown));
      assert.deepEqual(shown.map((s) => s.ghost), [squash(WRONG_BODY), squash(RIGHT_BODY)]);
      assert.match(shown[1].status, VERIFIED_AT_TIER_2);

      await page.keyboard.press('Tab');
      // Accepted: the suggestion is no longer shown as ghost text.
      for (let i = 0; i < 30 && (await ghostText(page)); i++) await sleep(100);
      const file = path.join(session.workspace, 'clamp.js');
      const saved = await saveAndRead(page, file, (content) => content !== CLAMP && content.includes('function clamp'));
      log('saved clamp.js:', JSON.stringify(saved));
      assert.ok(saved.includes(RIGHT_BODY), `the saved file has the verified body: ${JSON.stringify(saved)}`);
      assert.ok(saved.startsWith('/** Clamps x into [lo, hi]. */\nfunction clamp(x, lo, hi) {\n'), 'the signature is untouched');
      assert.ok(saved.endsWith(';\n}\n'), 'one closing brace: the document\'s own');
      await screenshot(page, 'cascade-ghost-accepted');
    } catch (error) {
      resume?.();
      await fail('upgrade', error);
    } finally {
      await recorder?.stop();
      log(`test 1: ${Date.now() - t0} ms`);
    }
  });

  test('2. "Cascade: complete function" inserts the verified answer as one undoable edit and reports the tier', { timeout: 120_000 }, async () => {
    const t0 = Date.now();
    try {
      await session.openFile('limits.js');
      await cursorToLineEnd(page, CLAMP_BODY_LINE); // inside the empty body of clamp
      await runCommand(page, 'Cascade: complete function');
      const summary = await waitForNotification(page, SUMMARY, { timeoutMs: 90_000 });
      seen.summary = summary;
      seen.statusNow = (await statusBarTexts(page)).find((text) => text.includes('Cascade'));
      log(`notification after ${Date.now() - t0} ms: ${JSON.stringify(summary)}; status ${JSON.stringify(seen.statusNow)}`);
      assert.match(summary, /tier 2 answered, 4\/4 asserts passed/);
      await screenshot(page, 'cascade-command-done');
      const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: SUMMARY }).first();
      assert.ok(await toast.locator('.monaco-button', { hasText: 'Show tests' }).isVisible(), 'the summary offers "Show tests"');

      const file = path.join(session.workspace, 'limits.js');
      await focusEditor(page); // back from the notification to the editor (cursor moves; the edit is in)
      const completed = await saveAndRead(page, file, (content) => content !== LIMITS && content.startsWith('/** Clamps'));
      log('completed limits.js:', JSON.stringify(completed));
      assert.equal(completed, LIMITS.replace('{\n  \n}', `{\n  ${RIGHT_BODY}\n}`), 'the verified body, inserted in place');

      // One undoable edit: a single Ctrl+Z restores the original exactly.
      await page.keyboard.press('Control+Z');
      const undone = await saveAndRead(page, file, (content) => content === LIMITS).catch(async (error) => {
        error.message = `one Ctrl+Z did not restore the original: ${error.message}`;
        throw error;
      });
      assert.equal(undone, LIMITS);
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
      assert.match(seen.statusNow ?? '', VERIFIED_AT_TIER_2, 'right after the command the status bar showed its result');
      const [, msThen] = seen.statusNow.match(VERIFIED_AT_TIER_2);
      const summaryMs = seen.summary.match(/\((\d+) ms\)/)?.[1];
      assert.equal(msThen, summaryMs, `the status bar and the notification report the same run: ${seen.statusNow} vs ${seen.summary}`);
      assert.ok(Number(ms) > 0 && what.length > 0);
    } catch (error) {
      await fail('status', error);
    } finally {
      log(`test 3: ${Date.now() - t0} ms`);
    }
  });
});

test('4. a broken model path: a clear notification with "Open settings", and verified ghost text from tier 2', { timeout: 240_000 }, async (t) => {
  const t0 = Date.now();
  const session = await startSession({
    files: { 'clamp.js': CLAMP },
    userSettings: cascadeSettings([tier('/nonexistent/broken.gguf'), tier(rightModel)]),
    signal: t.signal,
  });
  const { page } = session;
  try {
    await session.waitForCascade();
    await session.openFile('clamp.js');
    await cursorToLineEnd(page, CLAMP_BODY_LINE);
    log(`clamp.js open after ${Date.now() - t0} ms; typing`);
    const ghost = await typeForGhostText(page, ' ', { stepMs: 25_000, rounds: 3 });
    log(`ghost text with a broken tier 1 after ${Date.now() - t0} ms: ${JSON.stringify(ghost)}`);
    assert.equal(squash(ghost), squash(RIGHT_BODY), 'tier 2\'s answer');
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
    assert.equal(squash(await ghostText(page)), squash(RIGHT_BODY), 'ghost text still shown next to the notification');
    // Tier 2 verified it (the status bar has the cascade's result).
    await waitForStatusBarItem(page, VERIFIED_AT_TIER_2, { timeoutMs: 5_000 });
    // The button opens the Settings editor searching Cascade's settings.
    await button.click();
    const settingsEditor = page.locator('.settings-editor').first();
    await settingsEditor.waitFor({ state: 'visible', timeout: 15_000 });
    // Some Cascade setting is listed (which ones fit on screen depends on how many there are).
    await settingsEditor.locator('.setting-item-contents', { hasText: /Cascade: / }).first().waitFor({ state: 'visible', timeout: 15_000 });
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

test('5. cascade.verifiedOnly: the wrong tier 1 answer is never shown; the first suggestion is tier 2\'s verified one', { timeout: 240_000 }, async (t) => {
  const t0 = Date.now();
  const session = await startSession({
    files: { 'clamp.js': CLAMP },
    userSettings: cascadeSettings([tier(wrongModel), tier(rightModel)], { 'cascade.verifiedOnly': true }),
    signal: t.signal,
  });
  const { page } = session;
  let recorder;
  try {
    await session.waitForCascade();
    await session.openFile('clamp.js');
    await cursorToLineEnd(page, CLAMP_BODY_LINE);
    recorder = await recordSuggestions(page);
    const ghost = await typeForGhostText(page, ' ', { stepMs: 25_000, rounds: 3 });
    const status = await waitForStatusBarItem(page, VERIFIED_AT_TIER_2, { timeoutMs: 5_000 });
    log(`verified-only suggestion after ${Date.now() - t0} ms: ${JSON.stringify(ghost)}; status ${JSON.stringify(status)}`);
    assert.equal(squash(ghost), squash(RIGHT_BODY));
    await screenshot(page, 'cascade-verified-only');
    const shown = suggestionsSeen(recorder.states());
    log('suggestions shown:', JSON.stringify(shown));
    assert.deepEqual(shown.map((s) => s.ghost), [squash(RIGHT_BODY)], 'only the verified answer was ever shown');
    assert.ok(!recorder.states().some((s) => /checking/.test(s.status)), 'no unverified suggestion was being checked on screen');
  } catch (error) {
    await screenshot(page, 'cascade-verified-only-failure');
    error.message += `\n--- Cascade log tail ---\n${cascadeLog(session.server)}`;
    throw error;
  } finally {
    await recorder?.stop();
    await session.close();
    log(`test 5: ${Date.now() - t0} ms`);
  }
});

/** In-host tiers: see test 6. */
const INHOST_TIERS = [{ model: tinyA, samples: 2, testsPerSample: 2, maxTokens: 32, gpuLayers: 0 }, tier(rightModel)];

test('6. in-host provider tests (debounce, cancellation, cache) pass', { timeout: 240_000 }, async () => {
  const t0 = Date.now();
  // The in-host run opens its own folder: the tiers reach it as user settings. Tier 1 is a
  // random model (it writes up to 32 tokens of nonsense: long enough to be cancelled, and the
  // fast path's answer), tier 2 a canned one whose answer is a complete function (what the
  // verified path may show). The debounce is
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
    server = await startCodeServer({ workspace, smokeTestDriver: true, userSettings: cascadeSettings(INHOST_TIERS, { 'cascade.debounceMs': 1000 }) });
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
    log(`test 6: ${Date.now() - t0} ms`);
  }
});
