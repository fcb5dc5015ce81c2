import * as vscode from 'vscode';
import { AbortError, catalogDownload, CascadeError, shippedCatalog, tierModelFiles } from '../../engine';
import { downloadWithProgress } from '../downloadWithProgress';
import type { CascadeSettings } from '../readSettings';
import { showSettingsError } from '../showSettingsError';

export interface DownloadModelsDeps {
  settings: () => CascadeSettings;
  /** Where `hf:` and URL tiers' files go: global storage, kept across upgrades. */
  modelsDir: string;
  log: vscode.LogOutputChannel;
  /** Called when the command is over, with how many models it downloaded (the walkthrough step, the warm start). */
  onDownloaded: (count: number) => void;
}

/**
 * "Cascade: download models": downloads every `hf:` / URL tier's model that is not in the
 * models folder yet, one progress notification each (catalog models are checked against their
 * pinned size and hash). A local path that does not exist is reported, not downloaded.
 */
export async function downloadModelsCommand(deps: DownloadModelsDeps): Promise<void> {
  const settings = deps.settings();
  if (settings.tiersError) return showSettingsError(settings.tiersError);
  const files = tierModelFiles(settings.tiers, settings.baseDir, deps.modelsDir);
  const missingLocal = files.filter((file) => !file.present && !file.downloadable);
  for (const file of missingLocal) {
    void vscode.window.showErrorMessage(`Cascade: tier ${file.tier + 1}'s model ${file.model} does not exist. Pick another file in Cascade's settings.`);
  }
  const toDownload = files.filter((file) => !file.present && file.downloadable);
  if (toDownload.length === 0) {
    if (missingLocal.length === 0) void vscode.window.showInformationMessage(`Cascade: all ${files.length} model(s) are on this machine already.`);
    return deps.onDownloaded(0);
  }
  const catalog = shippedCatalog();
  const controller = new AbortController();
  let downloaded = 0;
  try {
    for (const file of toDownload) {
      const entry = catalog.models.find((model) => model.uri === file.model);
      await downloadWithProgress(
        entry ? catalogDownload(entry, deps.modelsDir) : { uri: file.model, dirPath: deps.modelsDir },
        `Cascade: downloading ${entry?.name ?? file.model} (${downloaded + 1} of ${toDownload.length})`,
        controller,
        deps.log,
      );
      downloaded++;
    }
    void vscode.window.showInformationMessage(`Cascade: ${toDownload.length} model(s) downloaded into ${deps.modelsDir}.`);
  } catch (error) {
    if (error instanceof AbortError) {
      deps.log.info('download models: cancelled');
      return void vscode.window.showInformationMessage('Cascade: download cancelled. What was downloaded is kept and resumes next time.');
    }
    const message = error instanceof CascadeError ? error.message : String(error);
    deps.log.error(`download models: ${message}`);
    return void vscode.window.showErrorMessage(`Cascade: ${message}`);
  } finally {
    deps.onDownloaded(downloaded);
  }
}
