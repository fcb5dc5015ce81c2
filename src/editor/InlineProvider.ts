import * as vscode from 'vscode';
import { AbortError, CascadeError, languageFromId, SuggestionMemory, type SuggestionKey } from '../engine';
import { delay } from './delay';
import { editorRequest, type EditorRequest } from './editorRequest';
import type { EngineSession } from './EngineSession';
import type { CascadeSettings } from './readSettings';
import type { StatusBar } from './StatusBar';
import { UpgradeWatch } from './UpgradeWatch';
import { verifiedSuggestion } from './verifiedSuggestion';

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
  /** Suggestions replaced by a verified answer after they were shown. */
  upgrades: number;
}

/**
 * Ghost text. Each request is debounced and cancelled by the next keystroke (VS Code's token →
 * the engine's AbortSignal). Inside a function whose body is still to be written, the verified
 * cascade runs within the latency budget; elsewhere one fast unverified completion is asked of
 * the first tier. Suggestions are remembered so a position re-shows instantly and survives the
 * user typing what it predicted.
 */
export class InlineProvider implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  readonly stats: ProviderStats = { requests: 0, cacheHits: 0, started: 0, completed: 0, upgrades: 0 };
  private readonly memory = new SuggestionMemory();
  private readonly upgrades = new UpgradeWatch();

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
      const completion = await this.compute(session, settings, request, language, controller.signal, { document, position, key });
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

  /** Drops remembered suggestions and abandons a pending upgrade (after a settings change). */
  forget(): void {
    this.memory.clear();
    this.upgrades.cancel();
  }

  dispose(): void {
    this.upgrades.dispose();
  }

  private async compute(
    session: EngineSession,
    settings: CascadeSettings,
    doc: EditorRequest,
    language: ReturnType<typeof languageFromId>,
    signal: AbortSignal,
    show: { document: vscode.TextDocument; position: vscode.Position; key: SuggestionKey },
  ): Promise<string | undefined> {
    const request = { document: doc.text, cursor: doc.cursor, language: language ?? 'javascript', project: doc.project, whole: doc.whole };
    const fn = isVerifiable(language) ? await session.findFunction(request) : undefined;
    if (!fn || !(fn.bodyEmpty || (fn.end === undefined && lineBeforeIsBlank(doc.text, doc.cursor)))) {
      return session.fast({ ...request, signal, onTierError: (tier, error) => this.tierError(tier, error) });
    }
    const { status, log } = this.deps;
    return verifiedSuggestion({ session, settings, status, log, tierError: (tier, error) => this.tierError(tier, error) }, {
      request,
      fn,
      signal,
      watched: this.upgrades.watch(show.document, show.position),
      upgrade: (text) => {
        this.stats.upgrades++;
        this.memory.remember(show.key, text);
        // VS Code asks again; the remembered verified answer replaces the one on screen. A bare
        // trigger is not enough: VS Code keeps the suggestion it is showing when that one still
        // fits (seen in VS Code 1.139), so the shown one is hidden first.
        void vscode.commands
          .executeCommand('editor.action.inlineSuggest.hide')
          .then(() => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger'));
      },
    });
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
