import { AbortError } from '../../src/engine/errors';
import type { GenerateOptions, Generation, ModelBackend } from '../../src/engine/model/ModelBackend';

/** Answers a generation request: the text the "model" writes. */
export type Script = (options: GenerateOptions, call: number) => string;

/**
 * A model backend for unit tests of the cascade's logic: it writes what a script says, behind
 * the same interface as the node-llama-cpp backend. Tokens are counted as whitespace-split words.
 * With `latencyMs`, each generation takes that long and an abort meanwhile rejects it at once.
 */
export class ScriptedBackend implements ModelBackend {
  readonly supportsInfill = true;
  readonly calls: GenerateOptions[] = [];
  loads = 0;
  disposed = false;

  constructor(
    readonly name: string,
    private readonly script: Script,
    private readonly latencyMs = 0,
  ) {}

  async load(): Promise<void> {
    this.loads++;
  }

  async generate(options: GenerateOptions): Promise<Generation> {
    if (options.signal?.aborted) throw new AbortError();
    if (this.latencyMs > 0) await wait(this.latencyMs, options.signal);
    this.calls.push(options);
    const text = this.script(options, this.calls.length - 1);
    return { text, tokens: text.split(/\s+/).filter(Boolean).length, stopReason: 'eos', infill: options.suffix !== undefined };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

/** Resolves after `ms`, or rejects with AbortError (leaving no timer behind) when `signal` fires. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
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

/** True when the request is a test-generation prompt (see buildTestPrompt). */
export const isTestPrompt = (options: GenerateOptions): boolean => options.prefix.includes('// Create a set of tests for ');
