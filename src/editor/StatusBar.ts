import * as vscode from 'vscode';
import type { CascadeProgress, CascadeResult } from '../engine';
import { summarizeResult } from './summarizeResult';

/** The Cascade status bar item: idle / loading / generating (tier i of n) / last result. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cascade.status', vscode.StatusBarAlignment.Right, 100);
  private warmingText: string | undefined;
  private readonly verified = new vscode.EventEmitter<void>();
  /** Fires when the status bar reports a verified answer (ghost text or the command's edit). */
  readonly onDidShowVerified = this.verified.event;

  constructor() {
    this.item.name = 'Cascade';
    this.item.command = 'cascade.showMenu';
    this.idle();
    this.item.show();
  }

  idle(disabled = false): void {
    this.set(disabled ? '$(circle-slash) Cascade' : '$(check) Cascade', disabled ? 'Cascade is disabled' : 'Cascade is ready');
  }

  progress(p: CascadeProgress): void {
    if (p.phase === 'done') return;
    const what = p.phase === 'load' ? 'loading model' : `${p.phase === 'execute' ? 'testing' : 'generating'}`;
    this.set(`$(sync~spin) Cascade: ${what} (tier ${p.tier + 1}/${p.tiers})`, `${p.model}: ${p.phase}`);
  }

  /** Loading the first tier in the background after start-up or a settings change. */
  warming(model: string): void {
    this.set('$(sync~spin) Cascade: loading model…', `Loading ${model} in the background so that the first suggestion does not wait for it.`);
    this.warmingText = this.item.text;
  }

  /** The background load is over: back to ready, unless a request has taken over the status bar since. */
  warmed(): void {
    if (this.item.text === this.warmingText) this.idle();
    this.warmingText = undefined;
  }

  /** The first answer is shown; the cascade is still testing it (and may upgrade it). */
  checking(p?: CascadeProgress): void {
    if (p?.phase === 'done') return;
    const where = p ? ` (tier ${p.tier + 1}/${p.tiers})` : '';
    this.set(`$(sync~spin) Cascade: checking…${where}`, 'The suggestion shown is not verified yet; it is replaced if a tier verifies a better one.');
  }

  /** The latency budget ran out before any tier verified the suggestion that is shown. */
  notVerifiedInTime(ms: number): void {
    this.set(`$(warning) Cascade: unverified · ${ms} ms`, 'Last request: no tier verified an answer within cascade.latencyBudgetMs; the suggestion shown is unverified.');
  }

  result(result: CascadeResult, ms: number): void {
    const label = result.verdict === 'unverifiable'
      ? `$(circle-slash) Cascade: unverifiable: ${result.reason} · ${ms} ms`
      : result.acceptedTier !== null
        ? `$(pass) Cascade: tier ${result.acceptedTier + 1} ${result.passed.passed}/${result.passed.total} · ${ms} ms`
        : `$(warning) Cascade: unverified · ${ms} ms`;
    this.set(label, `Last request: ${summarizeResult(result, ms)}`);
    if (result.verdict !== 'unverifiable' && result.acceptedTier !== null) this.verified.fire();
  }

  /** Cascade cannot run until its settings are fixed (no tiers, invalid tiers). */
  needsSetup(message: string): void {
    this.set('$(gear) Cascade: set up tiers', message);
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  error(message: string): void {
    this.set('$(error) Cascade', message);
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  private set(text: string, tooltip: string): void {
    this.item.text = text;
    this.item.tooltip = `${tooltip}\nClick for Cascade options.`;
    this.item.backgroundColor = undefined;
  }

  dispose(): void {
    this.item.dispose();
    this.verified.dispose();
  }
}
