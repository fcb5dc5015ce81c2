import * as vscode from 'vscode';

/** One suggestion whose verified upgrade may still arrive. */
export interface WatchedSuggestion {
  /** Fires when the suggestion can no longer be upgraded: its document changed, the cursor moved, another took its place. */
  signal: AbortSignal;
  /** True while the document and the cursor are as they were when the suggestion was made. */
  stillShowable(): boolean;
}

/**
 * Keeps the verified cascade of the last suggestion running after its first, unverified
 * answer is shown, and abandons it as soon as its result could no longer be shown: the
 * document is edited (the suggestion accepted, or typed over), the cursor moves, the editor
 * changes, or a new suggestion is requested. One suggestion at a time, so background work
 * never piles up.
 */
export class UpgradeWatch implements vscode.Disposable {
  private current: { uri: string; version: number; position: vscode.Position; controller: AbortController } | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && event.document.uri.toString() === this.current?.uri) this.cancel();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        const current = this.current;
        if (current && (event.textEditor.document.uri.toString() !== current.uri || !event.selections[0]?.active.isEqual(current.position))) this.cancel();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.cancel()),
    ];
  }

  /** Starts watching a new suggestion; the one watched before is abandoned. */
  watch(document: vscode.TextDocument, position: vscode.Position): WatchedSuggestion {
    this.cancel();
    const current = { uri: document.uri.toString(), version: document.version, position, controller: new AbortController() };
    this.current = current;
    return {
      signal: current.controller.signal,
      stillShowable: () => this.current === current && !current.controller.signal.aborted && document.version === current.version,
    };
  }

  /** Abandons the watched suggestion's background work. */
  cancel(): void {
    this.current?.controller.abort();
    this.current = undefined;
  }

  dispose(): void {
    this.cancel();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
