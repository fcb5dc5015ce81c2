import path from 'node:path';
import type {
  LlamaCompletion,
  LlamaCompletionResponse,
  LlamaContext,
  LlamaContextSequence,
  LlamaInfillGenerationOptions,
  LlamaModel,
} from 'node-llama-cpp';
import { AbortError, ModelLoadError, throwIfAborted } from '../errors';
import { assertGgufFile } from './assertGgufFile';
import { clipPrompt } from './clipPrompt';
import { defaultThreads } from './defaultThreads';
import { getLlamaRuntime, type LlamaRuntimeOptions } from './llamaRuntime';
import type { GenerateOptions, Generation, ModelBackend, ModelSpec } from './ModelBackend';
import { SerialQueue } from './SerialQueue';

/** Context window when a tier sets none (tokens); capped at the model's training context. */
export const DEFAULT_CONTEXT_SIZE = 4096;
/** Nucleus cut-off when sampling and the caller sets none. */
const DEFAULT_TOP_P = 0.95;
// BOS plus the three FIM markers that node-llama-cpp adds around an infill prompt.
const PROMPT_SPECIAL_TOKENS = 4;

/** Options for {@link LlamaCppBackend} beyond the model spec. */
export type LlamaCppBackendOptions = LlamaRuntimeOptions;

interface LoadedModel {
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  completion: LlamaCompletion;
  infill: boolean;
}

/**
 * A GGUF model run in-process by node-llama-cpp. Loads lazily on the first `load()` or
 * `generate()`, keeps one context with one sequence, and runs one generation at a time.
 *
 * Cancellation: when `signal` fires, `generate()` rejects with AbortError (while queued, at
 * once; while generating, after the current token) — the cascade treats that as "no
 * completion", never as a result with partial text. `dispose()` during a generation also
 * ends it with AbortError.
 */
export class LlamaCppBackend implements ModelBackend {
  readonly name: string;
  private readonly queue = new SerialQueue();
  private loading?: Promise<LoadedModel>;
  private infill = false;
  private disposed = false;

  constructor(
    private readonly spec: ModelSpec,
    private readonly options: LlamaCppBackendOptions = {},
  ) {
    this.name = path.basename(spec.model);
  }

  get supportsInfill(): boolean {
    return this.infill;
  }

  /** Loads the model once; a failed load is retried by the next call (the file may be fixed). */
  async load(signal?: AbortSignal): Promise<void> {
    await this.ensureLoaded(signal);
  }

  async generate(options: GenerateOptions): Promise<Generation> {
    const loaded = await this.ensureLoaded(options.signal);
    return this.queue.run(() => this.runGeneration(loaded, options), options.signal);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const loading = this.loading;
    this.loading = undefined;
    this.infill = false;
    const loaded = await loading?.catch(() => undefined);
    if (!loaded) return;
    try {
      await loaded.context.dispose();
    } finally {
      await loaded.model.dispose();
    }
  }

  private async ensureLoaded(signal: AbortSignal | undefined): Promise<LoadedModel> {
    throwIfAborted(signal);
    if (this.disposed) throw new AbortError(`Model ${this.name} was disposed.`);
    this.loading ??= this.loadModel().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    // The load is shared by every caller, so one caller's abort stops its wait, not the load.
    return untilAborted(this.loading, signal);
  }

  private async loadModel(): Promise<LoadedModel> {
    const file = this.spec.model;
    await assertGgufFile(file);
    const { llama, LlamaCompletion } = await getLlamaRuntime(this.options);
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: file, gpuLayers: this.spec.gpuLayers ?? 'auto' });
    } catch (error) {
      throw new ModelLoadError(
        `Could not load model ${file}: ${messageOf(error)} — the file may be truncated or corrupt: download it again`,
      );
    }
    try {
      // Beyond its training window a model degrades; 0 means the GGUF does not say.
      const wanted = this.spec.contextSize ?? DEFAULT_CONTEXT_SIZE;
      const contextSize = Math.min(wanted, model.trainContextSize || wanted);
      const threads = this.spec.threads ?? defaultThreads();
      const context = await model.createContext({ contextSize, threads, sequences: 1 });
      const sequence = context.getSequence();
      const completion = new LlamaCompletion({ contextSequence: sequence });
      const infill = completion.infillSupported;
      if (!this.disposed) this.infill = infill;
      return { model, context, sequence, completion, infill };
    } catch (error) {
      await model.dispose();
      throw new ModelLoadError(
        `Could not create a context for model ${file}: ${messageOf(error)} — lower the tier's "contextSize" or "gpuLayers"`,
      );
    }
  }

  private async runGeneration(loaded: LoadedModel, options: GenerateOptions): Promise<Generation> {
    const { model, context, sequence, completion } = loaded;
    const { signal } = options;
    // At most half the window, so that some prompt always fits.
    const maxTokens = Math.max(1, Math.min(options.maxTokens, Math.floor(context.contextSize / 2)));
    const infill = options.suffix !== undefined && loaded.infill;
    const prompt = clipPrompt(
      model.tokenize(options.prefix, false, 'trimLeadingSpace'),
      infill ? model.tokenize(options.suffix ?? '', false, 'trimLeadingSpace') : [],
      context.contextSize - maxTokens - PROMPT_SPECIAL_TOKENS,
    );
    const settings: LlamaInfillGenerationOptions = {
      maxTokens,
      signal,
      // The prompt is clipped to leave maxTokens free, so node-llama-cpp must not trim it again.
      contextShiftSize: maxTokens,
      // Code repeats tokens on purpose (indentation, brackets, names); a penalty garbles it.
      repeatPenalty: false,
      customStopTriggers: options.stop?.length ? options.stop : undefined,
      ...samplingSettings(options),
    };
    const before = sequence.tokenMeter.getState();
    let response: LlamaCompletionResponse;
    try {
      response = infill
        ? await completion.generateInfillCompletionWithMeta(prompt.prefix, prompt.suffix, settings)
        : await completion.generateCompletionWithMeta(prompt.prefix, settings);
    } catch (error) {
      if (signal?.aborted || this.disposed) throw new AbortError();
      throw error;
    }
    // A signal that fired as the last token arrived still means the caller gave up.
    throwIfAborted(signal);
    return {
      text: response.response,
      // Sampled tokens, including any swallowed by a stop string: the cost actually paid.
      tokens: sequence.tokenMeter.diff(before).usedOutputTokens,
      stopReason: stopReasonOf(response),
      infill,
    };
  }
}

function samplingSettings(options: GenerateOptions): Partial<LlamaInfillGenerationOptions> {
  if (options.temperature <= 0) return { temperature: 0 };
  return { temperature: options.temperature, topP: options.topP ?? DEFAULT_TOP_P, seed: options.seed };
}

function stopReasonOf(response: LlamaCompletionResponse): Generation['stopReason'] {
  switch (response.metadata.stopReason) {
    case 'customStopTrigger':
      return 'stop';
    case 'maxTokens':
      return 'maxTokens';
    default:
      // eogToken, or a grammar's stop trigger (no grammar is used): the model ended the text.
      // 'abort' needs stopOnAbortSignal, which is off: an abort throws instead.
      return 'eos';
  }
}

/** Waits for `promise`, but rejects with AbortError as soon as `signal` fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
