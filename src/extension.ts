import * as vscode from 'vscode';
import { tierModelFiles, tierName } from './engine';
import { deleteModelsCommand } from './editor/deleteModelsCommand';
import { chooseModelsCommand } from './editor/gettingStarted/chooseModelsCommand';
import { downloadModelsCommand } from './editor/gettingStarted/downloadModelsCommand';
import { openSampleCommand } from './editor/gettingStarted/openSampleCommand';
import { openWalkthrough, openWalkthroughOnce, WalkthroughProgress } from './editor/gettingStarted/walkthrough';
import { completeFunctionCommand } from './editor/completeFunctionCommand';
import { EngineSession } from './editor/EngineSession';
import { InlineProvider } from './editor/InlineProvider';
import { catalogForPanel } from './editor/settingsPanel/catalogForPanel';
import { SettingsPanel } from './editor/settingsPanel/SettingsPanel';
import { readSettings, type CascadeSettings } from './editor/readSettings';
import { resetShownSettingsErrors, showSettingsError } from './editor/showSettingsError';
import { showMenu } from './editor/showMenu';
import { ServerStatusItem } from './editor/ServerStatusItem';
import { ServerKeys, setServerApiKeyCommand } from './editor/serverKeys';
import { StatusBar } from './editor/StatusBar';
import { writeStorageMarker } from './editor/storageMarker';
import { tuneTiersCommand } from './editor/tuneTiersCommand';

let session: EngineSession | undefined;

/** What activate() returns: handles for the in-host tests. */
export interface CascadeApi {
  provider: InlineProvider;
  settings: () => CascadeSettings;
}

/** Wires the editor adapters to one shared engine session. */
export function activate(context: vscode.ExtensionContext): CascadeApi {
  const log = vscode.window.createOutputChannel('Cascade', { log: true });
  const status = new StatusBar();
  let settings: CascadeSettings = readSettings();
  const modelsDir = vscode.Uri.joinPath(context.globalStorageUri, 'models').fsPath;
  const serverStatus = new ServerStatusItem();
  // A stored or deleted key takes effect like a settings change: the server tiers are set up again.
  const keys = new ServerKeys(context.secrets, () => applySettings(false));
  const engine = (session = new EngineSession(settings, modelsDir, keys.keyFor, (server, state) => {
    serverStatus.update(server, state);
    if (state.kind === 'failing') log.warn(state.message);
  }));
  const usableSession = () => (settings.tiersError ? undefined : engine);
  const provider = new InlineProvider({
    session: usableSession,
    settings: () => settings,
    status,
    log,
    reportTierError: (message) => void showSettingsError(message),
  });
  const walkthrough = new WalkthroughProgress();
  const updateWalkthrough = () =>
    walkthrough.update({
      tiersReady: !settings.tiersError,
      modelsReady: tierModelFiles(settings.tiers, settings.baseDir, modelsDir).every((file) => file.present),
    });
  const applySettings = (initial: boolean) => {
    settings = readSettings();
    updateWalkthrough();
    resetShownSettingsErrors();
    provider.forget();
    for (const problem of [settings.tiersError, ...settings.warnings]) {
      if (problem) {
        log.warn(problem);
        // A fresh install has no tiers yet: the status bar asks for set-up instead of an error.
        if (!initial || settings.tiersConfigured) void showSettingsError(problem);
      }
    }
    if (settings.tiersError) status.needsSetup(settings.tiersError);
    else status.idle(!settings.enabled);
    serverStatus.setTiers(settings.tiers);
    const tiers = settings.tiers;
    void keys
      .load(tiers)
      .catch((error: unknown) => log.warn(`Could not read server API keys: ${error instanceof Error ? error.message : String(error)}`))
      .then(() => (initial ? undefined : engine.updateSettings(settings)))
      .then(warmUp);
  };
  // Warm start: the first tier loads in the background after start-up and after tier changes.
  let warming: AbortController | undefined;
  const warmUp = () => {
    warming?.abort();
    const first = settings.tiers[0];
    if (settings.tiersError || !settings.enabled || !first) return;
    // The first tier is named; if it fails to load the next one is warmed instead.
    const controller = (warming = new AbortController());
    status.warming(tierName(first));
    const tierError = (tier: number, error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log.warn(`warm start: tier ${tier + 1}: ${message}`);
      void showSettingsError(`Tier ${tier + 1} was skipped: ${message}`);
    };
    engine.warmUp(controller.signal, tierError).then(
      () => {
        if (!controller.signal.aborted) log.info('warm start: done');
      },
      (error: unknown) => {
        if (!controller.signal.aborted) log.warn(`warm start: ${error instanceof Error ? error.message : String(error)}`);
      },
    ).finally(() => {
      if (warming === controller) status.warmed();
    });
  };
  applySettings(true);
  void openWalkthroughOnce(context, settings.tiersConfigured, log);
  // After a download: the walkthrough's step, and a warm start of the first tier (whose file may have been missing).
  const modelsDownloaded = (count: number) => {
    updateWalkthrough();
    if (count > 0) warmUp();
  };

  context.subscriptions.push(
    { dispose: () => warming?.abort() },
    log,
    status,
    serverStatus,
    keys,
    provider,
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    vscode.commands.registerCommand('cascade.completeFunction', () =>
      completeFunctionCommand({ session: usableSession, settingsError: () => settings.tiersError, status, log }),
    ),
    vscode.commands.registerCommand('cascade.setServerApiKey', () => setServerApiKeyCommand(settings.tiers, keys)),
    vscode.commands.registerCommand('cascade.showMenu', () => showMenu(settings, log)),
    status.onDidShowVerified(() => walkthrough.showedVerified()),
    vscode.commands.registerCommand('cascade.getStarted', () => openWalkthrough(context.extension.id)),
    vscode.commands.registerCommand('cascade.chooseModels', () => chooseModelsCommand({ extensionUri: context.extensionUri, modelsDir, settings: () => settings, log })),
    vscode.commands.registerCommand('cascade.downloadModels', () => downloadModelsCommand({ settings: () => settings, modelsDir, log, onDownloaded: modelsDownloaded })),
    vscode.commands.registerCommand('cascade.openSample', () => openSampleCommand(context.extensionUri, context.globalStorageUri.fsPath)),
    vscode.commands.registerCommand('cascade.deleteDownloadedModels', () =>
      deleteModelsCommand({ modelsDir, unloadModels: () => engine.unloadModels(), log, onDeleted: updateWalkthrough }),
    ),
    vscode.commands.registerCommand('cascade.openSettings', () =>
      SettingsPanel.show({ extensionUri: context.extensionUri, session: () => engine, catalog: catalogForPanel(modelsDir, log), keys, log }),
    ),
    vscode.commands.registerCommand('cascade.tuneTiers', () =>
      tuneTiersCommand({ session: usableSession, settingsError: () => settings.tiersError, storageDir: context.globalStorageUri.fsPath, log }),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('cascade') && applySettings(false)),
  );
  // For the uninstall hook, which has no VS Code API to ask where the storage is.
  if (!writeStorageMarker(context.extensionPath, context.globalStorageUri.fsPath)) log.debug('extension folder is read-only: uninstalling will not remove the downloaded models');
  log.info(`Cascade ${context.extension.packageJSON.version} activated with ${settings.tiers.length} tier(s); models in ${modelsDir}.`);
  return { provider, settings: () => settings };
}

export async function deactivate(): Promise<void> {
  await session?.dispose();
  session = undefined;
}
