import type * as vscode from 'vscode';
import { AbortError, CascadeError, type CascadeResult, type FunctionAtCursor } from '../engine';
import type { EngineSession, SessionRequest } from './EngineSession';
import type { CascadeSettings } from './readSettings';
import type { StatusBar } from './StatusBar';
import type { WatchedSuggestion } from './UpgradeWatch';

export interface VerifiedSuggestionDeps {
  session: EngineSession;
  settings: CascadeSettings;
  status: StatusBar;
  log: vscode.LogOutputChannel;
  tierError: (tier: number, error: unknown) => void;
}

export interface VerifiedSuggestionRequest {
  request: Omit<SessionRequest, 'signal'>;
  fn: FunctionAtCursor;
  /** The ghost-text request: cancelled by the next keystroke. */
  signal: AbortSignal;
  /** Watches whether the suggestion can still be upgraded once shown (UpgradeWatch). */
  watched: WatchedSuggestion;
  /** Called when a tier verifies an answer other than the one shown, while it can still be shown. */
  upgrade: (text: string) => void;
}

type Settled = { result: CascadeResult } | { error: unknown };

/**
 * Ghost text for a function body, shown first and verified after: resolves with the first
 * candidate that is a complete function as soon as it exists (status bar "checking…"), while
 * the cascade goes on; when a tier then accepts a different answer within the latency budget,
 * `upgrade` replaces the suggestion (the budget, counted from the request, never cuts off the
 * first display). With `cascade.verifiedOnly` it resolves only with the
 * verified answer (or nothing). Until the first answer is shown, the request's cancellation
 * (a keystroke) ends the cascade; after, the watch does (an edit, a cursor move).
 */
export async function verifiedSuggestion(deps: VerifiedSuggestionDeps, job: VerifiedSuggestionRequest): Promise<string | undefined> {
  const { session, settings, status } = deps;
  const untilShown = new AbortController();
  let shown: string | undefined;
  const onRequestAbort = (): void => {
    if (shown === undefined) untilShown.abort();
  };
  job.signal.addEventListener('abort', onRequestAbort, { once: true });
  if (job.signal.aborted) untilShown.abort();
  // The budget bounds the upgrade, not the first display: counted from the request, it only
  // applies once an answer is on screen (with verifiedOnly nothing is, so it applies at once).
  const budget = new AbortController();
  const started = Date.now();
  const startBudget = (): void => {
    const left = settings.latencyBudgetMs - (Date.now() - started);
    const timer = setTimeout(() => budget.abort(new DOMException('latency budget', 'TimeoutError')), Math.max(0, left));
    budget.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    void settled.finally(() => clearTimeout(timer));
  };
  const signal = AbortSignal.any([untilShown.signal, job.watched.signal, budget.signal]);
  let showFirst: (text: string) => void = () => {};
  const first = new Promise<{ first: string }>((resolve) => (showFirst = (text) => resolve({ first: text })));
  const settled: Promise<Settled> = session
    .complete({
      ...job.request,
      signal,
      onProgress: (p) => (shown === undefined ? status.progress(p) : status.checking(p)),
      onCandidate: (candidate) => {
        if (candidate.usable && !settings.verifiedOnly) showFirst(candidate.completion);
      },
    }, job.fn)
    .then((result) => ({ result }), (error: unknown) => ({ error }));
  if (settings.verifiedOnly) startBudget();

  const finish = (outcome: Settled, inBackground: boolean): string | undefined => {
    job.signal.removeEventListener('abort', onRequestAbort);
    const ms = Date.now() - started;
    if ('error' in outcome) {
      if (!(outcome.error instanceof AbortError) && !signal.aborted) {
        if (!inBackground) throw outcome.error;
        const message = outcome.error instanceof CascadeError ? outcome.error.message : String(outcome.error);
        deps.log.error(`verifying ${job.fn.name} failed: ${message}`);
        status.error(message);
        return undefined;
      }
      // Out of budget: nothing was verified in time. Cancelled or abandoned: nothing to report.
      const timedOut = budget.signal.aborted;
      if (timedOut) status.notVerifiedInTime(ms);
      else status.idle();
      return undefined;
    }
    const { result } = outcome;
    status.result(result, ms);
    deps.log.debug(`cascade trace for ${job.fn.name}: ${JSON.stringify(result.trace)}`);
    result.trace.filter((t) => t.error).forEach((t) => deps.tierError(t.tier, t.error));
    const text = result.verdict === 'verified' || !settings.verifiedOnly ? result.completion : '';
    if (inBackground) {
      if (result.verdict === 'verified' && text && text !== shown && job.watched.stillShowable()) job.upgrade(text);
      return undefined;
    }
    return text || undefined;
  };

  const winner = await Promise.race([first, settled]);
  if ('first' in winner) {
    shown = winner.first;
    startBudget();
    status.checking();
    void settled.then((outcome) => finish(outcome, true));
    return shown;
  }
  return finish(winner, false);
}
