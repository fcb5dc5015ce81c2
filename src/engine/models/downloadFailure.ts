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

/** The message for a download that cannot reach its host: where to put the files instead. */
export function noNetworkMessage(url: string, dirPath: string, code: string): string {
  return `Cannot reach ${hostOf(url)} (${code}) — no network: put GGUF files in ${dirPath} or choose local files`;
}

/** A ModelDownloadError for an HTTP status that is not a success. */
export function httpFailure(url: string, status: number, statusText = ''): ModelDownloadError {
  const what = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 404 || status === 410) return new ModelDownloadError(`Model not found (${what}): ${url} — check the model URI`, 'not-found');
  if (status === 401 || status === 403) {
    return new ModelDownloadError(`Access denied (${what}): ${url} — the model may be gated; download it in a browser and choose the local file`, 'failed');
  }
  return new ModelDownloadError(`Download failed (${what}): ${url}`, 'failed');
}

/**
 * Turns what fetch or node-llama-cpp's downloader threw into a ModelDownloadError that names
 * the URL: HTTP statuses (ipull's StatusCodeError carries `statusCode`), network failures
 * anywhere in the `cause` chain, anything else as a plain failure.
 */
export function downloadFailure(error: unknown, url: string, dirPath: string): ModelDownloadError {
  if (error instanceof ModelDownloadError) return error;
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number') return httpFailure(url, status);
  const code = networkCode(error);
  if (code) return new ModelDownloadError(noNetworkMessage(url, dirPath, code), 'no-network');
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
