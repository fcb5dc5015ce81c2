import path from 'node:path';
import { LlamaCppBackend, type LlamaCppBackendOptions } from './LlamaCppBackend';
import type { ModelProvider, ModelSpec } from './ModelBackend';

/** Options shared by every model the provider loads. */
export type LlamaModelProviderOptions = LlamaCppBackendOptions;

/**
 * Hands out one node-llama-cpp backend per distinct model setting, so tiers (and requests)
 * that name the same file with the same settings share one loaded model and its queue. A
 * tier's k (`samples`) is not part of the setting: tiers sharing a model share its parallel
 * sequences, sized for the largest k asked for.
 */
export class LlamaModelProvider implements ModelProvider {
  private readonly backends = new Map<string, LlamaCppBackend>();

  constructor(private readonly options: LlamaModelProviderOptions = {}) {}

  get(spec: ModelSpec): LlamaCppBackend {
    const key = JSON.stringify([
      path.resolve(spec.model),
      spec.gpuLayers ?? 'auto',
      spec.contextSize,
      spec.threads,
      spec.parallelSamples ?? 'auto',
      spec.suffixLines,
    ]);
    let backend = this.backends.get(key);
    // A backend disposed on its own (not through the provider) is replaced, never handed out.
    if (!backend || backend.disposed) {
      backend = new LlamaCppBackend(spec, this.options);
      this.backends.set(key, backend);
    }
    backend.reserveSamples(spec.samples ?? 1);
    return backend;
  }

  /** Disposes every backend handed out; a later `get()` starts afresh. */
  async dispose(): Promise<void> {
    const backends = [...this.backends.values()];
    this.backends.clear();
    const results = await Promise.allSettled(backends.map((backend) => backend.dispose()));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }
}
