import path from 'node:path';
import type {
  LlamaCompletion,
  LlamaCompletionResponse,
  LlamaContext,
  LlamaContextSequence,
  LlamaInfillGenerationOptions,
  LlamaModel,
  Token,
} from 'node-llama-cpp';
import { AbortError, CascadeError, ModelLoadError, throwIfAborted, untilAborted } from '../errors';
import { assertGgufFile } from './assertGgufFile';
import { defaultThreads } from './defaultThreads';
import { getLlamaRuntime, type LlamaRuntimeOptions } from './llamaRuntime';
import { DEFAULT_SUFFIX_LINES, type GenerateOptions, type Generation, type ModelBackend, type ModelSpec } from './ModelBackend';
import { promptWindow, type WindowedPrompt } from './promptWindow';
import { SerialQueue } from './SerialQueue';
import { StopAtFailure, type StreamCut, StreamStopper } from './StreamStopper';

/** Context window when a tier sets none (tokens); capped at the model's training context. */
export const DEFAULT_CONTEXT_SIZE = 4096;
/**
 * Share of the context kept free for generated tokens (and the cap on maxTokens). Fixed, so the
 * prompt window does not depend on how many tokens a request wants: the fast path and the
 * cascade send the same prompt and reuse each other's KV cache.
 */
export const GENERATION_SHARE = 1 / 4;
/** Most sequences per prompt kind when samples run in parallel (each holds a whole context of KV cache). */
export const MAX_PARALLEL_SAMPLES = 8;
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
  /** Context sequences in use (they are created on first use and reused), else 0. */
  sequencesInUse: number;
  /** Generations running or waiting their turn. */
  pending: number;
}

/**
 * Requests with a suffix (the document: fill-in-the-middle, or its prefix alone when the model
 * has no FIM tokens) and without one (test prompts) keep their own sequences, so one kind of
 * prompt never evicts the other from the KV cache.
 */
type PromptKind = 'document' | 'plain';

interface Slot {
  sequence: LlamaContextSequence;
  completion: LlamaCompletion;
}

/** The sequences of one prompt kind: the first serves single requests, all of them parallel samples. */
interface Lane {
  slots: Slot[];
  /** The prefix window of the kind's last prompt (see promptWindow). */
  window?: string;
}

interface LoadedModel {
  model: LlamaModel;
  context: LlamaContext;
  newCompletion: (sequence: LlamaContextSequence) => LlamaCompletion;
  infill: boolean;
  /** Sequences per prompt kind: parallel samples, or 1 when samples run one after another. */
  width: number;
  lanes: Record<PromptKind, Lane>;
}

