import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ModelDownloader } from 'node-llama-cpp';
import { AbortError, ModelDownloadError, throwIfAborted } from '../errors';
import { downloadFailure, MODEL_WORDING, type DownloadWording } from './downloadFailure';
import { probeUrl } from './probeUrl';

/** How far a download is. */
export interface DownloadProgress {
  /** Bytes downloaded so far, counting those kept from an interrupted attempt; never decreases. */
  downloadedBytes: number;
  /** Size of the file in bytes (0 while unknown). */
  totalBytes: number;
  /** Average speed over the last seconds; 0 before there is one. */
  bytesPerSecond: number;
  /** Seconds left at that speed; undefined while the speed is 0. */
  etaSeconds?: number;
}

/** What a downloaded file must be: its exact size and SHA-256, when known. */
export interface FileExpectations {
  expectedSize?: number;
  sha256?: string;
}

/**
 * Checks a file on disk without changing it.
 * @returns the first problem as a phrase ("has 12 bytes, expected 34"), or undefined when it is fine
 */
export type FileCheck = (file: string, expect: FileExpectations) => Promise<string | undefined>;

/** One file to download from an http(s) URL. */
export interface DownloadFileOptions extends FileExpectations {
  url: string;
  /** Folder to save into (created when missing); the "no network" message names it. */
  dirPath: string;
  /** File name in `dirPath` (a plain name, no folders). */
  fileName: string;
  /**
   * What makes a file acceptable: run on a file already there (without `sha256`, which reads
   * every byte) and on the finished download (with it).
   */
  check: FileCheck;
  /** How the failures name the file and what to do instead; default the wording for models. */
  wording?: DownloadWording;
  /** Cancels the download: rejects with AbortError and keeps the partial file for a resume. */
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

/**
 * Downloads one file into `dirPath` through node-llama-cpp's downloader (ipull: parallel ranged
 * requests, retries, a `<file>.ipull` partial file) and returns its path. Models and benchmark
 * datasets both come through here.
 *
 * - A file already in `dirPath` that passes `check` (without the hash) is returned at once,
 *   with no request.
 * - One quick ranged request first: HTTP 404 and an unreachable host fail at once with a
 *   ModelDownloadError naming the URL (the downloader alone would retry for minutes).
 * - Cancelling keeps the partial file; the next call for the same file resumes it with range
 *   requests from the last completed 5 MiB chunk.
 * - Afterwards the file must have `expectedSize` (else the size the server announced) and pass
 *   `check` with `sha256`; a file that fails is removed and ModelDownloadError ('corrupt') thrown.
 */
export async function downloadFile(options: DownloadFileOptions): Promise<string> {
  const { url, dirPath, fileName, expectedSize, sha256, signal, check } = options;
  const wording = options.wording ?? MODEL_WORDING;
  throwIfAborted(signal);
  if (path.basename(fileName) !== fileName || fileName === '..' || fileName === '.' || fileName === '') {
    throw new ModelDownloadError(`Cannot download ${url} as "${fileName}": the file name must not name a folder`, 'unsupported-uri');
  }
  const target = path.join(dirPath, fileName);
  if ((await check(target, { expectedSize })) === undefined) return target;

  const { totalBytes } = await probeUrl(url, dirPath, signal, wording);
  if (expectedSize !== undefined && totalBytes !== undefined && totalBytes !== expectedSize) {
    throw new ModelDownloadError(`${url} has ${totalBytes} bytes, expected ${expectedSize} — the file on the server is not the one expected`, 'corrupt');
  }
  await rm(target, { force: true }); // a complete file that failed the checks above
  await fetchFile(url, dirPath, fileName, signal, options.onProgress, wording);

  const problem = await check(target, { expectedSize: expectedSize ?? totalBytes, sha256 });
  if (problem !== undefined) {
    await rm(target, { force: true });
    throw new ModelDownloadError(`The file downloaded from ${url} ${problem} — it was removed; try again`, 'corrupt');
  }
  return target;
}

/** One download through node-llama-cpp; AbortError on cancel, ModelDownloadError otherwise. */
async function fetchFile(
  url: string,
  dirPath: string,
  fileName: string,
  signal: AbortSignal | undefined,
  onProgress: DownloadFileOptions['onProgress'],
  wording: DownloadWording,
): Promise<void> {
  const { createModelDownloader } = await import('node-llama-cpp');
  let downloaded = 0;
  const creating = createModelDownloader({
    modelUri: url,
    dirPath,
    fileName,
    skipExisting: false, // the file in dirPath was checked (and removed when it failed) already
    deleteTempFileOnCancel: false, // keep `<file>.ipull` so that the next call resumes
    onProgress: onProgress && (({ totalSize, downloadedSize, averageSpeed }) => {
      downloaded = Math.max(downloaded, downloadedSize);
      const bytesPerSecond = averageSpeed > 0 ? averageSpeed : 0;
      const etaSeconds = bytesPerSecond > 0 ? Math.max(0, totalSize - downloaded) / bytesPerSecond : undefined;
      onProgress({ downloadedBytes: downloaded, totalBytes: totalSize, bytesPerSecond, etaSeconds });
    }),
  });
  const cancel = (downloader: ModelDownloader) => downloader.cancel({ deleteTempFile: false }).catch(() => undefined);
  try {
    // Creating the downloader takes no signal: on abort, cancel it once it exists.
    const downloader = await untilAborted(creating, signal, async () => void creating.then(cancel, () => undefined));
    // ipull keeps retrying a failing chunk after a cancel; stop waiting for it at once.
    await untilAborted(downloader.download({ signal }), signal, () => cancel(downloader));
  } catch (error) {
    if (error instanceof AbortError || signal?.aborted) throw new AbortError();
    throw downloadFailure(error, url, dirPath, wording);
  }
  throwIfAborted(signal);
}

/** Settles like `work`, or rejects with AbortError when `signal` fires first (after `onAbort`). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Promise<unknown>): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => void onAbort().finally(() => reject(new AbortError()));
    if (signal.aborted) {
      work.catch(() => undefined);
      return abort();
    }
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
