import * as vscode from 'vscode';
import { isServerTier } from '../engine';
import type { CascadeSettings } from './readSettings';

/** The status bar's quick pick: enable/disable, settings, the walkthrough, models, log. */
export async function showMenu(settings: CascadeSettings, log: vscode.LogOutputChannel): Promise<void> {
  const items = [
    { label: settings.enabled ? '$(circle-slash) Disable Cascade' : '$(check) Enable Cascade', id: 'toggle' },
    { label: '$(play) Complete function at cursor', id: 'complete' },
    { label: '$(gear) Open Cascade settings', id: 'panel' },
    { label: '$(rocket) Get started (walkthrough)', id: 'walkthrough' },
    { label: '$(cloud-download) Download models', id: 'download' },
    ...(settings.tiers.some(isServerTier) ? [{ label: '$(key) Set server API key', id: 'key' }] : []),
    { label: '$(settings) Open settings (JSON / UI)', id: 'settings' },
    { label: '$(output) Show log', id: 'log' },
    { label: '$(trash) Delete downloaded models', id: 'delete' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Cascade', placeHolder: settings.tiersError ?? `${settings.tiers.length} tier(s) configured` });
  switch (pick?.id) {
    case 'toggle':
      return vscode.workspace.getConfiguration('cascade').update('enabled', !settings.enabled, vscode.ConfigurationTarget.Global);
    case 'complete':
      return void (await vscode.commands.executeCommand('cascade.completeFunction'));
    case 'key':
      return void (await vscode.commands.executeCommand('cascade.setServerApiKey'));
    case 'walkthrough':
      return void (await vscode.commands.executeCommand('cascade.getStarted'));
    case 'download':
      return void (await vscode.commands.executeCommand('cascade.downloadModels'));
    case 'delete':
      return void (await vscode.commands.executeCommand('cascade.deleteDownloadedModels'));
    case 'panel':
      return void (await vscode.commands.executeCommand('cascade.openSettings'));
    case 'settings':
      return void (await vscode.commands.executeCommand('workbench.action.openSettings', 'cascade.'));
    case 'log':
      return log.show(true);
  }
}