/**
 * A GGUF model run in-process by node-llama-cpp. Loads lazily on the first `load()` or
 * `generate()` and runs one request at a time. Its context keeps a sequence per prompt kind
 * (document, tests) — and, when samples run in parallel, k of each — whose KV caches are
 * reused by the next request: only the tokens after the first that changed are evaluated.
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
  private parallelSamples = false;
  private samples: number;
  private isDisposed = false;

  constructor(
    private readonly spec: ModelSpec,
    private readonly options: LlamaCppBackendOptions = {},
  ) {
    this.name = path.basename(spec.model);
    this.samples = Math.max(1, spec.samples ?? 1);
  }

  get supportsInfill(): boolean {
    return this.infill;
  }

  /** True once loaded when samples decode as parallel sequences (see ModelSpec.parallelSamples). */
  get parallel(): boolean {
    return this.parallelSamples;
  }

  /** True once `dispose()` was called: every later request rejects. */
  get disposed(): boolean {
    return this.isDisposed;
  }

  /**
   * Asks for room for `samples` parallel samples per prompt (a tier with a larger k shares this
   * model). Takes effect when the model is next loaded; until then larger batches run in waves.
   */
  reserveSamples(samples: number): void {
    this.samples = Math.max(this.samples, samples);
  }

  /** Loads the model once; a failed load is retried by the next call (the file may be fixed). */
  async load(signal?: AbortSignal): Promise<void> {
    await this.ensureLoaded(signal);
  }

  async generate(options: GenerateOptions): Promise<Generation> {
    const [generation] = await this.runQueued([options]);
    return generation;
  }

  /** Runs `requests` as parallel sequences when {@link parallel}, else one after another; see ModelBackend.generateMany. */
  generateMany(requests: GenerateOptions[]): Promise<Generation[]> {
    return requests.length === 0 ? Promise.resolve([]) : this.runQueued(requests);
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
    this.parallelSamples = false;
    const loaded = await loading?.catch(() => undefined);
    if (loaded) await release(loaded);
  }

  /** One turn of the queue for `requests` (all governed by the first one's signal while waiting). */
  private runQueued(requests: GenerateOptions[]): Promise<Generation[]> {
    const { signal } = requests[0];
    // The model is fetched in the queue, not before: a failed generation ahead of this one
    // may have dropped it, and then this request loads it afresh.
    return this.queue.run(async () => {
      const loaded = await this.ensureLoaded(signal);
      try {
        return await this.runBatch(loaded, requests);
      } catch (error) {
        if (error instanceof StopAtFailure) throw error.error;
        if (error instanceof AbortError) throw error;
        if (requests.some((request) => request.signal?.aborted)) throw new AbortError();
        if (this.isDisposed) throw new AbortError(`Model ${this.name} was disposed.`);
        await this.unload(loaded);
        throw new CascadeError(`Model ${this.name} failed while generating: ${messageOf(error)} — it is reloaded for the next request`);
      }
    }, signal);
  }

  /** Runs the requests in waves of the lane's width: together when parallel, one by one otherwise. */
  private async runBatch(loaded: LoadedModel, requests: GenerateOptions[]): Promise<Generation[]> {
    const results: Generation[] = [];
    for (let first = 0; first < requests.length; first += loaded.width) {
      const wave = requests.slice(first, first + loaded.width);
      const settled = await Promise.allSettled(wave.map((request, i) => this.runOne(loaded, request, i)));
      for (const outcome of settled) {
        if (outcome.status === 'rejected') throw outcome.reason;
        results.push(outcome.value);
      }
    }
    return results;
  }

  /** Drops `loaded` if it is still the current model, so that the next request loads afresh. */
  private async unload(loaded: LoadedModel): Promise<void> {
    const loading = this.loading;
    if (loading && (await loading.catch(() => undefined)) === loaded && this.loading === loading) {
      this.loading = undefined;
      this.infill = false;
      this.parallelSamples = false;
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
      const mode = this.spec.parallelSamples ?? 'auto';
      // On a CPU, parallel sequences decode no faster than one after another (measured), and each costs a context of memory.
      const parallel = mode === 'on' || (mode === 'auto' && model.gpuLayers > 0);
      const context = await createContext(model, { contextSize, threads }, parallel ? Math.min(MAX_PARALLEL_SAMPLES, this.samples) : 1);
      const width = Math.max(1, Math.floor(context.totalSequences / 2));
      const newCompletion = (contextSequence: LlamaContextSequence) => new LlamaCompletion({ contextSequence });
      const document: Lane = { slots: [] };
      // With memory for one sequence only, both kinds of prompt share it, as they did before.
      const plain: Lane = { slots: context.totalSequences >= 2 ? [] : document.slots };
      const loaded: LoadedModel = { model, context, newCompletion, infill: false, width, lanes: { document, plain } };
      loaded.infill = slotOf(loaded, 'document', 0).completion.infillSupported;
      if (!this.isDisposed) [this.infill, this.parallelSamples] = [loaded.infill, width > 1];
      return loaded;
    } catch (error) {
      await model.dispose();
      throw new ModelLoadError(
        `Could not create a context for model ${file}: ${messageOf(error)} — lower the tier's "contextSize" or "gpuLayers"`,
      );
    }
  }

  /** One generation on sequence `index` of its prompt kind. */
  private async runOne(loaded: LoadedModel, options: GenerateOptions, index: number): Promise<Generation> {
    const { context } = loaded;
    const { signal } = options;
    throwIfAborted(signal);
    const reserve = Math.max(1, Math.floor(context.contextSize * GENERATION_SHARE));
    const maxTokens = Math.max(1, Math.min(options.maxTokens, reserve));
    const kind: PromptKind = options.suffix !== undefined ? 'document' : 'plain';
    const infill = kind === 'document' && loaded.infill;
    const prompt = this.promptFor(loaded, kind, options, context.contextSize - reserve - PROMPT_SPECIAL_TOKENS, infill);
    const { sequence, completion } = slotOf(loaded, kind, index);
    const before = sequence.tokenMeter.getState();
    const stopper = new StreamStopper(options, () => sequence.tokenMeter.diff(before).usedOutputTokens);
    const settings: LlamaInfillGenerationOptions = {
      maxTokens,
      signal: stopper.signal,
      // A stop (or a stop string) ends the generation with what it has; a cancellation is told apart by the caller's signal.
      stopOnAbortSignal: true,
      onTextChunk: stopper.onText,
      // The prompt is clipped to leave `reserve` tokens free, so node-llama-cpp must not trim it again.
      contextShiftSize: reserve,
      // Code repeats tokens on purpose (indentation, brackets, names); a penalty garbles it.
      repeatPenalty: false,
      ...samplingSettings(options),
    };
    let response: LlamaCompletionResponse;
    let cut: StreamCut | undefined;
    try {
      response = infill
        ? await completion.generateInfillCompletionWithMeta(prompt.prefix, prompt.suffix, settings)
        : await completion.generateCompletionWithMeta(prompt.prefix, settings);
      cut = await stopper.finish();
    } finally {
      stopper.dispose();
    }
    // A signal that fired as the last token arrived still means the caller gave up.
    throwIfAborted(signal);
    const used = sequence.tokenMeter.diff(before);
    return {
      text: cut ? cut.text : response.response,
      // Sampled tokens, including any after the stop point: the cost actually paid.
      tokens: used.usedOutputTokens,
      stopReason: cut ? cut.reason : stopReasonOf(response),
      infill,
      // The prompt's last token is decoded with logits, so the meter counts it as output.
      prompt: { tokens: prompt.prefix.length + prompt.suffix.length, evaluated: used.usedInputTokens + (used.usedOutputTokens > 0 ? 1 : 0) },
    };
  }

  /** The request's prompt in its kind's window, which it then moves along (see promptWindow). */
  private promptFor(loaded: LoadedModel, kind: PromptKind, options: GenerateOptions, budget: number, infill: boolean): WindowedPrompt<Token> {
    const lane = loaded.lanes[kind];
    const tokenize = (text: string) => loaded.model.tokenize(text, false, 'trimLeadingSpace');
    const suffixLines = this.spec.suffixLines ?? DEFAULT_SUFFIX_LINES;
    const prompt = promptWindow(options.prefix, infill ? options.suffix : undefined, { budget, suffixLines, previous: lane.window }, tokenize);
    lane.window = prompt.window;
    return prompt;
  }
}

/**
 * A context with two sequences per parallel sample (one per prompt kind); when that does not
 * fit in memory, fewer — at least one — so that a model that loads with one sequence still loads.
 */
async function createContext(model: LlamaModel, options: { contextSize: number; threads: number }, width: number): Promise<LlamaContext> {
  let failure: unknown;
  for (const sequences of new Set([2 * width, 2, 1])) {
    try {
      return await model.createContext({ ...options, sequences });
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** Sequence `index` of a prompt kind, created on first use. */
function slotOf(loaded: LoadedModel, kind: PromptKind, index: number): Slot {
  const { slots } = loaded.lanes[kind];
  while (slots.length <= index) {
    const sequence = loaded.context.getSequence();
    slots.push({ sequence, completion: loaded.newCompletion(sequence) });
  }
  return slots[index];
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
    case 'maxTokens':
      return 'maxTokens';
    case 'abort':
      // Only the caller's abort is left once stops are handled, and that one throws.
      return 'abort';
    default:
      // eogToken, or a grammar's stop trigger (no grammar is used): the model ended the text.
      return 'eos';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
