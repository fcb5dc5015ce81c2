import { AbortError } from '../../src/engine/errors';
import type { GenerateOptions, Generation, ModelBackend } from '../../src/engine/model/ModelBackend';

/** Answers a generation request: the text the "model" writes. */
export type Script = (options: GenerateOptions, call: number) => string;

/**
 * A model backend for unit tests of the cascade's logic: it writes what a script says, behind
 * the same interface as the node-llama-cpp backend. Tokens are counted as whitespace-split words.
 */
export class ScriptedBackend implements ModelBackend {
  readonly supportsInfill = true;
  readonly calls: GenerateOptions[] = [];
  loads = 0;
  disposed = false;

  constructor(
    readonly name: string,
    private readonly script: Script,
  ) {}

  async load(): Promise<void> {
    this.loads++;
  }

  async generate(options: GenerateOptions): Promise<Generation> {
    if (options.signal?.aborted) throw new AbortError();
    this.calls.push(options);
    const text = this.script(options, this.calls.length - 1);
    return { text, tokens: text.split(/\s+/).filter(Boolean).length, stopReason: 'eos', infill: options.suffix !== undefined };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

/** True when the request is a test-generation prompt (see buildTestPrompt). */
export const isTestPrompt = (options: GenerateOptions): boolean => options.prefix.includes('Create a set of tests for this function:');
