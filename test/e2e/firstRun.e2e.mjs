// End-to-end: a new user's first run, from the installed .vsix, without reading any docs. The
// walkthrough opens by itself on the first activation; its buttons choose the bundled demo
// models (the toy models trained by `npm run models:toy`, shipped in the .vsix, so nothing is
// downloaded), open the sample file and complete its function; each step ticks itself off; the
// status bar menu opens the walkthrough again. Screenshots: test/artifacts/e2e-first-run-*.png.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { QUIET_TYPING_SETTINGS, readLog, runCommand, screenshot, startSession, waitForNotification, waitForStatusBarItem, waitForWalkthrough } from './codeServer.mjs';

const log = (...args) => console.log(`[e2e first run ${new Date().toISOString().slice(11, 23)}]`, ...args);
const STEPS = ['chooseModels', 'downloadModels', 'openSample', 'seeVerified'];
/** Tier 1 accepted its answer: every one of its asserts passed. */
const ACCEPTED_AT_TIER_1 = /Cascade: tier 1 (\d+)\/\1 · \d+ ms/;

test('first run: the walkthrough opens by itself, its buttons set up the bundled demo models and the sample, and a verified completion ticks off every step', { timeout: 300_000 }, async (t) => {
  const session = await startSession({ userSettings: { ...QUIET_TYPING_SETTINGS }, signal: t.signal });
  const { page } = session;
  const walkthrough = page.locator('.gettingStartedContainer');
  const step = (id) => walkthrough.locator(`.getting-started-step[data-step-id$="#${id}"]`);
  const checked = async () => Object.fromEntries(await Promise.all(STEPS.map(async (id) => [id, (await step(id).getAttribute('aria-checked')) === 'true'])));
  const waitChecked = async (ids) => {
    for (const id of ids) await walkthrough.locator(`.getting-started-step[data-step-id$="#${id}"][aria-checked="true"]`).waitFor({ timeout: 60_000 });
  };
  try {
    assert.match(await session.waitForCascade(), /set up tiers/);
    await waitForWalkthrough(page);
    assert.deepEqual(await checked(), { chooseModels: false, downloadModels: false, openSample: false, seeVerified: false });
    await screenshot(page, 'first-run-walkthrough');

    // Step 1: "Choose models" → the quick pick → the bundled demo models (no download).
    await walkthrough.getByRole('button', { name: 'Choose models', exact: true }).click();
    const pick = page.locator('.quick-input-widget');
    await pick.locator('.quick-input-list-row').first().waitFor({ timeout: 60_000 }); // after the machine is read
    const rows = await pick.locator('.quick-input-list-row').allInnerTexts();
    log('choices:', JSON.stringify(rows.map((r) => r.split('\n')[0])));
    assert.match(rows[0], /recommended/, 'the recommended preset comes first');
    await screenshot(page, 'first-run-choices');
    await page.keyboard.type('Bundled demo models');
    await page.keyboard.press('Enter');
    log(await waitForNotification(page, /3 tiers set up; their models are on this machine/));
    // The demo models are copied into global storage (they outlive the extension's folder).
    const cascadeLog = readLog(session.server, 'Cascade');
    const modelsDir = /models in (.+?)\.\n/.exec(cascadeLog)?.[1];
    assert.ok(modelsDir && existsSync(path.join(modelsDir, 'toy-s.gguf')), `toy-s.gguf in ${modelsDir}`);
    await waitChecked(['chooseModels', 'downloadModels']);

    // Step 3: open the sample; the cursor lands in the empty body.
    await step('openSample').click();
    await walkthrough.getByRole('button', { name: 'Open the sample', exact: true }).click();
    await page.locator('.tabs-container .tab').filter({ hasText: 'sample.js' }).waitFor();
    await page.locator('.editor-instance .view-lines').getByText('function cubed(n) {').waitFor();
    await screenshot(page, 'first-run-sample');

    // Step 4: complete the function (the step's own button needs the editor focused: use the palette).
    await page.locator('.tabs-container .tab').filter({ hasText: 'sample.js' }).click();
    await runCommand(page, 'Cascade: complete function');
    const result = await waitForStatusBarItem(page, ACCEPTED_AT_TIER_1, { timeoutMs: 120_000 });
    log('status bar:', result);
    const body = await page.locator('.editor-instance .view-lines').first().innerText();
    assert.match(body.replace(/\u00a0/g, ' '), /return n \* n \* n;/, `sample after the command: ${body}`);
    await screenshot(page, 'first-run-verified');

    // The status bar menu opens the walkthrough again: every step is done.
    await page.locator('.part.statusbar .statusbar-item').filter({ hasText: 'Cascade' }).first().click();
    await page.locator('.quick-input-widget .quick-input-list-row').filter({ hasText: 'Get started (walkthrough)' }).click();
    await waitChecked(STEPS);
    assert.deepEqual(await checked(), { chooseModels: true, downloadModels: true, openSample: true, seeVerified: true });
    await screenshot(page, 'first-run-done');
  } catch (error) {
    await screenshot(page, 'first-run-failure');
    error.message += `\n--- Cascade log ---\n${readLog(session.server, 'Cascade').slice(-3000)}`;
    throw error;
  } finally {
    await session.close();
  }
});
