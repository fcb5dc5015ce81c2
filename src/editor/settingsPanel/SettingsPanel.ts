import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { checkTiers, type TierConfig } from '../../engine';
import type { EngineSession } from '../EngineSession';
import { askForServerKey, type ServerKeys } from '../serverKeys';
import {
  type HostMessage,
  type PanelMachine,
  type PanelModel,
  parseWebviewMessage,
  serverOriginOf,
  serverOrigins,
  type SettingsTarget,
  tierWarnings,
  type WebviewMessage,
} from './panelProtocol';
import { testTier } from './testTier';
import { tiersTarget } from '../tiersTarget';

/** What the panel needs from the model catalog (downloads, presets, hardware). */
export interface PanelCatalog {
  models(): Promise<PanelModel[]>;
  machine(): Promise<PanelMachine | undefined>;
  /** Downloads what a preset needs (with progress) and returns its tiers. */
  presetTiers(presetId: string, token: vscode.CancellationToken): Promise<unknown[]>;
}

export interface PanelDeps {
  extensionUri: vscode.Uri;
  session: () => EngineSession;
  catalog: PanelCatalog;
  /** Server API keys: the panel asks for and stores them, and shows which origins have one (never the keys). */
  keys: ServerKeys;
  log: vscode.LogOutputChannel;
}

/**
 * The tier settings panel (webview, assets in media/): tier cards with inline validation by
 * the engine's own rules, the machine and its recommended preset, and saving to user or
 * workspace settings. It follows edits made in settings.json while open. Server tiers' API keys
 * are asked for here with a password input box and go straight to SecretStorage; the webview
 * only learns whether each server origin has one.
 */
export class SettingsPanel {
  private static current: SettingsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Whether a key is stored, per server origin the webview's tiers named (read once; again when it may have changed). */
  private keyStatus = new Map<string, boolean>();
  /** The server origins of the tiers the webview last validated, or was last sent. */
  private origins: string[] = [];

  static show(deps: PanelDeps): SettingsPanel {
    if (SettingsPanel.current) {
      SettingsPanel.current.panel.reveal();
      return SettingsPanel.current;
    }
    const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('cascade.settings', 'Cascade Settings', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [media],
    });
    return (SettingsPanel.current = new SettingsPanel(panel, media, deps));
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    media: vscode.Uri,
    private readonly deps: PanelDeps,
  ) {
    panel.webview.html = this.html(media);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseWebviewMessage(raw);
        if (message) void this.handle(message).catch((error) => this.fail(error));
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('cascade.tiers') && void this.postState()),
      // A key may have been set with the command meanwhile.
      panel.onDidChangeViewState((e) => e.webviewPanel.visible && void this.postKeys(this.origins, true).catch((error) => this.fail(error))),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.postState();
      case 'validate':
        await this.post({ type: 'validation', problems: checkTiers(message.tiers, 'cascade.tiers').problems, warnings: tierWarnings(message.tiers) });
        this.origins = serverOrigins(message.tiers);
        return this.postKeys(this.origins);
      case 'save':
        return this.save(message.tiers, message.target);
      case 'chooseFile': {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'GGUF models': ['gguf'] }, openLabel: 'Use this model' });
        if (picked?.[0]) await this.post({ type: 'fileChosen', index: message.index, path: picked[0].fsPath });
        return;
      }
      case 'testTier': {
        // A tier not saved yet: read its server's key so the test can use it.
        const origin = serverOriginOf((message.tier as { server?: unknown }).server);
        if (origin) await this.keyStored(origin);
        return this.post({ type: 'tierTested', index: message.index, ...(await testTier(this.deps.session(), message.tier)) });
      }
      case 'setApiKey':
        return this.setApiKey(message.server);
      case 'applyPreset': {
        const tiers = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Cascade: preparing the preset', cancellable: true },
          (_progress, token) => this.deps.catalog.presetTiers(message.presetId, token),
        );
        return this.save(tiers, message.target);
      }
    }
  }

  private async save(tiers: unknown[], target: SettingsTarget): Promise<void> {
    const { problems } = checkTiers(tiers, 'cascade.tiers');
    if (problems.length > 0) return this.post({ type: 'validation', problems, warnings: tierWarnings(tiers) });
    const scope = target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    if (target === 'workspace' && !vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage('Cascade: open a folder to save workspace settings; saving to user settings instead.');
      return this.save(tiers, 'user');
    }
    await vscode.workspace.getConfiguration('cascade').update('tiers', tiers as TierConfig[], scope);
    this.deps.log.info(`settings panel saved ${tiers.length} tier(s) to ${target} settings`);
    await this.post({ type: 'saved', target });
  }

  private async setApiKey(server: string): Promise<void> {
    const origin = serverOriginOf(server);
    if (!origin) {
      void vscode.window.showWarningMessage('Cascade: enter the server URL (like https://models.example.com) before its API key.');
      return;
    }
    if (await askForServerKey(origin, this.deps.keys)) this.deps.log.info(`settings panel: API key for ${origin} set or deleted`);
    await this.postKeys([origin], true);
  }

  /** Tells the webview whether keys are stored for `origins`: those not known yet, or all of them with `fresh`. */
  private async postKeys(origins: string[], fresh = false): Promise<void> {
    const asked = origins.filter((origin) => fresh || !this.keyStatus.has(origin));
    if (asked.length === 0) return;
    const stored = await Promise.all(asked.map((origin) => this.keyStored(origin)));
    asked.forEach((origin, i) => this.keyStatus.set(origin, stored[i]));
    await this.post({ type: 'keys', keys: Object.fromEntries(asked.map((origin, i) => [origin, stored[i]])) });
  }

  /** Whether a key is stored for `origin` (read into ServerKeys); false, with a warning in the log, when the keychain cannot be read. */
  private async keyStored(origin: string): Promise<boolean> {
    try {
      return await this.deps.keys.refresh(origin);
    } catch (error) {
      this.deps.log.warn(`settings panel: could not read the API key for ${origin}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private async postState(): Promise<void> {
    const configured = vscode.workspace.getConfiguration('cascade').get<unknown[]>('tiers', []);
    const tiers = Array.isArray(configured) ? configured : [];
    const [models, machine] = await Promise.all([this.deps.catalog.models(), this.deps.catalog.machine().catch(() => undefined)]);
    const problems = tiers.length > 0 ? checkTiers(tiers, 'cascade.tiers').problems : [];
    this.origins = serverOrigins(tiers);
    const stored = await Promise.all(this.origins.map((origin) => this.keyStored(origin)));
    this.keyStatus = new Map(this.origins.map((origin, i) => [origin, stored[i]]));
    const keys = Object.fromEntries(this.keyStatus);
    await this.post({ type: 'state', tiers, target: tiersTarget(), problems, warnings: tierWarnings(tiers), keys, models, machine });
  }

  private async post(message: HostMessage): Promise<void> {
    await this.panel.webview.postMessage(message);
  }

  private fail(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.deps.log.error(`settings panel: ${text}`);
    void vscode.window.showErrorMessage(`Cascade: ${text}`);
    void this.post({ type: 'busy' });
  }

  private html(media: vscode.Uri): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(media, name)).toString();
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; img-src ${webview.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('settings.css')}">
<title>Cascade Settings</title>
</head>
<body>
<main id="app" aria-live="polite"><p>Loading…</p></main>
<script nonce="${nonce}" src="${asset('settings.js')}"></script>
</body>
</html>`;
  }

  private dispose(): void {
    SettingsPanel.current = undefined;
    this.disposables.forEach((d) => d.dispose());
  }
}
