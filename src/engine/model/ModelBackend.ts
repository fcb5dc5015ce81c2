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
  signal?: AbortSignal;
}

/** What a generation produced. */
export interface Generation {
  text: string;
  /** Tokens generated (the cost measure). */
  tokens: number;
  /** Why generation stopped. */
  stopReason: 'eos' | 'stop' | 'maxTokens' | 'abort';
  /** Whether fill-in-the-middle was used. */
  infill: boolean;
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
}
