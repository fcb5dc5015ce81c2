// End-to-end test of the Cascade settings panel (webview) in a real VS Code: opened from the
// command palette, two tiers added and edited with the keyboard and mouse, inline validation,
// reordering (buttons and Alt+Arrow on a tier heading), saved to user settings.json, and then
// used by the real cascade for ghost text (canned GGUFs, test/fixtures/cannedGguf.mjs: the tier
// saved first writes a right clamp and is accepted). Run after `npm run package`,
// `node test/fixtures/makeTinyGguf.mjs` and `bash test/e2e/setup.sh`:
//   node --import tsx --test --test-concurrency=1 test/e2e/settingsPanel.e2e.mjs
// Screenshots land in test/artifacts/e2e-settings-panel*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  focusEditor,
  readLog,
  runCommand,
  screenshot,
  startSession,
  statusBarTexts,
  typeForGhostText,
  waitForLog,
  waitForStatusBarItem,
  waitForWalkthrough,
  cannedModels,
  QUIET_TYPING_SETTINGS,
} from './codeServer.mjs';

const log = (...args) => console.log(`[e2e settings ${new Date().toISOString().slice(11, 23)}]`, ...args);

// Entered wrong first, right second; the reordering below saves right first.
const [wrongModel, rightModel] = cannedModels('canned-clamp-wrong', 'canned-clamp-right');

const CALC = '/** Clamps x into [lo, hi]. */\nfunction clamp(x, lo, hi) {\n  \n}\n';
const RIGHT_BODY = 'return Math.min(Math.max(x, lo), hi);';

/** The values typed into the panel, per model (they must travel with their tier when reordered). */
const ENTERED = {
  [wrongModel]: { samples: 2, testsPerSample: 2, maxTokens: 24, gpuLayers: 0 },
  [rightModel]: { samples: 2, testsPerSample: 2, maxTokens: 32, gpuLayers: 0 },
};
/** What "Add tier" starts a tier with, besides the model. */
const ADD_DEFAULTS = { samples: 3, testsPerSample: 4, threshold: 1 };

