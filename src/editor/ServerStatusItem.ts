import * as vscode from 'vscode';
import { isServerTier, type ServerState, type TierConfig, tierName } from '../engine';

/**
 * A status bar item for the server tiers: shown only when a tier lives on a server, with each
 * one's last known state (not asked yet, ready, or why it failed).
 */
export class ServerStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cascade.server', vscode.StatusBarAlignment.Right, 99);
  private states = new Map<string, ServerState>();

  constructor() {
    this.item.name = 'Cascade server tiers';
    this.item.command = 'cascade.showMenu';
  }

  /** The tiers changed: one entry per server tier, all unknown until used. */
  setTiers(tiers: TierConfig[]): void {
    this.states = new Map(tiers.filter(isServerTier).map((tier) => [tierName(tier), { kind: 'unknown' } as ServerState]));
    this.render();
  }

  update(server: string, state: ServerState): void {
    if (!this.states.has(server)) return;
    this.states.set(server, state);
    this.render();
  }

  private render(): void {
    if (this.states.size === 0) return this.item.hide();
    const states = [...this.states.entries()];
    const failing = states.filter(([, s]) => s.kind === 'failing');
    const ready = states.filter(([, s]) => s.kind === 'ready');
    this.item.text = failing.length > 0 ? '$(cloud-offline) server' : ready.length > 0 ? '$(cloud) server' : '$(cloud) server ?';
    this.item.backgroundColor = failing.length > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const lines = states.map(([name, s]) => (s.kind === 'failing' ? `${name}: failing — ${s.message}` : s.kind === 'ready' ? `${name}: ready${s.infill ? ' (fill-in-the-middle)' : ''}` : `${name}: not used yet`));
    this.item.tooltip = `${lines.join('\n')}\nThe other tiers keep working when a server fails. Click for Cascade options.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
