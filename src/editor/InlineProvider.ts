import * as vscode from 'vscode';
import { AbortError, bestSoFar, CascadeError, languageFromId, SuggestionMemory, type TierTrace } from '../engine';
import { delay } from './delay';
import { editorRequest, type EditorRequest } from './editorRequest';
import type { EngineSession } from './EngineSession';
import type { CascadeSettings } from './readSettings';
import type { StatusBar } from './StatusBar';

export interface ProviderDeps {
  session: () => EngineSession | undefined;
  settings: () => CascadeSettings;
  status: StatusBar;
  log: vscode.LogOutputChannel;
  /** Shows a problem with a tier (e.g. its model failed to load) once. */
  reportTierError: (message: string) => void;
}

/** Counters for tests and the log: how many requests got how far. */
export interface ProviderStats {
  requests: number;
  cacheHits: number;
  started: number;
  completed: number;
}

/**
 * Ghost text. Each request is debounced and cancelled by the next keystroke (VS Code's token →
 * the engine's AbortSignal). Inside a function whose body is still to be written, the verified
 * cascade runs within the latency budget; elsewhere one fast unverified completion is asked of
 * the first tier. Suggestions are remembered so a position re-shows instantly and survives the
 * user typing what it predicted.
 */
export class InlineProvider implements vscode.InlineCompletionItemProvider {
  readonly stats: ProviderStats = { requests: 0, cacheHits: 0, started: 0, completed: 0 };
  private readonly memory = new SuggestionMemory();

  constructor(private readonly deps: ProviderDeps) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    this.stats.requests++;
    const settings = this.deps.settings();
    const session = this.deps.session();
    const language = languageFromId(document.languageId);
    if (!settings.enabled || !session || (!isVerifiable(language) && !settings.otherLanguages)) return undefined;
    const request = editorRequest(document, position);
    const { text, cursor } = request;
    const key = { prefix: text.slice(0, cursor), suffix: text.slice(cursor) };
    const remembered = this.memory.recall(key);
    if (remembered !== undefined) {
      this.stats.cacheHits++;
      return [new vscode.InlineCompletionItem(remembered, new vscode.Range(position, position))];
    }
    if (!(await delay(settings.debounceMs, token))) return undefined;

    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    this.stats.started++;
    const started = Date.now();
    try {
      const completion = await this.compute(session, settings, request, language, controller.signal);
      this.stats.completed++;
      this.deps.log.info(`ghost text at ${document.fileName}:${position.line + 1}: ${completion ? `${completion.length} chars` : 'nothing'} in ${Date.now() - started} ms`);
      if (!completion || token.isCancellationRequested) return undefined;
      this.memory.remember(key, completion);
      return [new vscode.InlineCompletionItem(completion, new vscode.Range(position, position))];
    } catch (error) {
      if (error instanceof AbortError || controller.signal.aborted) return undefined;
      const message = error instanceof CascadeError ? error.message : String(error);
      this.deps.log.error(`ghost text failed: ${message}`);
      this.deps.status.error(message);
      return undefined;
    } finally {
      subscription.dispose();
    }
  }

  /** Drops remembered suggestions (after a settings change). */
  forget(): void {
    this.memory.clear();
  }

  private async compute(
    session: EngineSession,
    settings: CascadeSettings,
    doc: EditorRequest,
    language: ReturnType<typeof languageFromId>,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const request = { document: doc.text, cursor: doc.cursor, language: language ?? 'javascript', project: doc.project, whole: doc.whole, signal };
    const fn = isVerifiable(language) ? await session.findFunction(request) : undefined;
    if (!fn || !(fn.bodyEmpty || (fn.end === undefined && lineBeforeIsBlank(doc.text, doc.cursor)))) {
      return session.fast({ ...request, onTierError: (tier, error) => this.tierError(tier, error) });
    }
    const traces: TierTrace[] = [];
    const budget = AbortSignal.any([signal, AbortSignal.timeout(settings.latencyBudgetMs)]);
    const started = Date.now();
    try {
      const result = await session.complete({ ...request, signal: budget, onProgress: (p) => this.deps.status.progress(p), onTierDone: (t) => traces.push(t) }, fn);
      this.deps.status.result(result, Date.now() - started);
      this.deps.log.debug(`cascade trace for ${fn.name}: ${JSON.stringify(result.trace)}`);
      result.trace.filter((t) => t.error).forEach((t) => this.tierError(t.tier, t.error));
      return result.verdict === 'verified' || !settings.verifiedOnly ? result.completion : undefined;
    } catch (error) {
      if (signal.aborted || !(error instanceof AbortError)) throw error;
      // The latency budget ran out: show the most verified answer so far, unless verified-only.
      this.deps.status.idle();
      return settings.verifiedOnly ? undefined : bestSoFar(traces)?.completion;
    }
  }

  private tierError(tier: number, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.deps.log.warn(`tier ${tier + 1}: ${message}`);
    this.deps.reportTierError(`Tier ${tier + 1} was skipped: ${message}`);
  }
}

const isVerifiable = (language: ReturnType<typeof languageFromId>): boolean => language !== undefined && language !== 'python';

/** True when only whitespace precedes the cursor on its line (a statement is about to start). */
function lineBeforeIsBlank(text: string, cursor: number): boolean {
  return /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', cursor - 1) + 1, cursor));
}
