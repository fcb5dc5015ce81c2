import { ModelDownloadError } from '../errors';

// Error codes of a machine that cannot reach the host (Node's net/dns and undici's).
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** How download failures name what was asked for and say what to do instead. */
export interface DownloadWording {
  /** What is downloaded, capitalised: "Model", "Dataset". */
  noun: string;
  /** After "not found": what to check, e.g. "check the model URI". */
  notFound: string;
  /** After "access denied": what to do, e.g. "download it in a browser and choose the local file". */
  denied: string;
  /** After "no network": where to put the files instead (`dirPath` is the download folder). */
  offline: (dirPath: string) => string;
}

/** The wording for GGUF models (the default). */
export const MODEL_WORDING: DownloadWording = {
  noun: 'Model',
  notFound: 'check the model URI',
  denied: 'the model may be gated; download it in a browser and choose the local file',
  offline: (dirPath) => `put GGUF files in ${dirPath} or choose local files`,
};

/** The message for a download that cannot reach its host: where to put the files instead. */
export function noNetworkMessage(url: string, dirPath: string, code: string, wording: DownloadWording = MODEL_WORDING): string {
  return `Cannot reach ${hostOf(url)} (${code}) — no network: ${wording.offline(dirPath)}`;
}

/** A ModelDownloadError for an HTTP status that is not a success. */
export function httpFailure(url: string, status: number, statusText = '', wording: DownloadWording = MODEL_WORDING): ModelDownloadError {
  const what = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 404 || status === 410) return new ModelDownloadError(`${wording.noun} not found (${what}): ${url} — ${wording.notFound}`, 'not-found');
  if (status === 401 || status === 403) {
    return new ModelDownloadError(`Access denied (${what}): ${url} — ${wording.denied}`, 'failed');
  }
  return new ModelDownloadError(`Download failed (${what}): ${url}`, 'failed');
}

/**
 * Turns what fetch or node-llama-cpp's downloader threw into a ModelDownloadError that names
 * the URL: HTTP statuses (ipull's StatusCodeError carries `statusCode`), network failures
 * anywhere in the `cause` chain, anything else as a plain failure.
 */
export function downloadFailure(error: unknown, url: string, dirPath: string, wording: DownloadWording = MODEL_WORDING): ModelDownloadError {
  if (error instanceof ModelDownloadError) return error;
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number') return httpFailure(url, status, '', wording);
  const code = networkCode(error);
  if (code) return new ModelDownloadError(noNetworkMessage(url, dirPath, code, wording), 'no-network');
  return new ModelDownloadError(`Download failed: ${url} (${error instanceof Error ? error.message : String(error)})`, 'failed');
}

/** The first network error code in an error, its `cause` chain or its aggregated errors. */
export function networkCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  for (const inner of [cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = networkCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
