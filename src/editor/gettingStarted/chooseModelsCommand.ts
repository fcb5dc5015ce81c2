import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { choosePreset, detectHardware, formatGB, type Hardware, presetModels, presetTiers, readTiersFile, shippedCatalog, type TierConfig, tierModelFiles } from '../../engine';
import type { CascadeSettings } from '../readSettings';
import { tiersTarget } from '../tiersTarget';

export interface ChooseModelsDeps {
  extensionUri: vscode.Uri;
  /** Where models are downloaded (global storage: kept across upgrades). */
  modelsDir: string;
  settings: () => CascadeSettings;
  log: vscode.LogOutputChannel;
}

type Choice = vscode.QuickPickItem & { action?: 'preset' | 'demo' | 'panel'; presetId?: string };

/**
 * "Cascade: choose models for this machine" (the walkthrough's first step): reads the
 * machine's GPU and memory, offers the catalog's presets with the recommended one first, the
 * bundled offline demo models, or the settings panel for local files and servers, and writes
 * the choice to `cascade.tiers` (asking first when tiers are set already). A preset's models
 * are downloaded by the next step, "Cascade: download models".
 */
export async function chooseModelsCommand(deps: ChooseModelsDeps): Promise<void> {
  const catalog = shippedCatalog();
  const hardware = await vscode.window
    .withProgress({ location: vscode.ProgressLocation.Window, title: 'Cascade: reading this machine' }, () => detectHardware())
    .then(
      (found): Hardware | undefined => found,
      (error: unknown) => {
        deps.log.warn(`choose models: could not read the machine: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      },
    );
  const recommended = hardware && choosePreset(catalog, hardware);
  const presets = [...catalog.presets].sort((a, b) => Number(b.id === recommended?.presetId) - Number(a.id === recommended?.presetId));
  const items: Choice[] = [
    ...presets.map((preset): Choice => {
      const size = presetModels(catalog, preset.id).reduce((sum, m) => sum + m.sizeBytes, 0);
      const isRecommended = preset.id === recommended?.presetId;
      return {
        label: `${isRecommended ? '$(star-full) ' : ''}${preset.label}`,
        description: `${isRecommended ? 'recommended · ' : ''}${formatGB(size)} to download`,
        detail: isRecommended ? `${recommended.reason}. ${preset.description}` : preset.description,
        action: 'preset',
        presetId: preset.id,
      };
    }),
    { label: 'Other ways', kind: vscode.QuickPickItemKind.Separator },
    {
      label: '$(beaker) Bundled demo models',
      description: 'offline · 3 MB',
      detail: 'Three tiny toy models shipped with Cascade. They complete the sample file, not real code: a way to see Cascade work without downloading anything.',
      action: 'demo',
    },
    { label: '$(file) Local GGUF files…', detail: 'Open the settings panel and pick a .gguf file for each tier.', action: 'panel' },
    { label: '$(server) A team server…', detail: "Open the settings panel and add a server tier (llama-server, vLLM, Ollama…): the server's URL, model and key.", action: 'panel' },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Cascade: choose models',
    placeHolder: hardware ? `This machine: ${recommended?.reason ?? ''}` : 'Pick a preset (the machine could not be read; see the log)',
    matchOnDetail: true,
  });
  if (!pick?.action) return;
  if (pick.action === 'panel') return void (await vscode.commands.executeCommand('cascade.openSettings'));
  const tiers = pick.action === 'demo' ? await demoTiers(deps) : presetTiers(catalog, pick.presetId!, (entry) => entry.uri);
  if (!(await writeTiers(tiers, deps.settings()))) return;
  deps.log.info(`choose models: ${pick.action === 'demo' ? 'the bundled demo models' : `preset ${pick.presetId}`} (${tiers.length} tiers)`);
  const missing = tierModelFiles(tiers, deps.settings().baseDir, deps.modelsDir).filter((file) => !file.present);
  if (missing.length === 0) return void vscode.window.showInformationMessage(`Cascade: ${tiers.length} tiers set up; their models are on this machine.`);
  const download = 'Download now';
  const answer = await vscode.window.showInformationMessage(`Cascade: ${tiers.length} tiers set up. ${missing.length} model(s) still to download.`, download);
  if (answer === download) await vscode.commands.executeCommand('cascade.downloadModels');
}

/**
 * The bundled toy models' tiers (models/toy/tiers.json), their files copied into the models
 * folder first: the tiers then keep working after an upgrade moves the extension's folder.
 */
async function demoTiers({ extensionUri, modelsDir }: ChooseModelsDeps): Promise<TierConfig[]> {
  const toyDir = vscode.Uri.joinPath(extensionUri, 'models', 'toy').fsPath;
  const tiers = await readTiersFile(path.join(toyDir, 'tiers.json'));
  await mkdir(modelsDir, { recursive: true });
  return Promise.all(
    tiers.map(async (tier) => {
      const name = path.basename(tier.model!);
      const from = path.join(toyDir, name);
      const to = path.join(modelsDir, name);
      const [source, copy] = await Promise.all([stat(from), stat(to).catch(() => undefined)]);
      if (copy?.size !== source.size) await copyFile(from, to);
      return { ...tier, model: to };
    }),
  );
}

/** Writes `cascade.tiers` where it takes effect (the workspace when it sets them), asking before it replaces tiers. */
async function writeTiers(tiers: TierConfig[], settings: CascadeSettings): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('cascade');
  if (settings.tiersConfigured) {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(
      `Replace the ${config.get<unknown[]>('tiers', []).length} tier(s) in your settings with these ${tiers.length}?`,
      { modal: true },
      replace,
    );
    if (answer !== replace) return false;
  }
  await config.update('tiers', tiers, tiersTarget() === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  return true;
}
