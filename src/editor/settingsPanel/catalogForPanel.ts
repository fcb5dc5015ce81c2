import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  AbortError,
  catalogDownload,
  choosePreset,
  describeHardware,
  detectHardware,
  presetModels,
  presetTiers,
  shippedCatalog,
} from '../../engine';
import { downloadWithProgress } from '../downloadWithProgress';
import type { PanelCatalog } from './SettingsPanel';

/**
 * The shipped model catalog as the settings panel uses it. Models download into `modelsDir`
 * (the extension's global storage) with a cancellable progress notification showing bytes,
 * speed and time left; files already there are never downloaded again.
 */
export function catalogForPanel(modelsDir: string, log: vscode.LogOutputChannel): PanelCatalog {
  const catalog = shippedCatalog();
  return {
    async models() {
      return catalog.models.map((m) => ({ id: m.id, name: m.name, uri: m.uri, sizeBytes: m.sizeBytes, downloaded: existsSync(path.join(modelsDir, m.fileName)) }));
    },
    async machine() {
      const hardware = await detectHardware();
      const choice = choosePreset(catalog, hardware);
      return {
        summary: describeHardware(hardware),
        presets: catalog.presets.map((p) => ({ id: p.id, label: p.label, description: p.description })),
        recommended: { id: choice.presetId, reason: choice.reason },
      };
    },
    async presetTiers(presetId, token) {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        for (const entry of presetModels(catalog, presetId)) {
          await downloadWithProgress(catalogDownload(entry, modelsDir), `Cascade: downloading ${entry.name}`, controller, log);
        }
        if (controller.signal.aborted) throw new AbortError('The download was cancelled; what was downloaded is kept and resumes next time.');
        return presetTiers(catalog, presetId, (entry) => entry.uri);
      } finally {
        subscription.dispose();
      }
    },
  };
}
