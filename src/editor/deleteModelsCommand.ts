import * as vscode from 'vscode';
import { deleteDownloadedModels, formatSize, listDownloadedModels } from '../engine';

export interface DeleteModelsDeps {
  modelsDir: string;
  /** Unloads every model first: a loaded file cannot be removed on Windows, and must not be read after. */
  unloadModels: () => Promise<void>;
  log: vscode.LogOutputChannel;
  onDeleted: () => void;
}

/**
 * "Cascade: delete downloaded models": after a modal confirmation naming the count and size,
 * removes every model (and partial download) in the extension's models folder and says how
 * much space that freed. Models configured by path elsewhere are never touched.
 */
export async function deleteModelsCommand(deps: DeleteModelsDeps): Promise<void> {
  const files = await listDownloadedModels(deps.modelsDir);
  if (files.length === 0) return void vscode.window.showInformationMessage(`Cascade: no downloaded models in ${deps.modelsDir}.`);
  const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
  const remove = 'Delete';
  const answer = await vscode.window.showWarningMessage(
    `Delete ${files.length} downloaded model file(s), ${formatSize(bytes)}?`,
    {
      modal: true,
      detail: `${files.map((file) => `${file.name} (${formatSize(file.bytes)})`).join('\n')}\n\nFrom ${deps.modelsDir}. Tiers that use them need "Cascade: download models" again.`,
    },
    remove,
  );
  if (answer !== remove) return;
  await deps.unloadModels();
  const freed = await deleteDownloadedModels(deps.modelsDir);
  deps.log.info(`deleted ${freed.files} downloaded model file(s) from ${deps.modelsDir}: ${freed.bytes} bytes`);
  deps.onDeleted();
  void vscode.window.showInformationMessage(`Cascade: deleted ${freed.files} model file(s); ${formatSize(freed.bytes)} freed.`);
}
