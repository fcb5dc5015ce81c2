import type { GenerateOptions, Generation } from './ModelBackend';

/** A `stopAt` callback failed: the caller's error, not the model's. */
export class StopAtFailure extends Error {
  constructor(readonly error: unknown) {
    super(`stopAt failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Where a watched stream was cut, and why. */
export interface StreamCut {
  text: string;
  reason: Extract<Generation['stopReason'], 'stop' | 'complete'>;
}

/**
 * Watches a generation's text stream and stops it as soon as it has what the caller wants: the
 * first stop string, or the length `stopAt` resolves to. It stops the generation through its own
 * abort signal, which also fires when the caller's signal does — afterwards, the caller's
 * signal tells a cancellation from a stop. Stop strings are found here rather than by
 * node-llama-cpp, which would hold back text that could begin one (every newline, for
 * `\n\n\n`) and so delay `stopAt` by a token.
 */
export class StreamStopper {
  private readonly controller = new AbortController();
  private readonly pending: Promise<void>[] = [];
  private readonly longestStop: number;
  private text = '';
  private cut?: StreamCut['reason'];
  private cutAt = Infinity;
  private failure?: StopAtFailure;
  private readonly onCallerAbort = (): void => this.controller.abort();

  /** @param tokens tokens generated so far (passed to `stopAt`) */
  constructor(
    private readonly options: Pick<GenerateOptions, 'stop' | 'stopAt' | 'signal'>,
    private readonly tokens: () => number,
  ) {
    this.longestStop = Math.max(0, ...(options.stop ?? []).map((stop) => stop.length));
    options.signal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (options.signal?.aborted) this.controller.abort();
  }

  /** Aborts when the stream should stop (or the caller cancelled). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Feeds the next chunk of generated text (node-llama-cpp's `onTextChunk`). */
  readonly onText = (chunk: string): void => {
    if (this.cut !== undefined || this.failure) return;
    const from = this.text.length;
    this.text += chunk;
    const stop = this.firstStop(from);
    if (stop !== undefined) return this.stop(stop, 'stop');
    if (!this.options.stopAt) return;
    try {
      const length = this.options.stopAt(this.text, this.tokens());
      if (typeof length === 'number') this.stop(length, 'complete');
      else if (length) {
        const check = length.then((n) => {
          if (n !== undefined) this.stop(n, 'complete');
        }, (error: unknown) => this.fail(error));
        this.pending.push(check);
      }
    } catch (error) {
      this.fail(error);
    }
  };

  /**
   * Waits for the `stopAt` checks still running (the stream may have ended meanwhile) and
   * returns the cut, if any; rethrows a failed check as {@link StopAtFailure}.
   */
  async finish(): Promise<StreamCut | undefined> {
    await Promise.all(this.pending);
    this.dispose();
    if (this.failure) throw this.failure;
    return this.cut === undefined ? undefined : { text: this.text.slice(0, this.cutAt), reason: this.cut };
  }

  /** Stops listening to the caller's signal. */
  dispose(): void {
    this.options.signal?.removeEventListener('abort', this.onCallerAbort);
  }

  private firstStop(from: number): number | undefined {
    let first: number | undefined;
    // Only text that arrived with this chunk can complete a stop string.
    const searchFrom = Math.max(0, from - this.longestStop + 1);
    for (const stop of this.options.stop ?? []) {
      if (!stop) continue;
      const at = this.text.indexOf(stop, searchFrom);
      if (at !== -1 && (first === undefined || at < first)) first = at;
    }
    return first;
  }

  private stop(length: number, reason: StreamCut['reason']): void {
    const at = Math.max(0, Math.min(length, this.text.length));
    // Checks that resolve late may name an earlier cut: the earliest wins.
    if (at < this.cutAt) [this.cutAt, this.cut] = [at, reason];
    this.controller.abort();
  }

  private fail(error: unknown): void {
    this.failure ??= new StopAtFailure(error);
    this.controller.abort();
  }
}
