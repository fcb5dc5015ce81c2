// End-to-end: what an upgrade and a clean-up leave behind. Version 0.1.0 (the project's
// cascade.vsix) downloads a tier's model from a loopback Hugging Face mirror (HF_ENDPOINT) into
// global storage; a newer .vsix (packaged here as 0.1.1) installed over it in the same
// extensions folder finds the model there and completes a function without a single request
// to the mirror; "Cascade: delete downloaded models" then removes it and says how much it freed;
// uninstalling runs the vscode:uninstall hook, which removes Cascade's global storage.
// The model is a canned GGUF (fixed answers: a right clamp and right asserts); what this proves
// is where the file lives and who reads it, not what a model writes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startModelServer } from '../fixtures/modelServer.ts';
import {
  CODE_SERVER_ENTRY,
  NODE24,
  PROJECT_ROOT,
  QUIET_TYPING_SETTINGS,
  cannedModels,
  cursorToLineEnd,
  installVsix,
  readLog,
  runCommand,
  screenshot,
  startSession,
  waitForLog,
  waitForNotification,
  waitForStatusBarItem,
} from './codeServer.mjs';

const log = (...args) => console.log(`[e2e upgrade ${new Date().toISOString().slice(11, 23)}]`, ...args);
const CLAMP = '/** Clamps x into [lo, hi]. */\nfunction clamp(x, lo, hi) {\n  \n}\n';
const MODEL_URI = 'hf:cascade-test/canned/canned-clamp-right.gguf';
const MIRROR_PATH = '/cascade-test/canned/resolve/main/canned-clamp-right.gguf';

test('a downloaded model stays in global storage across an upgrade to a newer .vsix, "delete downloaded models" frees it, and uninstalling removes the storage', { timeout: 420_000 }, async (t) => {
  const [rightModel] = cannedModels('canned-clamp-right');
  const mirror = await startModelServer();
  mirror.files.set(MIRROR_PATH, readFileSync(rightModel));
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'cascade-e2e-upgrade-'));
  const options = {
    files: { 'clamp.js': CLAMP },
    userSettings: { 'cascade.tiers': [{ model: MODEL_URI, gpuLayers: 0 }], ...QUIET_TYPING_SETTINGS },
    env: { HF_ENDPOINT: mirror.origin },
    stateDir,
    signal: t.signal,
  };
  let session;
  try {
    // 0.1.0: the model is not there yet; "Cascade: download models" fetches it from the mirror.
    session = await startSession(options);
    await session.waitForCascade();
    const first = await waitForLog(session.server, 'Cascade', /Cascade ([\d.]+) activated with 1 tier\(s\); models in (.+?)\.\n/);
    const [, oldVersion, modelsDir] = /Cascade ([\d.]+) activated with 1 tier\(s\); models in (.+?)\.\n/.exec(first);
    log(`installed ${oldVersion}; models in ${modelsDir}`);
    await runCommand(session.page, 'Cascade: download models');
    log(await waitForNotification(session.page, /1 model\(s\) downloaded into/, { timeoutMs: 60_000 }));
    const file = path.join(modelsDir, 'canned-clamp-right.gguf');
    assert.ok(existsSync(file), `${file} after the download`);
    const downloadRequests = mirror.requests.length;
    assert.ok(mirror.requests.some((r) => r.method === 'GET' && r.path === MIRROR_PATH), JSON.stringify(mirror.requests));
    await session.close();

    // A newer version, installed over the old one the way VS Code updates an extension.
    const newer = path.join(stateDir, 'cascade-0.1.1.vsix');
    execFileSync(process.execPath, ['--import', 'tsx', 'src/release/packageVsix.ts', '--version', '0.1.1', '--out', newer], { cwd: PROJECT_ROOT, stdio: 'pipe' });
    const upgraded = installVsix(newer, {
      extensionsDir: path.join(stateDir, 'extensions'),
      userDataDir: path.join(stateDir, 'user-data'),
      env: { XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'), XDG_DATA_HOME: path.join(stateDir, 'xdg-data') },
    });
    assert.equal(upgraded.version, '0.1.1');
    assert.notEqual(oldVersion, '0.1.1');

    session = await startSession({ ...options, vsix: null });
    const { page } = session;
    await session.waitForCascade();
    const second = await waitForLog(session.server, 'Cascade', 'Cascade 0.1.1 activated');
    assert.ok(second.includes(`Cascade 0.1.1 activated with 1 tier(s); models in ${modelsDir}.`), second);

    // The same file serves the new version: a verified completion, no request to the mirror.
    await session.openFile('clamp.js');
    await cursorToLineEnd(page, 3);
    await runCommand(page, 'Cascade: complete function');
    log('status bar:', await waitForStatusBarItem(page, /Cascade: tier 1 4\/4/, { timeoutMs: 120_000 }));
    assert.equal(mirror.requests.length, downloadRequests, `requests after the upgrade: ${JSON.stringify(mirror.requests.slice(downloadRequests))}`);

    // Clean-up: a modal names the files and their size; Delete removes them and says what it freed.
    const size = readFileSync(file).length;
    await runCommand(page, 'Cascade: delete downloaded models');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.getByText('Delete 1 downloaded model file(s)').waitFor();
    await screenshot(page, 'upgrade-delete-dialog');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    const freed = await waitForNotification(page, /deleted 1 model file\(s\); .* freed/);
    log(freed, `(${size} bytes)`);
    assert.ok(!existsSync(file), `${file} after the delete`);
    const [, amount, unit] = /([\d.]+) (KB|MB) freed/.exec(freed);
    assert.ok(Math.abs(Number(amount) * (unit === 'KB' ? 1024 : 1024 ** 2) - size) <= (unit === 'KB' ? 1024 : 0.05 * 1024 ** 2), `${freed} vs ${size} bytes`);
    await session.close();

    // Uninstall: code-server removes the extension at its next start and runs its
    // vscode:uninstall hook, which removes Cascade's global storage (VS Code keeps it otherwise).
    const storageDir = path.dirname(modelsDir);
    assert.ok(existsSync(storageDir), `${storageDir} before the uninstall`);
    const uninstall = spawnSync(NODE24, [CODE_SERVER_ENTRY, '--extensions-dir', path.join(stateDir, 'extensions'), '--user-data-dir', path.join(stateDir, 'user-data'), '--uninstall-extension', upgraded.id], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'), XDG_DATA_HOME: path.join(stateDir, 'xdg-data') },
    });
    assert.equal(uninstall.status, 0, uninstall.stdout + uninstall.stderr);
    // (code-server cleans up extensions when a window connects, not at start-up.)
    session = await startSession({ ...options, vsix: null, allowMissing: true });
    const { server } = session;
    try {
      const deadline = Date.now() + 60_000;
      while (existsSync(storageDir) && Date.now() < deadline) await sleep(250);
      assert.ok(!existsSync(storageDir), `${storageDir} is still there after the uninstall:\n${server.log().slice(-2000)}`);
      log(`uninstalled: ${storageDir} removed`);
      assert.match(server.log(), /post-uninstall Cascade uninstalled: removed/);
    } finally {
      await session.close();
    }
  } catch (error) {
    if (session) {
      await screenshot(session.page, 'upgrade-failure');
      error.message += `\n--- Cascade log ---\n${readLog(session.server, 'Cascade').slice(-3000)}`;
    }
    throw error;
  } finally {
    await session?.close();
    await mirror.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});
