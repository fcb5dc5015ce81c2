import { isServerTier, type TierConfig } from '../config/TierConfig';
import { ConfigError } from '../errors';
import { defaultModelsDir } from '../models/modelsDir';
import { ServerBackend, type ServerState } from '../server/ServerBackend';
import { LlamaModelProvider, type LlamaModelProviderOptions } from './LlamaModelProvider';
import type { ModelBackend, ParallelSamples } from './ModelBackend';
import { resolveModelPath } from './resolveModelPath';

/** What every tier's model shares. */
export interface TierModelsOptions {
  /** Folder that relative model paths start from (the tiers file's, or the workspace's). */
  baseDir?: string;
  /** Folder of downloaded (`hf:`) models. */
  modelsDir?: string;
  parallelSamples?: ParallelSamples;
  suffixLines?: number;
  /**
   * A server tier's API key. Default: the environment variable the tier's `apiKeyEnv` names
   * (the CLI); the editor reads SecretStorage instead.
   */
  apiKeyFor?: (tier: TierConfig) => string | undefined;
  /** Told whenever a server tier's state changes (the status bar). */
  onServerState?: (server: string, state: ServerState) => void;
  /** Options for local (node-llama-cpp) models. */
  llama?: LlamaModelProviderOptions;
}

/**
 * The model behind each tier: a local GGUF through node-llama-cpp, or an inference server.
 * Tiers naming the same file with the same settings share one loaded model; tiers naming the
 * same server, model and key share one server backend.
 */
export class TierModels {
  private readonly local: LlamaModelProvider;
  private readonly servers = new Map<string, ServerBackend>();

  constructor(private readonly options: TierModelsOptions = {}) {
    this.local = new LlamaModelProvider(options.llama);
  }

  /** The model of a tier. Throws ModelLoadError (a local file that is not there) or ConfigError (a missing key variable). */
  modelFor(tier: TierConfig): ModelBackend {
    if (isServerTier(tier)) return this.serverFor(tier);
    const { parallelSamples, suffixLines } = this.options;
    return this.local.get({ model: this.modelPath(tier), gpuLayers: tier.gpuLayers, contextSize: tier.contextSize, samples: tier.samples, parallelSamples, suffixLines });
  }

  /** The local file a local tier's `model` names. */
  modelPath(tier: TierConfig): string {
    if (isServerTier(tier)) throw new ConfigError(`The tier on ${tier.server} has no local model file.`);
    return resolveModelPath(tier.model ?? '', this.options.baseDir, this.options.modelsDir ?? defaultModelsDir());
  }

  async dispose(): Promise<void> {
    const servers = [...this.servers.values()];
    this.servers.clear();
    await Promise.all([this.local.dispose(), ...servers.map((server) => server.dispose())]);
  }

  private serverFor(tier: TierConfig & { server: string }): ServerBackend {
    const apiKey = (this.options.apiKeyFor ?? apiKeyFromEnv)(tier);
    const key = JSON.stringify([tier.server, tier.model, apiKey, tier.fim, tier.timeoutMs, this.options.suffixLines]);
    let backend = this.servers.get(key);
    if (!backend) {
      backend = new ServerBackend({ server: tier.server, model: tier.model, apiKey, fim: tier.fim, timeoutMs: tier.timeoutMs, suffixLines: this.options.suffixLines });
      this.servers.set(key, backend);
      const { onServerState } = this.options;
      if (onServerState) backend.onStateChange((state) => onServerState(backend!.name, state));
    }
    return backend;
  }
}

/** The API key in the environment variable a tier's `apiKeyEnv` names; ConfigError when it is named but not set. */
export function apiKeyFromEnv(tier: Pick<TierConfig, 'server' | 'apiKeyEnv'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!tier.apiKeyEnv) return undefined;
  const value = env[tier.apiKeyEnv];
  if (!value) throw new ConfigError(`The tier on ${tier.server} reads its API key from $${tier.apiKeyEnv}, which is not set — export it before running cascade`);
  return value;
}
