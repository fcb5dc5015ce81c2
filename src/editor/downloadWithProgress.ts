import * as vscode from 'vscode';
import { downloadModel, type DownloadModelOptions, formatSize } from '../engine';

/**
 * Downloads one model with a cancellable progress notification (bytes, speed, time left).
 * Cancelling the notification aborts `controller`, which also stops the downloads after it; a
 * file already downloaded is returned at once. Resolves with the model's path.
 */
export function downloadWithProgress(
  options: Omit<DownloadModelOptions, 'signal' | 'onProgress'>,
  title: string,
  controller: AbortController,
  log: vscode.LogOutputChannel,
): Thenable<string> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    token.onCancellationRequested(() => controller.abort());
    let reported = 0;
    const file = await downloadModel({
      ...options,
      signal: controller.signal,
      onProgress: ({ downloadedBytes, totalBytes, bytesPerSecond, etaSeconds }) => {
        const percent = totalBytes ? (downloadedBytes / totalBytes) * 100 : 0;
        progress.report({
          increment: percent - reported,
          message: `${formatSize(downloadedBytes)}${totalBytes ? ` of ${formatSize(totalBytes)}` : ''} · ${formatSize(bytesPerSecond)}/s${etaSeconds !== undefined ? ` · ${Math.ceil(etaSeconds)} s left` : ''}`,
        });
        reported = percent;
      },
    });
    log.info(`model ready: ${file}`);
    return file;
  });
}
