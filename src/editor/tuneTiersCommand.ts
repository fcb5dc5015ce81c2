import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  AbortError,
  CascadeError,
  DATASETS,
  type DatasetRecord,
  DEFAULT_GRID,
  fetchDataset,
  gridChoice,
  groupRuns,
  openRunFile,
  paretoPlot,
  pickFromFront,
  readBenchProblems,
  readRunRecords,
  tunedTiers,
  tuneRun,
} from '../engine';
import type { EngineSession } from './EngineSession';
import { showParetoPlot } from './showParetoPlot';

export interface TuneDeps {
  session: () => EngineSession | undefined;
  settingsError: () => string | undefined;
  storageDir: string;
  log: vscode.LogOutputChannel;
}

/**
 * "Cascade: tune tiers": records the configured models on a benchmark the user picks (resumable:
 * the run file lives in global storage), searches every per-tier (k, t, θ), shows the Pareto
 * plot and offers to apply the most accurate configuration found on validation.
 */
export async function tuneTiersCommand(deps: TuneDeps): Promise<void> {
  const session = deps.session();
  if (!session) return void vscode.window.showErrorMessage(`Cascade: ${deps.settingsError() ?? 'no tiers are configured'}`);
  const picked = await pickBenchmark(deps.storageDir);
  if (!picked) return;
  const limit = await vscode.window.showInputBox({
    title: 'Cascade: problems to record',
    prompt: 'More problems give better estimates and take longer (each runs every tier with k = 5).',
    value: '20',
    validateInput: (v) => (/^[1-9]\d*$/.test(v) ? undefined : 'a whole number ≥ 1'),
  });
  if (!limit) return;
  try {
    const dataset = typeof picked === 'string' ? picked : await downloadDataset(picked, deps);
    const problems = readBenchProblems(dataset).slice(0, Number(limit));
    const runDir = path.join(deps.storageDir, 'tune');
    mkdirSync(runDir, { recursive: true });
    const key = createHash('sha256').update(JSON.stringify(session.tiers.map((t) => session.modelPath(t)))).digest('hex').slice(0, 12);
    const file = path.join(runDir, `${path.basename(dataset, '.jsonl')}-${key}.jsonl`);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Cascade: recording', cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let last = 0;
        return session.record({ problems, file, state: openRunFile(file), onProgress: (p) => {
          const percent = (p.done / Math.max(1, p.total)) * 100;
          progress.report({ increment: percent - last, message: `${p.done}/${p.total}: ${p.label}` });
          last = percent;
        } }, controller.signal);
      },
    );
    await offerTuned(file, runDir, deps);
  } catch (error) {
    if (error instanceof AbortError) return void vscode.window.showInformationMessage('Cascade: tuning cancelled; what was recorded is kept and the next run resumes.');
    const message = error instanceof CascadeError || error instanceof RangeError ? error.message : String(error);
    deps.log.error(`tune: ${message}`);
    void vscode.window.showErrorMessage(`Cascade: ${message}`);
  }
}

/** The benchmark to tune on: a catalog dataset (downloaded when needed) or a local JSON Lines file (its path). */
async function pickBenchmark(storageDir: string): Promise<DatasetRecord | string | undefined> {
  const dir = datasetsDir(storageDir);
  const items: (vscode.QuickPickItem & { record?: DatasetRecord })[] = [
    ...DATASETS.map((record) => ({
      label: record.name,
      description: `${record.problems} problems · ${existsSync(path.join(dir, record.fileName)) ? 'downloaded' : `downloads ${Math.ceil(record.sizeBytes / 1024)} KB`}`,
      detail: `${record.id} · ${record.license} · ${record.url}`,
      record,
    })),
    { label: 'Local file…', description: 'HumanEvalPack, HumanEval-X or MultiPL-E JS/TS, JSON Lines' },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: 'Cascade: benchmark to tune on', matchOnDetail: true });
  if (!choice) return undefined;
  if (choice.record) return choice.record;
  const picked = await vscode.window.showOpenDialog({ title: 'Benchmark to tune on (HumanEvalPack, HumanEval-X or MultiPL-E JS/TS, JSON Lines)', filters: { 'JSON Lines': ['jsonl'] } });
  return picked?.[0]?.fsPath;
}

/** Datasets live next to the downloaded models, in the extension's global storage. */
const datasetsDir = (storageDir: string) => path.join(storageDir, 'datasets');

/** A catalog dataset's local file, downloaded first (cancellable, with progress) when it is not there. */
async function downloadDataset(record: DatasetRecord, deps: TuneDeps): Promise<string> {
  const dirPath = datasetsDir(deps.storageDir);
  if (existsSync(path.join(dirPath, record.fileName))) return fetchDataset(record, { dirPath }); // checked, downloaded again only if it differs
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Cascade: downloading ${record.name}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      const file = await fetchDataset(record, {
        dirPath,
        signal: controller.signal,
        onProgress: ({ downloadedBytes, totalBytes }) => {
          const percent = totalBytes ? (downloadedBytes / totalBytes) * 100 : 0;
          progress.report({ increment: percent - reported, message: `${Math.round(downloadedBytes / 1024)} KB` });
          reported = percent;
        },
      });
      deps.log.info(`dataset ready: ${file}`);
      return file;
    },
  );
}

async function offerTuned(file: string, runDir: string, deps: TuneDeps): Promise<void> {
  const run = groupRuns(readRunRecords(file));
  if (run.problems.length < 2) throw new CascadeError('fewer than 2 problems were recorded for every tier: record more problems to tune');
  const result = tuneRun(run, { grid: DEFAULT_GRID, valFraction: 0.3, seeds: [3, 7, 9, 13, 15] });
  const chosen = pickFromFront(result.front, result.grid.validationCost, result.grid.validationAccuracy, {});
  if (chosen === undefined) throw new CascadeError('the search found no configuration');
  const tiers = tunedTiers(run, result.options, gridChoice(result, chosen));
  const svgFile = path.join(runDir, 'pareto.svg');
  writeFileSync(svgFile, paretoPlot(run, result));
  showParetoPlot(svgFile);
  const accuracy = (result.grid.validationAccuracy[chosen] * 100).toFixed(1);
  deps.log.info(`tune: ${run.problems.length} problems, chosen ${JSON.stringify(tiers)} at ${accuracy}% validation accuracy`);
  const choice = await vscode.window.showInformationMessage(
    `Cascade: the most accurate configuration reaches ${accuracy}% on validation with ${tiers.length} tier(s). Apply it to your user settings?`,
    'Apply',
    'Show tiers',
  );
  if (choice === 'Apply') await vscode.workspace.getConfiguration('cascade').update('tiers', tiers, vscode.ConfigurationTarget.Global);
  if (choice === 'Show tiers') {
    const doc = await vscode.workspace.openTextDocument({ content: JSON.stringify({ tiers }, null, 2), language: 'json' });
    await vscode.window.showTextDocument(doc);
  }
}
