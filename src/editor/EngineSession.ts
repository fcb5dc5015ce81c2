import {
  type CascadeProgress,
  type CascadeRequest,
  type CascadeResult,
  fastCompletion,
  findFunctionAtCursor,
  type FunctionAtCursor,
  isServerTier,
  type ModelBackend,
  recordRun,
  type RecordRunPlan,
  runCascade,
  SandboxPool,
  type SourceLanguage,
  type TierConfig,
  type TierTrace,
  TierModels,
  tierName,
  type ProjectLocation,
  type ServerState,
  verifyCompletion,
  type VerifyResult,
} from '../engine';
import type { CascadeSettings } from './readSettings';

export interface SessionRequest {
  document: string;
  language: SourceLanguage;
  cursor: number;
  /** Where the document is on disk, for its imports. */
  project?: ProjectLocation;
  /** The whole document, when `document` is a window of it. */
  whole?: { text: string; offset: number };
  signal?: AbortSignal;
  onProgress?: (progress: CascadeProgress) => void;
  onTierDone?: (trace: TierTrace) => void;
  /** Each candidate as soon as it is generated (see CascadeRequest.onCandidate). */
  onCandidate?: CascadeRequest['onCandidate'];
  /** A tier that could not serve the fast path (its model failed); the next tier was tried. */
  onTierError?: (tier: number, error: unknown) => void;
}

/**
 * The engine as the editor uses it: one model provider and one sandbox pool shared by every
 * editor and request. Models load lazily, unload after `idleUnloadMs` without requests, and
 * are dropped when the tier settings change.
 */
export class EngineSession {
  private models: TierModels;
  private readonly sandbox = new SandboxPool();
  private idleTimer: NodeJS.Timeout | undefined;

  /**
   * @param modelsDir where catalog (`hf:`) models are downloaded: the extension's global storage.
   * @param apiKeyFor a server tier's API key (from SecretStorage), undefined when none is set.
   * @param onServerState told when a server tier becomes ready or fails (the status bar).
   */
  constructor(
    private settings: CascadeSettings,
    private readonly modelsDir: string,
    private readonly apiKeyFor: (tier: TierConfig) => string | undefined = () => undefined,
    private readonly onServerState?: (server: string, state: ServerState) => void,
  ) {
    this.models = this.newModels();
  }


  get tiers(): TierConfig[] {
    return this.settings.tiers;
  }

  /** Applies new settings; models are unloaded so the next request loads what they name. */
  async updateSettings(settings: CascadeSettings): Promise<void> {
    this.settings = settings;
    await this.unloadModels();
  }

  /** The model of a tier (loaded lazily by the engine). */
  modelFor(tier: TierConfig): ModelBackend {
    this.touch();
    return this.models.modelFor(tier);
  }

  /** The local file a tier's `model` setting names (throws ModelLoadError when there is none), or a server tier's name. */
  modelPath(tier: TierConfig): string {
    return isServerTier(tier) ? tierName(tier) : this.models.modelPath(tier);
  }


  /** Records a benchmark run of the configured tiers (see recordRun) with the shared models and sandbox. */
  record(plan: Omit<RecordRunPlan, 'tiers' | 'modelPaths' | 'modelFor'>, signal: AbortSignal): Promise<number> {
    const tiers = this.settings.tiers;
    const settings = { sandbox: this.sandbox, samples: 5, testsPerSample: 4, seed: 1, runTimeoutMs: 1000, signal };
    return recordRun({ ...plan, tiers, modelPaths: tiers.map((t) => this.modelPath(t)), modelFor: (tier) => this.modelFor(tier) }, settings);
  }

  findFunction(request: Pick<SessionRequest, 'document' | 'language' | 'cursor'>): Promise<FunctionAtCursor | undefined> {
    return findFunctionAtCursor(request.document, request.cursor, request.language);
  }

  /** Runs the full cascade for a function found in the same document. */
  complete(request: SessionRequest, fn: FunctionAtCursor): Promise<CascadeResult> {
    return runCascade({
      document: request.document,
      fn,
      project: request.project,
      whole: request.whole,
      tiers: this.settings.tiers,
      modelFor: (tier) => this.modelFor(tier),
      sandbox: this.sandbox,
      signal: request.signal,
      onProgress: request.onProgress,
      onTierDone: request.onTierDone,
      onCandidate: request.onCandidate,
    });
  }

  /**
   * Loads what the first request would wait for, so that it does not: the first tier's model
   * that loads (and with it the llama.cpp runtime), the parser, and one sandbox worker. Cancelling stops
   * the wait, not a load already under way (which a request would share anyway).
   */
  async warmUp(signal: AbortSignal, onTierError: (tier: number, error: unknown) => void): Promise<void> {
    await Promise.all([
      this.warmFirstTier(signal, onTierError),
      findFunctionAtCursor('function f() {\n}', 14, 'javascript'),
      this.sandbox.run({ code: '0' }, signal),
    ]);
  }

  /** Loads the first tier whose model loads (the one a request would answer from); reports the ones that fail. */
  private async warmFirstTier(signal: AbortSignal, onTierError: (tier: number, error: unknown) => void): Promise<void> {
    for (const [index, tier] of this.settings.tiers.entries()) {
      try {
        return await this.modelFor(tier).load(signal);
      } catch (error) {
        if (signal.aborted) throw error;
        onTierError(index, error);
      }
    }
  }

  /** Runs asserts against a completion the way the cascade checks a candidate (for *Show tests*). */
  verify(request: Pick<SessionRequest, 'document' | 'language' | 'cursor' | 'project' | 'signal'>, completion: string, asserts: string[]): Promise<VerifyResult> {
    const { document, language, cursor, project, signal } = request;
    return verifyCompletion({ document, language, cursor, completion, asserts, file: project?.file, root: project?.root, sandbox: this.sandbox, signal });
  }

  /** One unverified fill-in-the-middle completion from the first tier whose model loads. */
  async fast(request: SessionRequest): Promise<string> {
    const { document, cursor, signal } = request;
    let lastError: unknown;
    for (const [index, tier] of this.settings.tiers.entries()) {
      try {
        const model = this.modelFor(tier);
        const { text } = await fastCompletion({ prefix: document.slice(0, cursor), suffix: document.slice(cursor), model, tier, signal });
        return text;
      } catch (error) {
        if (signal?.aborted) throw error;
        request.onTierError?.(index, error);
        lastError = error;
      }
    }
    throw lastError;
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.unloadModels(), this.settings.idleUnloadMs);
    this.idleTimer.unref();
  }

  /** Unloads every tier's model now (they load again on the next request). */
  async unloadModels(): Promise<void> {
    clearTimeout(this.idleTimer);
    const old = this.models;
    this.models = this.newModels();
    await old.dispose();
  }

  private newModels(): TierModels {
    const { baseDir, parallelSamples, suffixLines } = this.settings;
    return new TierModels({ baseDir, modelsDir: this.modelsDir, parallelSamples, suffixLines, apiKeyFor: this.apiKeyFor, onServerState: this.onServerState });
  }

  async dispose(): Promise<void> {
    clearTimeout(this.idleTimer);
    await Promise.allSettled([this.models.dispose(), this.sandbox.dispose()]);
  }
}
