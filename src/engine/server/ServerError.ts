import { CascadeError } from '../errors';

/** What went wrong talking to an inference server. */
export type ServerFailure =
  | 'refused' // nothing listens at the address
  | 'unreachable' // the host name does not resolve or the network has no route
  | 'reset' // the connection closed before any answer (a reused keep-alive connection the server had dropped)
  | 'timeout' // no first token (or next chunk) within the tier's timeoutMs
  | 'auth' // 401/403
  | 'model' // the server does not serve the tier's model
  | 'endpoint' // the server has no such endpoint: not an OpenAI-compatible server
  | 'busy' // 429, after one retry
  | 'server' // 5xx, after one retry
  | 'rejected' // another 4xx: the server refused the request
  | 'malformed' // a response that is not the JSON it should be
  | 'truncated'; // the stream ended (or the connection dropped) before the answer did

/**
 * A server tier failed. The message is one line naming the server (and model) and what to
 * do; the cascade shows it against the tier and goes on with the others.
 */
export class ServerError extends CascadeError {
  constructor(
    message: string,
    readonly failure: ServerFailure,
    /** The HTTP status, when there was a response. */
    readonly status?: number,
    /** How long the server asked to wait before a retry (its Retry-After header). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Whether one more try may succeed (a busy or failing server, or a connection closed before it answered). */
  get retryable(): boolean {
    return this.failure === 'busy' || this.failure === 'server' || this.failure === 'reset';
  }
}
