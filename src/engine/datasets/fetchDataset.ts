import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ModelDownloadError, throwIfAborted } from '../errors';
import { sha256File } from '../models/checkModelFile';
import { downloadFile, type DownloadProgress, type FileExpectations } from '../models/downloadFile';
import type { DownloadWording } from '../models/downloadFailure';
import type { DatasetRecord } from './datasetCatalog';

/** Where to save a dataset and how to follow the download. */
export interface FetchDatasetOptions {
  /** The datasets folder (created when missing); see defaultDatasetsDir. */
  dirPath: string;
  /** Cancels the download: rejects with AbortError and keeps the partial file for a resume. */
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /**
   * Origin that replaces the URL's own (`https://raw.githubusercontent.com`), keeping its path:
   * a mirror, or a loopback server in tests. Default: the URL as it is.
   */
  mirror?: string;
  /** Called with the URL when the file is not there and is about to be downloaded. */
  onFetch?: (url: string) => void;
}

/**
 * The local path of a catalog dataset, downloaded into `dirPath` when it is not there yet,
 * through the same downloader as models (progress, resume, checks; see downloadFile).
 *
 * - A file in `dirPath` with the record's size and SHA-256 is returned at once, with no request
 *   (a file there that differs is replaced).
 * - `jsonl.gz` originals are saved as `<fileName>.gz`, gunzipped into `fileName`, then removed.
 * - The saved file must have the record's size and SHA-256; one that does not is removed and
 *   ModelDownloadError ('corrupt') thrown. No network, HTTP 404 and the rest fail as for models,
 *   with messages that say where to put the file by hand.
 */
export async function fetchDataset(record: DatasetRecord, options: FetchDatasetOptions): Promise<string> {
  const { dirPath, signal, onProgress } = options;
  throwIfAborted(signal);
  const target = path.join(dirPath, record.fileName);
  const expected = { expectedSize: record.sizeBytes, sha256: record.sha256 };
  if ((await checkDatasetFile(target, expected)) === undefined) return target;

  const url = withMirror(record.url, options.mirror);
  const wording = datasetWording(record, url);
  options.onFetch?.(url);
  // Small files: the hash is checked on a file already there too, not only after a download.
  const checkSaved = (file: string, expect: FileExpectations) => checkDatasetFile(file, { ...expected, ...expect, sha256: record.sha256 });
  if (record.format === 'jsonl') {
    return downloadFile({ url, dirPath, fileName: record.fileName, ...expected, check: checkSaved, wording, signal, onProgress });
  }
  const gz = await downloadFile({ url, dirPath, fileName: `${record.fileName}.gz`, check: checkGzipFile, wording, signal, onProgress });
  await gunzipChecked(gz, target, url, record);
  return target;
}

/** `url` with its origin replaced by `mirror` (its path kept), or `url` itself. */
export function withMirror(url: string, mirror: string | undefined): string {
  if (!mirror?.trim()) return url;
  const { pathname, search } = new URL(url);
  return `${mirror.trim().replace(/\/+$/, '')}${pathname}${search}`;
}

/** How download failures for a dataset say what to do instead. */
function datasetWording(record: DatasetRecord, url: string): DownloadWording {
  const byHand = `download ${url} by hand${record.format === 'jsonl.gz' ? ', gunzip it' : ''} and use its path instead`;
  return {
    noun: 'Dataset',
    notFound: byHand,
    denied: byHand,
    offline: (dirPath) => `put ${record.fileName} (from ${url}${record.format === 'jsonl.gz' ? ', gunzipped' : ''}) in ${dirPath}, or use the path of a local copy`,
  };
}

/** A phrase naming what is wrong with a saved dataset file, or undefined when it is the one expected. */
export async function checkDatasetFile(file: string, expect: FileExpectations): Promise<string | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return 'does not exist';
  if (!info.isFile()) return 'is not a file';
  if (expect.expectedSize !== undefined && info.size !== expect.expectedSize) return `has ${info.size} bytes, expected ${expect.expectedSize}`;
  if (expect.sha256 !== undefined) {
    const actual = await sha256File(file);
    if (actual !== expect.sha256.toLowerCase()) return `has SHA-256 ${actual}, expected ${expect.sha256.toLowerCase()}`;
  }
  return undefined;
}

/** A downloaded `.gz` file: the size expected and gzip's magic bytes. */
async function checkGzipFile(file: string, expect: FileExpectations): Promise<string | undefined> {
  const problem = await checkDatasetFile(file, { expectedSize: expect.expectedSize });
  if (problem) return problem;
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b ? undefined : 'is not gzip data';
  } finally {
    await handle.close();
  }
}

/**
 * Gunzips `gz` into `target` (through `<target>.part`, so that an interrupted run never leaves
 * a half file under the final name) and checks the result; removes `gz` either way.
 */
async function gunzipChecked(gz: string, target: string, url: string, record: DatasetRecord): Promise<void> {
  const part = `${target}.part`;
  try {
    await pipeline(createReadStream(gz), createGunzip(), createWriteStream(part));
  } catch (error) {
    await Promise.all([rm(part, { force: true }), rm(gz, { force: true })]);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelDownloadError(`The file downloaded from ${url} is not valid gzip data (${reason}) — it was removed; try again`, 'corrupt');
  }
  await rm(gz, { force: true });
  const problem = await checkDatasetFile(part, { expectedSize: record.sizeBytes, sha256: record.sha256 });
  if (problem !== undefined) {
    await rm(part, { force: true });
    throw new ModelDownloadError(`The file downloaded from ${url}, gunzipped, ${problem} — it was removed; try again`, 'corrupt');
  }
  await rename(part, target);
}
