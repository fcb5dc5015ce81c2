/** Options for one generation. */
export interface GenerateOptions {
  /** Text before the insertion point. */
  prefix: string;
  /**
   * Text after the insertion point. When given and the model has fill-in-the-middle
   * tokens, the backend asks for an infill; otherwise it completes `prefix` alone.
   */
  suffix?: string;
  /** Upper bound on generated tokens. */
  maxTokens: number;
  /** 0 means greedy decoding. */
  temperature: number;
  /** Nucleus sampling cut-off; ignored when greedy. Default 0.95 (the paper's value). */
  topP?: number;
  /** Sampling seed, for repeatable runs. */
  seed?: number;
  /** Generation stops before any of these strings; the stop string is not returned. */
  stop?: string[];
  /**
   * Called with the text generated so far whenever it grows, and the tokens generated until
   * then; when it resolves to a length n, the generation stops and returns text.slice(0, n)
   * with stopReason 'complete' — tokens count what was generated until it stopped. Used to
   * stop a candidate once the function is complete and a test sample after its t-th assert.
   * It runs on the caller's thread for every chunk: keep the common case synchronous and cheap.
   */
  stopAt?: (text: string, tokens: number) => number | undefined | Promise<number | undefined>;
  signal?: AbortSignal;
}

/** What a generation produced. */
export interface Generation {
  text: string;
  /** Tokens generated (the cost measure). */
  tokens: number;
  /** Why generation stopped ('complete': `stopAt` said so). */
  stopReason: 'eos' | 'stop' | 'complete' | 'maxTokens' | 'abort';
  /** Whether fill-in-the-middle was used. */
  infill: boolean;
  /**
   * The prompt's size and how many of its tokens had to be evaluated (the rest were reused
   * from the KV cache), when the backend knows.
   */
  prompt?: { tokens: number; evaluated: number };
}

/**
 * A loaded (or lazily loading) language model. Implementations serialise generations:
 * at most one runs at a time per model.
 */
export interface ModelBackend {
  /** A short name for logs and traces (the file name). */
  readonly name: string;
  /** Loads the model if needed; resolves once it can generate. */
  load(signal?: AbortSignal): Promise<void>;
  /** True once loaded and the model has FIM tokens. */
  readonly supportsInfill: boolean;
  generate(options: GenerateOptions): Promise<Generation>;
  /**
   * True once loaded when {@link generateMany} decodes its requests as parallel sequences of
   * one context (on a GPU, or with `parallelSamples` 'on'); false or absent: one after another.
   */
  readonly parallel?: boolean;
  /**
   * Several generations at once — the k samples of one prompt — as parallel sequences when
   * {@link parallel}, else one after another. Results are in request order; each request keeps
   * its own seed and `stopAt`. When `parallel` is false, `generate` one request at a time does
   * the same work and lets the caller look at each result before asking for the next.
   */
  generateMany?(requests: GenerateOptions[]): Promise<Generation[]>;
  dispose(): Promise<void>;
}

/** Creates (or returns a cached) backend for a tier's model settings. */
export interface ModelProvider {
  get(spec: ModelSpec): ModelBackend;
  dispose(): Promise<void>;
}

/** Everything that identifies one loaded model instance. */
export interface ModelSpec {
  /** Local `.gguf` path (already resolved). */
  model: string;
  gpuLayers?: number | 'auto';
  contextSize?: number;
  threads?: number;
  /**
   * Whether k samples decode as parallel sequences of one context: 'auto' (default) when the
   * model runs on a GPU, 'on' always, 'off' never (one after another). On a CPU parallel
   * sequences do not pay.
   */
  parallelSamples?: ParallelSamples;
  /**
   * Samples per prompt that may run in parallel (the tier's k); sizes the context's sequences
   * when samples run in parallel. Tiers sharing a model share it: the largest k counts, more
   * samples run in waves. Default 1.
   */
  samples?: number;
  /**
   * Lines after the cursor in a fill-in-the-middle prompt. Everything after the cursor is
   * evaluated again on each keystroke (prefix-suffix-middle order), so it is capped. Default
   * {@link DEFAULT_SUFFIX_LINES}.
   */
  suffixLines?: number;
}

/** The `cascade.parallelSamples` setting (see {@link ModelSpec.parallelSamples}). */
export type ParallelSamples = 'auto' | 'on' | 'off';

/**
 * Lines of suffix a FIM prompt keeps by default. llama.vscode keeps 64, but on a CPU typing in
 * the middle of a ~1,000-token file then re-evaluates about half the prompt per keystroke;
 * 24 lines keep it under 40% (bench:latency: 38.5% at 24, 44% at 32, 54% at 64).
 */
export const DEFAULT_SUFFIX_LINES = 24;
