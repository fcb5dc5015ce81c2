import * as vscode from 'vscode';
import type { SettingsTarget } from './settingsPanel/panelProtocol';

/** Where `cascade.tiers` takes effect: the workspace when it sets them, else the user's settings. */
export function tiersTarget(): SettingsTarget {
  return vscode.workspace.getConfiguration('cascade').inspect('tiers')?.workspaceValue !== undefined ? 'workspace' : 'user';
}
