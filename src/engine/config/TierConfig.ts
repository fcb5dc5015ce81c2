/** One tier of the cascade: a model and how hard it tries (see the algorithm guide). */
export interface TierConfig {
  /** Local `.gguf` path (absolute, `~/…`, or relative to the tiers file) or an `hf:` URI. */
  model: string;
  /**
   * k: candidate solutions to generate. 0 = one greedy answer and no tests (last tier only);
   * 1 = one greedy answer with tests; > 1 = sampled answers. Default 3.
   */
  samples: number;
  /** t: assert statements kept from each test sample. 0 only with samples 0. Default 4. */
  testsPerSample: number;
  /** Sampling temperature used when samples > 1. Default 0.8 (the paper's value). */
  temperature: number;
  /** θ in [0, 1]: acceptance threshold on the dual-agreement score. Default 1.0. */
  threshold: number;
  /** Upper bound on tokens per generated solution or test sample. Default 256. */
  maxTokens: number;
  /** Layers offloaded to the GPU; "auto" lets node-llama-cpp decide. Default "auto". */
  gpuLayers?: number | 'auto';
  /** Context window in tokens. Default: node-llama-cpp's choice for the model, capped at 4096. */
  contextSize?: number;
}

/** The shape of a tiers file and of the `cascade.tiers` setting. */
export interface TiersFile {
  tiers: TierConfig[];
}

/** Defaults merged under every tier before validation. */
export const TIER_DEFAULTS: Omit<TierConfig, 'model'> = {
  samples: 3,
  testsPerSample: 4,
  temperature: 0.8,
  threshold: 1.0,
  maxTokens: 256,
};
