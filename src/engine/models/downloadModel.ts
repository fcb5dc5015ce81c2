import path from 'node:path';
import { ModelDownloadError, throwIfAborted } from '../errors';
import { checkModelFile } from './checkModelFile';
import { downloadFile, type DownloadProgress } from './downloadFile';
import { MODEL_WORDING } from './downloadFailure';
import { parseRemoteModel, remoteFileName, remoteUrl } from './modelUri';

export type { DownloadProgress } from './downloadFile';

/** What to download and where. */
export interface DownloadModelOptions {
  /** `hf:<user>/<repo>/<file>.gguf[#<revision>]` or an http(s) URL of a GGUF file. */
  uri: string;
  /** Folder to save into (created when missing); the "no network" message names it. */
  dirPath: string;
  /** File name in `dirPath`; default the last segment of the URI's path. */
  fileName?: string;
  /** Exact size in bytes; when given, a file of another size is never accepted. */
  expectedSize?: number;
  /** Hex SHA-256; when given, checked after a download. */
  sha256?: string;
  /** Cancels the download: rejects with AbortError and keeps the partial file for a resume. */
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /**
   * Host that `hf:` URIs resolve to: default `$HF_ENDPOINT` (the Hugging Face tools' variable for
   * a mirror), else https://huggingface.co. Tests use a loopback server.
   */
  huggingFaceEndpoint?: string;
}

/**
 * Downloads a GGUF model into `dirPath` and returns its path, through {@link downloadFile}
 * (node-llama-cpp's downloader: progress, resume of an interrupted download, the checks below).
 *
 * - A file already in `dirPath` that passes the checks below (without the hash) is returned
 *   at once, with no request.
 * - HTTP 404 and an unreachable host fail at once with a ModelDownloadError naming the URL.
 * - Cancelling keeps the partial file; the next call for the same file resumes it.
 * - Afterwards the file is checked without loading it: GGUF magic, size (`expectedSize`, else
 *   the size the server announced), a parsable header whose tensors fit in the file, and
 *   `sha256` when given. A file that fails is removed and ModelDownloadError ('corrupt') thrown.
 */
export async function downloadModel(options: DownloadModelOptions): Promise<string> {
  const { uri, dirPath, expectedSize, sha256, signal, onProgress } = options;
  throwIfAborted(signal);
  const remote = parseRemoteModel(uri);
  const url = remote && remoteUrl(remote, options.huggingFaceEndpoint ?? (process.env.HF_ENDPOINT?.trim() || undefined));
  const fileName = options.fileName ?? (remote && remoteFileName(remote));
  if (!url || !fileName || path.basename(fileName) !== fileName || fileName === '..' || fileName === '.') {
    throw new ModelDownloadError(
      `Cannot download ${uri}: use hf:<user>/<repo>/<file>.gguf or an http(s) URL of a .gguf file`,
      'unsupported-uri',
    );
  }
  return downloadFile({ url, dirPath, fileName, expectedSize, sha256, signal, onProgress, check: checkModelFile, wording: MODEL_WORDING });
}
