import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { checkTiers, type TierConfig } from '../../engine';
import type { EngineSession } from '../EngineSession';
import { type HostMessage, type PanelMachine, type PanelModel, parseWebviewMessage, type SettingsTarget, type WebviewMessage } from './panelProtocol';
import { testTier } from './testTier';

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
  log: vscode.LogOutputChannel;
}

const targetOf = (): SettingsTarget =>
  vscode.workspace.getConfiguration('cascade').inspect('tiers')?.workspaceValue !== undefined ? 'workspace' : 'user';

/**
 * The tier settings panel (webview, assets in media/): tier cards with inline validation by
 * the engine's own rules, the machine and its recommended preset, and saving to user or
 * workspace settings. It follows edits made in settings.json while open.
 */
export class SettingsPanel {
  private static current: SettingsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

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
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.postState();
      case 'validate':
        return this.post({ type: 'validation', problems: checkTiers(message.tiers, 'cascade.tiers').problems });
      case 'save':
        return this.save(message.tiers, message.target);
      case 'chooseFile': {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'GGUF models': ['gguf'] }, openLabel: 'Use this model' });
        if (picked?.[0]) await this.post({ type: 'fileChosen', index: message.index, path: picked[0].fsPath });
        return;
      }
      case 'testTier':
        return this.post({ type: 'tierTested', index: message.index, ...(await testTier(this.deps.session(), message.tier)) });
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
    if (problems.length > 0) return this.post({ type: 'validation', problems });
    const scope = target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    if (target === 'workspace' && !vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage('Cascade: open a folder to save workspace settings; saving to user settings instead.');
      return this.save(tiers, 'user');
    }
    await vscode.workspace.getConfiguration('cascade').update('tiers', tiers as TierConfig[], scope);
    this.deps.log.info(`settings panel saved ${tiers.length} tier(s) to ${target} settings`);
    await this.post({ type: 'saved', target });
  }

  private async postState(): Promise<void> {
    const tiers = vscode.workspace.getConfiguration('cascade').get<unknown[]>('tiers', []);
    const [models, machine] = await Promise.all([this.deps.catalog.models(), this.deps.catalog.machine().catch(() => undefined)]);
    const problems = tiers.length > 0 ? checkTiers(tiers, 'cascade.tiers').problems : [];
    await this.post({ type: 'state', tiers: Array.isArray(tiers) ? tiers : [], target: targetOf(), problems, models, machine });
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
