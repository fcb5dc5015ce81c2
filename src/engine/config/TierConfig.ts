/** One tier of the cascade: a model and how hard it tries (see the algorithm guide). */
export interface TierConfig {
  /**
   * Local tier: the `.gguf` path (absolute, `~/…`, or relative to the tiers file) or an `hf:`
   * URI. Server tier: the name the server knows the model by (optional; the server's only or
   * default model when absent).
   */
  model?: string;
  /**
   * A server tier: the base URL of an inference server (llama.cpp's llama-server, vLLM, Ollama,
   * LM Studio, TGI — anything with the OpenAI-compatible `/v1/completions`) instead of a local
   * model. The current file is sent to it.
   */
  server?: string;
  /** Server tier: the environment variable that holds its API key (the CLI; the editor keeps keys in SecretStorage). */
  apiKeyEnv?: string;
  /**
   * Server tier: the model's fill-in-the-middle template, by name (see FIM_TEMPLATES) or as
   * tokens, when the server has no `/infill` and the model name does not tell it.
   */
  fim?: string | FimTokens;
  /** Server tier: milliseconds to wait for the server's first byte before giving up. Default 10,000. */
  timeoutMs?: number;
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

/** A fill-in-the-middle prompt's tokens: `prefix` + before + `suffix` + after + `middle`. */
export interface FimTokens {
  prefix: string;
  suffix: string;
  middle: string;
  /** Tokens that end the middle (end of text, file separators). */
  stop?: string[];
}

/** True when the tier's model lives on an inference server. */
export function isServerTier(tier: Pick<TierConfig, 'server'>): tier is TierConfig & { server: string } {
  return typeof tier.server === 'string';
}

/** How traces and messages name a tier's model: the file (or URI) it names, or `server <host> [model]`. */
export function tierName(tier: Pick<TierConfig, 'model' | 'server'>): string {
  if (!isServerTier(tier)) return tier.model ?? '(no model)';
  let host = tier.server;
  try {
    host = new URL(tier.server).host;
  } catch {
    // An invalid URL is named as given (validation reports it).
  }
  return `server ${host}${tier.model ? ` ${tier.model}` : ''}`;
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
