// One-line messages for everything that can go wrong talking to a server. Pure.
import { ServerError, type ServerFailure } from './ServerError';

/** Who the messages name. */
export interface ServerAddress {
  /** Base URL without a trailing slash. */
  base: string;
  /** host:port, for messages. */
  host: string;
  model?: string;
}

const where = (address: ServerAddress): string => `Server ${address.host}${address.model ? ` (model "${address.model}")` : ''}`;

/** A fetch that failed without a response, or a body that broke off. */
export function connectionFailure(address: ServerAddress, path: string, error: unknown, beforeResponse: boolean): ServerError {
  const code = errorCode(error);
  if (beforeResponse && code === 'ECONNREFUSED') {
    return new ServerError(`${where(address)}: connection refused at ${address.base} — start the server or fix the tier's "server" URL`, 'refused');
  }
  if (beforeResponse && (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')) {
    return new ServerError(`${where(address)}: cannot reach ${address.host} (${code}) — check the tier's "server" URL and the network`, 'unreachable');
  }
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  if (beforeResponse) {
    return new ServerError(`${where(address)}: the connection closed before ${path} was answered (${detail}) — check the server's log if this repeats`, 'reset');
  }
  return new ServerError(`${where(address)}: the connection dropped during ${path} (${detail}) — the server may have restarted; it is tried again on the next request`, 'truncated');
}

/** A response with an error status. `text` is its body (an OpenAI or llama-server error object, or anything). */
export function errorFromResponse(address: ServerAddress, path: string, response: Pick<Response, 'status' | 'headers'>, text: string, sentKey: boolean): ServerError {
  const { status } = response;
  const said = serverMessage(text);
  const detail = said ? `: ${said}` : '';
  const header = response.headers.get('retry-after')?.trim();
  const retryAfter = header ? Number(header) : NaN;
  const wait = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined;
  const error = (message: string, failure: ServerFailure) => new ServerError(`${where(address)}: ${message}`, failure, status, wait);
  if (status === 401 || status === 403) {
    const fix = sentKey ? 'the API key was refused: set the right one ("Cascade: set server API key", or the tier\'s apiKeyEnv variable)' : 'it wants an API key: "Cascade: set server API key", or name an environment variable in the tier\'s "apiKeyEnv"';
    return error(`${status} ${status === 401 ? 'unauthorized' : 'forbidden'} — ${fix}`, 'auth');
  }
  if (status === 404 && /model/i.test(said ?? '')) return error(`404 model not found${detail} — fix the tier's "model" to a name the server serves`, 'model');
  if (status === 404) return error(`404 for ${path} — is ${address.base} an OpenAI-compatible server (llama-server, vLLM, Ollama, LM Studio, TGI)?`, 'endpoint');
  if (status === 429) return error(`429 too many requests${detail} — the server is busy; this tier is skipped for this request`, 'busy');
  if (status >= 500) return error(`${status} server error${detail} — this tier is skipped for this request; check the server's log`, 'server');
  return error(`${status} for ${path}${detail}`, 'rejected');
}

/** An error object sent inside a stream (`data: {"error": …}`). */
export function errorFromStream(address: ServerAddress, path: string, payload: unknown): ServerError {
  const record = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const code = typeof record.code === 'number' ? record.code : 500;
  const message = typeof record.message === 'string' ? record.message : JSON.stringify(payload);
  // Not retried: the stream had started.
  return errorFromResponse(address, path, { status: code, headers: new Headers() }, JSON.stringify({ error: { message } }), false);
}

/** The `message` of an OpenAI-style (`{"error": {"message"}}`), vLLM (`{"message"}`) or TGI (`{"error": "…"}`) error body, one line. */
function serverMessage(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const line = text.trim().split(/\r\n|\r|\n/)[0];
    return line ? line.slice(0, 200) : undefined;
  }
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const inner = record.error;
  const message = typeof inner === 'string' ? inner : typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>).message : record.message;
  return typeof message === 'string' ? message.replace(/\s+/g, ' ').slice(0, 200) : undefined;
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
