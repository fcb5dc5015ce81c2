import { AbortError } from '../errors';
import { downloadFailure, httpFailure, type DownloadWording } from './downloadFailure';

/** What the server says about a file before it is downloaded. */
export interface RemoteFileInfo {
  /** Size of the whole file in bytes; undefined when the server does not say. */
  totalBytes?: number;
}

/**
 * Asks for the first byte of `url` (following redirects) to learn whether the file exists and
 * how large it is, in one quick request that honours `signal`. node-llama-cpp's downloader
 * retries an unreachable host for minutes, so this is what turns "no network" and HTTP 404
 * into an immediate, clear ModelDownloadError.
 * @param dirPath the download folder, named in the "no network" message
 * @param wording how the messages name the file (default: a model)
 */
export async function probeUrl(url: string, dirPath: string, signal?: AbortSignal, wording?: DownloadWording): Promise<RemoteFileInfo> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { range: 'bytes=0-0', 'accept-encoding': 'identity' }, redirect: 'follow', signal });
  } catch (error) {
    if (signal?.aborted) throw new AbortError();
    throw downloadFailure(error, url, dirPath, wording);
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status === 206) return { totalBytes: rangeTotal(response.headers.get('content-range')) };
  if (response.ok) return { totalBytes: byteCount(response.headers.get('content-length')) };
  if (response.status === 416) return { totalBytes: rangeTotal(response.headers.get('content-range')) ?? 0 };
  throw httpFailure(url, response.status, response.statusText, wording);
}

/** The total size in a `Content-Range: bytes 0-0/1234` header. */
function rangeTotal(header: string | null): number | undefined {
  return byteCount(/\/(\d+)\s*$/.exec(header ?? '')?.[1] ?? null);
}

function byteCount(text: string | null): number | undefined {
  const n = text === null ? Number.NaN : Number(text);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
