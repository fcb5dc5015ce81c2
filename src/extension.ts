import * as vscode from 'vscode';
import { completeFunctionCommand } from './editor/completeFunctionCommand';
import { EngineSession } from './editor/EngineSession';
import { readSettings, type CascadeSettings } from './editor/readSettings';
import { resetShownSettingsErrors } from './editor/showSettingsError';
import { showMenu } from './editor/showMenu';
import { StatusBar } from './editor/StatusBar';

let session: EngineSession | undefined;

/** Wires the editor adapters to one shared engine session. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Cascade', { log: true });
  const status = new StatusBar();
  let settings: CascadeSettings = readSettings();
  session = new EngineSession(settings);
  const applySettings = () => {
    settings = readSettings();
    resetShownSettingsErrors();
    if (settings.tiersError) log.warn(settings.tiersError);
    status.idle(!settings.enabled);
    void session?.updateSettings(settings);
  };
  applySettings();

  context.subscriptions.push(
    log,
    status,
    vscode.commands.registerCommand('cascade.completeFunction', () =>
      completeFunctionCommand({
        session: () => (settings.tiersError ? undefined : session),
        settingsError: () => settings.tiersError,
        status,
        log,
      }),
    ),
    vscode.commands.registerCommand('cascade.showMenu', () => showMenu(settings, log)),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('cascade') && applySettings()),
  );
  log.info(`Cascade activated with ${settings.tiers.length} tier(s).`);
}

export async function deactivate(): Promise<void> {
  await session?.dispose();
  session = undefined;
}
