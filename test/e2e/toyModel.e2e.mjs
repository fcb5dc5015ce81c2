// End-to-end: ghost text from a trained model. The toy cascade of models/toy/tiers.json (small
// llama models trained by `npm run models:toy` on the project's own corpus, see
// models/toy/README.md) completes a function body in code-server; the smallest model's answer is
// accepted at tier 1 by its own asserts, Tab inserts it, and the saved file runs in Node and
// computes what its doc line says. Nothing here is canned: what the model writes is what it learnt.
// Run after `npm run package` and `bash test/e2e/setup.sh`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  PROJECT_ROOT,
  QUIET_TYPING_SETTINGS,
  cursorToLineEnd,
  ghostText,
  readLog,
  recordSuggestions,
  saveAndRead,
  screenshot,
  startSession,
  runCommand,
  waitForGhostText,
  waitForStatusBarItem,
} from './codeServer.mjs';

const log = (...args) => console.log(`[e2e toy ${new Date().toISOString().slice(11, 23)}]`, ...args);

const TOY = path.join(PROJECT_ROOT, 'models', 'toy');
/** The committed toy cascade, its model paths made absolute, on the CPU. */
const tiers = JSON.parse(readFileSync(path.join(TOY, 'tiers.json'), 'utf8')).tiers.map((t) => ({ ...t, model: path.join(TOY, t.model), gpuLayers: 0 }));
const SOURCE = '/** Returns the cube of n. */\nfunction cubed(n) {\n  \n}\n';
const BODY_LINE = 3;
/** Tier 1 accepted its answer: every one of its asserts passed. */
const ACCEPTED_AT_TIER_1 = /Cascade: tier 1 (\d+)\/\1 · \d+ ms/;
const squash = (text) => text.replace(/\s+/g, '');

let session;

before(async (t) => {
  for (const { model } of tiers) assert.ok(existsSync(model), `${model} is missing: the toy models are committed (npm run models:toy rebuilds them)`);
  session = await startSession({
    files: { 'cube.js': SOURCE },
    userSettings: { 'cascade.tiers': tiers, ...QUIET_TYPING_SETTINGS },
    signal: t.signal,
  });
  log('status', JSON.stringify(await session.waitForCascade()));
}, { timeout: 120_000 });

after(async () => {
  await session?.close();
});

test('ghost text from the smallest toy model is accepted at tier 1, Tab inserts it, and the saved file runs and cubes', { timeout: 180_000 }, async () => {
  const { page } = session;
  let recorder;
  try {
    await session.openFile('cube.js');
    await cursorToLineEnd(page, BODY_LINE);
    recorder = await recordSuggestions(page);
    // Asked for, not typed: a typed space would change the body's indentation, and with it
    // what the model reads (the canned models of cascade.e2e.mjs do not care; a trained one does).
    await runCommand(page, 'Trigger Inline Suggestion');
    const first = await waitForGhostText(page, { timeoutMs: 60_000 });
    log('first suggestion', JSON.stringify(first));
    const status = await waitForStatusBarItem(page, ACCEPTED_AT_TIER_1, { timeoutMs: 60_000 });
    const shown = await ghostText(page);
    log('accepted', JSON.stringify(status), JSON.stringify(shown));
    // Tier 1's answer was shown at once and is the one its tests accepted: no upgrade happened.
    assert.equal(squash(shown), squash(first));
    await screenshot(page, 'toy-accepted-tier-1');

    await page.keyboard.press('Tab');
    const file = path.join(session.workspace, 'cube.js');
    const saved = await saveAndRead(page, file, (content) => content !== SOURCE && content.startsWith('/** Returns the cube'));
    log('saved cube.js:', JSON.stringify(saved));
    assert.ok(saved.startsWith('/** Returns the cube of n. */\nfunction cubed(n) {\n'), 'the signature is untouched');
    // The file as saved, run by Node with a check of what its doc line promises.
    const check = "\nconst assert = require('node:assert');\nassert.strictEqual(cubed(3), 27);\nassert.strictEqual(cubed(-2), -8);\nconsole.log('ok');\n";
    const output = execFileSync(process.execPath, ['--input-type=commonjs', '-e', saved + check], { encoding: 'utf8' });
    assert.equal(output.trim(), 'ok');
  } catch (error) {
    await screenshot(page, 'toy-failure');
    error.message += `\n--- Cascade log tail ---\n${readLog(session.server, 'Cascade').slice(-3000)}`;
    throw error;
  } finally {
    await recorder?.stop();
  }
});
