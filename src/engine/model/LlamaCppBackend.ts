import path from 'node:path';
import type {
  LlamaCompletion,
  LlamaCompletionResponse,
  LlamaContext,
  LlamaContextSequence,
  LlamaInfillGenerationOptions,
  LlamaModel,
} from 'node-llama-cpp';
import { AbortError, CascadeError, ModelLoadError, throwIfAborted } from '../errors';
import { assertGgufFile } from './assertGgufFile';
import { clipPrompt } from './clipPrompt';
import { defaultThreads } from './defaultThreads';
import { getLlamaRuntime, type LlamaRuntimeOptions } from './llamaRuntime';
import type { GenerateOptions, Generation, ModelBackend, ModelSpec } from './ModelBackend';
import { SerialQueue } from './SerialQueue';
import { tokenizeWindow } from './tokenizeWindow';

/** Context window when a tier sets none (tokens); capped at the model's training context. */
export const DEFAULT_CONTEXT_SIZE = 4096;
/** Nucleus cut-off when sampling and the caller sets none. */
const DEFAULT_TOP_P = 0.95;
// BOS plus the three FIM markers that node-llama-cpp adds around an infill prompt.
const PROMPT_SPECIAL_TOKENS = 4;

/** Options for {@link LlamaCppBackend} beyond the model spec. */
export type LlamaCppBackendOptions = LlamaRuntimeOptions;

/** What a backend holds, for leak checks (soak benchmark, tests). */
export interface LlamaCppBackendStats {
  /** A model and its context are loaded. */
  loaded: boolean;
  /** Context sequences in use: 1 while loaded (one sequence is reused), else 0. */
  sequencesInUse: number;
  /** Generations running or waiting their turn. */
  pending: number;
}

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
 *
 * Failure: a generation that fails for any other reason (llama.cpp reports an error, the
 * context was freed underneath) rejects with a CascadeError naming the model, and the loaded
 * model is dropped so that the next request loads it afresh instead of failing the same way.
 */
export class LlamaCppBackend implements ModelBackend {
  readonly name: string;
  private readonly queue = new SerialQueue();
  private loading?: Promise<LoadedModel>;
  private infill = false;
  private isDisposed = false;

  constructor(
    private readonly spec: ModelSpec,
    private readonly options: LlamaCppBackendOptions = {},
  ) {
    this.name = path.basename(spec.model);
  }

  get supportsInfill(): boolean {
    return this.infill;
  }

  /** True once `dispose()` was called: every later request rejects. */
  get disposed(): boolean {
    return this.isDisposed;
  }

  /** Loads the model once; a failed load is retried by the next call (the file may be fixed). */
  async load(signal?: AbortSignal): Promise<void> {
    await this.ensureLoaded(signal);
  }

  async generate(options: GenerateOptions): Promise<Generation> {
    const { signal } = options;
    // The model is fetched in the queue, not before: a failed generation ahead of this one
    // may have dropped it, and then this request loads it afresh.
    return this.queue.run(async () => {
      const loaded = await this.ensureLoaded(signal);
      try {
        return await this.runGeneration(loaded, options);
      } catch (error) {
        if (error instanceof AbortError) throw error;
        if (signal?.aborted) throw new AbortError();
        if (this.isDisposed) throw new AbortError(`Model ${this.name} was disposed.`);
        await this.unload(loaded);
        throw new CascadeError(`Model ${this.name} failed while generating: ${messageOf(error)} — it is reloaded for the next request`);
      }
    }, signal);
  }

  /** Counts of what is held now (see {@link LlamaCppBackendStats}). */
  async stats(): Promise<LlamaCppBackendStats> {
    const loaded = await this.loading?.catch(() => undefined);
    const context = loaded && !loaded.context.disposed ? loaded.context : undefined;
    return {
      loaded: context !== undefined,
      sequencesInUse: context ? context.totalSequences - context.sequencesLeft : 0,
      pending: this.queue.pending,
    };
  }

  async dispose(): Promise<void> {
    this.isDisposed = true;
    const loading = this.loading;
    this.loading = undefined;
    this.infill = false;
    const loaded = await loading?.catch(() => undefined);
    if (loaded) await release(loaded);
  }

  /** Drops `loaded` if it is still the current model, so that the next request loads afresh. */
  private async unload(loaded: LoadedModel): Promise<void> {
    const loading = this.loading;
    if (loading && (await loading.catch(() => undefined)) === loaded && this.loading === loading) {
      this.loading = undefined;
      this.infill = false;
    }
    await release(loaded).catch(() => undefined);
  }

  private async ensureLoaded(signal: AbortSignal | undefined): Promise<LoadedModel> {
    throwIfAborted(signal);
    if (this.isDisposed) throw new AbortError(`Model ${this.name} was disposed.`);
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
      if (!this.isDisposed) this.infill = infill;
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
    const budget = context.contextSize - maxTokens - PROMPT_SPECIAL_TOKENS;
    const tokenize = (text: string) => model.tokenize(text, false, 'trimLeadingSpace');
    // Each side needs at most the whole budget (when the other is empty); see clipPrompt.
    const prompt = clipPrompt(
      tokenizeWindow(options.prefix, budget, 'end', tokenize),
      infill ? tokenizeWindow(options.suffix ?? '', budget, 'start', tokenize) : [],
      budget,
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
    const response: LlamaCompletionResponse = infill
      ? await completion.generateInfillCompletionWithMeta(prompt.prefix, prompt.suffix, settings)
      : await completion.generateCompletionWithMeta(prompt.prefix, settings);
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

/** Frees a loaded model's context, then the model. */
async function release({ model, context }: LoadedModel): Promise<void> {
  try {
    await context.dispose();
  } finally {
    await model.dispose();
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
