import * as vscode from 'vscode';

/** The walkthrough's id in package.json's `contributes.walkthroughs`. */
export const WALKTHROUGH_ID = 'cascade.gettingStarted';
const OPENED_KEY = 'cascade.walkthroughOpened';

/** Opens "Get started with Cascade" (VS Code's walkthrough page) on its first step. */
export function openWalkthrough(extensionId: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false);
}

/**
 * Opens the walkthrough on the first activation ever (remembered in global state, so once per
 * machine and never again after an upgrade), unless tiers are configured already: a user who
 * set Cascade up by hand does not need it.
 */
export async function openWalkthroughOnce(context: vscode.ExtensionContext, tiersConfigured: boolean, log: vscode.LogOutputChannel): Promise<void> {
  if (context.globalState.get<boolean>(OPENED_KEY)) return;
  await context.globalState.update(OPENED_KEY, true);
  if (tiersConfigured) return;
  log.info('first activation without tiers: opening the walkthrough');
  await openWalkthrough(context.extension.id);
}

/**
 * The context keys the walkthrough's steps complete on (`onContext:` completion events): tiers
 * set and valid, every local tier's model file on disk, a verified answer shown.
 */
export class WalkthroughProgress {
  private verifiedSeen = false;

  update({ tiersReady, modelsReady }: { tiersReady: boolean; modelsReady: boolean }): void {
    void vscode.commands.executeCommand('setContext', 'cascade.tiersConfigured', tiersReady);
    void vscode.commands.executeCommand('setContext', 'cascade.modelsReady', tiersReady && modelsReady);
  }

  showedVerified(): void {
    if (this.verifiedSeen) return;
    this.verifiedSeen = true;
    void vscode.commands.executeCommand('setContext', 'cascade.verifiedSeen', true);
  }
}
