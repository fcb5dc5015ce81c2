import { abortableDelay, AbortError } from '../../src/engine/errors';
import type { GenerateOptions, Generation, ModelBackend } from '../../src/engine/model/ModelBackend';

/** Answers a generation request: the text the "model" writes. */
export type Script = (options: GenerateOptions, call: number) => string;

/**
 * A model backend for unit tests of the cascade's logic: it writes what a script says, behind
 * the same interface as the node-llama-cpp backend. The text streams as words, each with the
 * whitespace after it, and a word is a token. Like the real backend it stops at the first stop
 * string and where `stopAt` says (stopReason 'complete'), and counts the tokens streamed until
 * then. With `latencyMs`, each generation takes that long and an abort meanwhile rejects it at
 * once. With `parallel`, `generateMany` runs its requests together (in request order, as
 * parallel sequences would answer) and the backend says it decodes in parallel.
 */
export class ScriptedBackend implements ModelBackend {
  readonly supportsInfill = true;
  readonly calls: GenerateOptions[] = [];
  /** Sizes of the batches `generateMany` was given. */
  readonly batches: number[] = [];
  loads = 0;
  disposed = false;

  constructor(
    readonly name: string,
    private readonly script: Script,
    private readonly latencyMs = 0,
    readonly parallel = false,
  ) {}

  async load(): Promise<void> {
    this.loads++;
  }

  async generate(options: GenerateOptions): Promise<Generation> {
    if (options.signal?.aborted) throw new AbortError();
    if (this.latencyMs > 0) await abortableDelay(this.latencyMs, options.signal);
    this.calls.push(options);
    return stream(this.script(options, this.calls.length - 1), options);
  }

  async generateMany(requests: GenerateOptions[]): Promise<Generation[]> {
    this.batches.push(requests.length);
    if (!this.parallel) {
      const generations: Generation[] = [];
      for (const request of requests) generations.push(await this.generate(request));
      return generations;
    }
    if (requests.some((request) => request.signal?.aborted)) throw new AbortError();
    if (this.latencyMs > 0) await abortableDelay(this.latencyMs, requests[0].signal);
    const texts = requests.map((request) => this.script(request, this.calls.push(request) - 1));
    return Promise.all(requests.map((request, i) => stream(texts[i], request)));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

/** Streams `text` word by word into the request's stop strings and `stopAt`, as a model would. */
async function stream(text: string, options: GenerateOptions): Promise<Generation> {
  const infill = options.suffix !== undefined;
  // Leading whitespace rides with the first word, so a token is a whitespace-split word.
  const chunks = text.match(/^\s*\S+\s*|\S+\s*/g) ?? [];
  let sofar = '';
  for (const [i, chunk] of chunks.entries()) {
    sofar += chunk;
    const stops = (options.stop ?? []).map((stop) => sofar.indexOf(stop)).filter((at) => at !== -1);
    if (stops.length > 0) return { text: sofar.slice(0, Math.min(...stops)), tokens: i + 1, stopReason: 'stop', infill };
    const at = await options.stopAt?.(sofar, i + 1);
    if (at !== undefined) return { text: sofar.slice(0, at), tokens: i + 1, stopReason: 'complete', infill };
  }
  return { text, tokens: chunks.length, stopReason: 'eos', infill };
}


/** True when the request is a test-generation prompt (see buildTestPrompt). */
export const isTestPrompt = (options: GenerateOptions): boolean => options.prefix.includes('// Create a set of tests for ');
