/**
 * Errors the engine raises on purpose. Each message says what went wrong and what to do;
 * the CLI prints it as one line and the editor shows it once.
 */
export class CascadeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A tiers file or setting does not validate. */
export class ConfigError extends CascadeError {}

/** A model file is missing, unreadable or not a usable GGUF. */
export class ModelLoadError extends CascadeError {}

/** Why a model download failed, for callers that offer a next step (e.g. "choose local files"). */
export type ModelDownloadFailure = 'not-found' | 'no-network' | 'failed' | 'corrupt' | 'unsupported-uri';

/** A model or benchmark dataset could not be downloaded, or the downloaded file failed verification (and was removed). */
export class ModelDownloadError extends CascadeError {
  constructor(
    message: string,
    readonly reason: ModelDownloadFailure,
  ) {
    super(message);
  }
}

/** The cursor is not inside a function the engine can complete. */
export class NoFunctionError extends CascadeError {}

/** Work was cancelled through its AbortSignal. Treated as a quiet "no completion". */
export class AbortError extends CascadeError {
  constructor(message = 'The operation was cancelled.') {
    super(message);
  }
}

/** Throws AbortError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError();
}

/** Waits for `promise`, but rejects with AbortError as soon as `signal` fires (the work itself goes on). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Resolves after `ms`, or rejects with AbortError (leaving no timer behind) when `signal` fires. */
export function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A benchmark dataset or a recorded run file does not have the expected format. */
export class DataFormatError extends CascadeError {}