/** Polls `read()` until `check(value)` holds; returns the value or throws with the last one. */
async function until(what, read, check, { timeoutMs = 15_000, stepMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let value;
  for (;;) {
    value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await sleep(stepMs);
  }
}

/** settings.json as VS Code writes it (JSON with comments allowed; ours has none). */
function readUserSettings(server) {
  const text = readFileSync(path.join(server.userDataDir, 'User', 'settings.json'), 'utf8');
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
}

test('settings panel: add, validate, reorder and save tiers; ghost text then uses them', { timeout: 420_000 }, async (t) => {
  const t0 = Date.now();
  const session = await startSession({
    files: { 'calc.js': CALC },
    // Tall enough for the whole panel (machine, two tiers, footer) in the README screenshot.
    viewport: { width: 1400, height: 1180 },
    userSettings: {
      'cascade.tiers': [],
      'cascade.debounceMs': 150,
      ...QUIET_TYPING_SETTINGS,
    },
    signal: t.signal,
  });
  const { page, server } = session;
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const value = (id) => frame.locator(`#${id}`).inputValue();
  const models = async () => [await value('tier-0-model'), await value('tier-1-model')];
  try {
    log(`session ready in ${Date.now() - t0} ms (server ${server.startMs} ms, workbench ${session.timings.workbenchMs} ms)`);
    // No tiers yet: the status bar asks for setup.
    const initialStatus = await waitForStatusBarItem(page, 'Cascade');
    log(`status bar before: ${JSON.stringify(initialStatus)}`);
    assert.match(initialStatus, /set up tiers/);
    await waitForWalkthrough(page); // first activation: it opens by itself

    // 1. The panel, from the command palette.
    await runCommand(page, 'Cascade: open settings');
    await frame.getByRole('heading', { name: 'Cascade tiers' }).waitFor({ state: 'visible', timeout: 60_000 });
    log(`panel shown after ${Date.now() - t0} ms`);
    // Hardware detection loads node-llama-cpp: it can take a while on a busy machine.
    const machine = frame.locator('section.machine');
    await machine.waitFor({ state: 'visible', timeout: 90_000 });
    const machineText = (await machine.innerText()).replace(/\s+/g, ' ');
    log(`machine section: ${JSON.stringify(machineText)}`);
    assert.match(machineText, /\d+ CPU cores/);
    assert.match(machineText, /RAM/);
    assert.match(machineText, /Recommended: \S.* — \S/);
    const presetOptions = await frame.locator('#preset option').allInnerTexts();
    assert.ok(presetOptions.length > 0, 'presets listed');
    const recommended = await frame.locator('#preset').evaluate((select) => select.selectedOptions[0]?.textContent ?? '');
    assert.ok(machineText.includes(`Recommended: ${recommended}`), `preset select shows the recommended preset (${recommended})`);
    // Nothing to save yet.
    assert.equal(await frame.locator('#save').isDisabled(), true, 'Save disabled without tiers');

    // 2. Two tiers, models typed in, small settings.
    const addTier = frame.getByRole('button', { name: 'Add tier' });
    await addTier.click();
    await frame.locator('#tier-0-model').waitFor({ state: 'visible' });
    await addTier.click();
    await frame.locator('#tier-1-model').waitFor({ state: 'visible' });
    assert.equal(await frame.locator('section.tier').count(), 2);
    // An empty model is an error until one is typed.
    await until('empty-model hint', () => frame.locator('#tier-0-model-hint').getAttribute('class'), (c) => c === 'error');
    assert.equal(await frame.locator('#save').isDisabled(), true, 'Save disabled with empty models');

    for (const [index, model] of [[0, wrongModel], [1, rightModel]]) {
      const input = frame.locator(`#tier-${index}-model`);
      await input.click();
      // Typed key by key, as a user would: each keystroke round-trips a validation that
      // re-renders the panel; the text and caret must survive it.
      await input.pressSequentially(model, { delay: 5 });
      await until(`tier ${index + 1} model`, () => value(`tier-${index}-model`), (v) => v === model);
      for (const [key, v] of Object.entries(ENTERED[model])) {
        const field = frame.locator(`#tier-${index}-${key}`);
        await field.click();
        await field.press('Control+A');
        await field.pressSequentially(String(v), { delay: 20 });
        await until(`tier ${index + 1} ${key}`, () => value(`tier-${index}-${key}`), (x) => x === String(v));
      }
    }
    await until('model hints clean', () => frame.locator('.error').count(), (n) => n === 0);
    await until('Save enabled', () => frame.locator('#save').isDisabled(), (d) => d === false);

    // Inline validation: threshold 3 is out of range.
    const threshold = frame.locator('#tier-0-threshold');
    await threshold.fill('3');
    const hint = frame.locator('#tier-0-threshold-hint');
    await until('threshold error', () => hint.getAttribute('class'), (c) => c === 'error');
    const errorText = await hint.innerText();
    log(`threshold error: ${JSON.stringify(errorText)}`);
    assert.match(errorText, /threshold/);
    assert.match(errorText, /0 to 1/);
    assert.equal(await threshold.getAttribute('aria-invalid'), 'true', 'aria-invalid set');
    await until('Save disabled', () => frame.locator('#save').isDisabled(), (d) => d === true);
    await threshold.fill('1');
    await until('threshold error gone', () => hint.getAttribute('class'), (c) => c === 'hint');
    assert.doesNotMatch(await hint.innerText(), /must be/);
    assert.equal(await threshold.getAttribute('aria-invalid'), null, 'aria-invalid cleared');
    await until('Save enabled again', () => frame.locator('#save').isDisabled(), (d) => d === false);
    assert.deepEqual(await models(), [wrongModel, rightModel]);

    // 3. Reorder. Button: tier 2 up → [a, b].
    await frame.getByRole('button', { name: 'Move tier 2 up' }).click();
    await until('order after button', models, (m) => m[0] === rightModel && m[1] === wrongModel);
    // Keyboard: Alt+ArrowDown on the "Tier 1" heading → [b, a]; focus follows the moved
    // tier (now "Tier 2"), so Alt+ArrowUp right away moves it back → [a, b].
    await frame.getByRole('heading', { name: 'Tier 1', exact: true }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await until('order after Alt+ArrowDown', models, (m) => m[0] === wrongModel && m[1] === rightModel);
    await sleep(500); // the validation reply re-renders the panel: focus must survive it
    const focused = await frame.locator(':focus').innerText().catch(() => '(nothing focused)');
    assert.equal(focused, 'Tier 2', 'focus follows the moved tier');
    await page.keyboard.press('Alt+ArrowUp');
    await until('order after Alt+ArrowUp', models, (m) => m[0] === rightModel && m[1] === wrongModel);
    // The values moved with their tiers.
    assert.equal(await value('tier-0-maxTokens'), '32');
    assert.equal(await value('tier-1-maxTokens'), '24');
    assert.equal(await frame.getByRole('button', { name: 'Move tier 1 up' }).isDisabled(), true);
    assert.equal(await frame.getByRole('button', { name: 'Move tier 2 down' }).isDisabled(), true);

    // The README screenshot: the panel fully rendered with both tiers, before saving.
    await frame.locator(':focus').blur().catch(() => {});
    await page.mouse.move(0, 0);
    await sleep(300);
    const panelShot = await screenshot(page, 'settings-panel');
    log(`screenshot: ${panelShot}`);

    // 4. Save to user settings.
    await frame.locator('#target').selectOption('workspace');
    await frame.locator('#target').selectOption('user');
    await frame.locator('#save').click();
    await until('saved status', () => frame.locator('#status').innerText(), (s) => s === 'Saved to user settings.', { timeoutMs: 30_000 });
    const saved = await until(
      'cascade.tiers in settings.json',
      () => readUserSettings(server)['cascade.tiers'],
      (tiers) => Array.isArray(tiers) && tiers.length === 2,
    );
    log('saved tiers:', JSON.stringify(saved));
    assert.deepEqual(saved, [
      { model: rightModel, ...ADD_DEFAULTS, ...ENTERED[rightModel] },
      { model: wrongModel, ...ADD_DEFAULTS, ...ENTERED[wrongModel] },
    ]);
    const settings = readUserSettings(server);
    assert.equal(settings['cascade.debounceMs'], 150, 'other settings kept');
    await waitForLog(server, 'Cascade', 'settings panel saved 2 tier(s) to user settings');
    // The status stays after the panel reloads its state from the changed configuration.
    await sleep(1_000);
    assert.equal(await frame.locator('#status').innerText(), 'Saved to user settings.');
    // The extension picked the tiers up: no longer asking for setup.
    await until('status bar ready', () => statusBarTexts(page), (texts) => texts.some((s) => /^Cascade$/.test(s)) && !texts.some((s) => /set up tiers/.test(s)));
    await screenshot(page, 'settings-panel-saved');

    // 5. Ghost text from the saved tiers. Debug level first, so the cascade's trace (which
    // names each tier's model) is written to the log.
    await runCommand(page, 'Developer: Set Log Level');
    const quickRow = (text) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: text }).first();
    await quickRow('Cascade').click();
    await quickRow('Debug').click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});

    await session.openFile('calc.js');
    await focusEditor(page);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const tg = Date.now();
    // A space keeps the body blank, so the verified cascade runs. The first request is cold
    // (parser, model loads): give it time before retyping.
    const ghost = await typeForGhostText(page, ' ', { stepMs: 30_000, rounds: 3 });
    log(`ghost text after ${Date.now() - tg} ms: ${JSON.stringify(ghost)}`);
    assert.equal(ghost.replace(/\s+/g, ''), RIGHT_BODY.replace(/\s+/g, ''), 'the right answer of the tier saved first');
    // Verified by tier 1 (2 samples × 2 asserts each, the same 2 pooled): the saved order is the order tried.
    const result = await waitForStatusBarItem(page, /Cascade: tier 1 2\/2 · \d+ ms/, { timeoutMs: 10_000 });
    log(`status bar after: ${JSON.stringify(result)}`);
    await screenshot(page, 'settings-panel-ghost');
    const cascadeLog = await waitForLog(server, 'Cascade', /cascade trace for clamp: /, { timeoutMs: 30_000 });
    const traceLine = cascadeLog.split('\n').find((line) => line.includes('cascade trace for clamp: '));
    const trace = JSON.parse(traceLine.slice(traceLine.indexOf('cascade trace for clamp: ') + 'cascade trace for clamp: '.length));
    log(`trace: ${trace.map((tier) => `tier ${tier.tier + 1} ${tier.model}${tier.error ? ` (error: ${tier.error})` : ''}`).join(', ')}`);
    assert.deepEqual(trace.map((tier) => tier.model), ['canned-clamp-right.gguf'], 'tier 1 (tried first) is the right model, as saved, and it accepted');
    assert.ok(trace.every((tier) => !tier.error), 'no tier failed');
  } catch (error) {
    await screenshot(page, 'settings-panel-failure');
    try {
      error.message += `\n--- Cascade log tail ---\n${readLog(server, 'Cascade').slice(-3000)}`;
    } catch {
      /* no log */
    }
    throw error;
  } finally {
    await session.close();
    log(`total ${Date.now() - t0} ms`);
  }
});
