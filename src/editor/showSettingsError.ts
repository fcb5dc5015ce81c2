import * as vscode from 'vscode';

const shown = new Set<string>();

/** Shows a configuration problem once per distinct message, with a way to fix it. */
export async function showSettingsError(message: string): Promise<void> {
  if (shown.has(message)) return;
  shown.add(message);
  const choice = await vscode.window.showErrorMessage(`Cascade: ${message}`, 'Open settings');
  if (choice === 'Open settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'cascade.');
}

/** Forget what was shown, so that a problem that comes back after a settings change is shown again. */
export function resetShownSettingsErrors(): void {
  shown.clear();
}
