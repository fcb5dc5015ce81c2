import * as vscode from 'vscode';
import type { CascadeProgress, CascadeResult } from '../engine';
import { summarizeResult } from './summarizeResult';

/** The Cascade status bar item: idle / loading / generating (tier i of n) / last result. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cascade.status', vscode.StatusBarAlignment.Right, 100);

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

  result(result: CascadeResult, ms: number): void {
    const label = result.verdict === 'unverifiable'
      ? `$(circle-slash) Cascade: unverifiable: ${result.reason} · ${ms} ms`
      : result.acceptedTier !== null
        ? `$(pass) Cascade: tier ${result.acceptedTier + 1} ${result.passed.passed}/${result.passed.total} · ${ms} ms`
        : `$(warning) Cascade: unverified · ${ms} ms`;
    this.set(label, `Last request: ${summarizeResult(result, ms)}`);
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
  }
}
