import {
  type CascadeProgress,
  type CascadeResult,
  findFunctionAtCursor,
  type FunctionAtCursor,
  type ModelBackend,
  LlamaModelProvider,
  runCascade,
  SandboxPool,
  type SourceLanguage,
  type TierConfig,
  resolveModelPath,
} from '../engine';
import type { CascadeSettings } from './readSettings';

export interface SessionRequest {
  document: string;
  language: SourceLanguage;
  cursor: number;
  signal?: AbortSignal;
  onProgress?: (progress: CascadeProgress) => void;
}

/**
 * The engine as the editor uses it: one model provider and one sandbox pool shared by every
 * editor and request, rebuilt when the tier settings change.
 */
export class EngineSession {
  private models = new LlamaModelProvider();
  private readonly sandbox = new SandboxPool();

  constructor(private settings: CascadeSettings) {}

  get tiers(): TierConfig[] {
    return this.settings.tiers;
  }

  /** Applies new settings; models are unloaded so the next request loads what they name. */
  async updateSettings(settings: CascadeSettings): Promise<void> {
    this.settings = settings;
    const old = this.models;
    this.models = new LlamaModelProvider();
    await old.dispose();
  }

  /** The model of a tier (loaded lazily by the engine). */
  modelFor(tier: TierConfig): ModelBackend {
    return this.models.get({ model: resolveModelPath(tier.model, this.settings.baseDir), gpuLayers: tier.gpuLayers, contextSize: tier.contextSize });
  }

  findFunction(request: Pick<SessionRequest, 'document' | 'language' | 'cursor'>): Promise<FunctionAtCursor | undefined> {
    return findFunctionAtCursor(request.document, request.cursor, request.language);
  }

  /** Runs the full cascade for a function found in the same document. */
  complete(request: SessionRequest, fn: FunctionAtCursor): Promise<CascadeResult> {
    return runCascade({
      document: request.document,
      fn,
      tiers: this.settings.tiers,
      modelFor: (tier) => this.modelFor(tier),
      sandbox: this.sandbox,
      signal: request.signal,
      onProgress: request.onProgress,
    });
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([this.models.dispose(), this.sandbox.dispose()]);
  }
}
