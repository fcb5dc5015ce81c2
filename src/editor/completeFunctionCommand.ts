import * as vscode from 'vscode';
import { AbortError, CascadeError, type CascadeResult, languageFromId } from '../engine';
import { editorRequest, type EditorRequest } from './editorRequest';
import type { EngineSession, SessionRequest } from './EngineSession';
import { formatTestReport } from './formatTestReport';
import type { StatusBar } from './StatusBar';
import { summarizeResult } from './summarizeResult';
import { showSettingsError } from './showSettingsError';

export interface CommandDeps {
  session: () => EngineSession | undefined;
  settingsError: () => string | undefined;
  status: StatusBar;
  log: vscode.LogOutputChannel;
}

/**
 * "Cascade: complete function": runs the full cascade for the function at the cursor with a
 * cancellable progress notification, inserts the answer as one undoable edit, and reports
 * which tier answered with an action to open the generated tests.
 */
export async function completeFunctionCommand(deps: CommandDeps): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const session = deps.session();
  if (!editor) return void vscode.window.showInformationMessage('Cascade: open a file and put the cursor inside a function body.');
  if (!session) return showSettingsError(deps.settingsError() ?? 'No tiers are configured.');
  const language = languageFromId(editor.document.languageId);
  if (!language) {
    return void vscode.window.showInformationMessage(`Cascade: ${editor.document.languageId} is not supported; use JavaScript, TypeScript or Python.`);
  }
  const position = editor.selection.active;
  const { text: document, cursor, project, whole }: EditorRequest = editorRequest(editor.document, position);
  const fn = await session.findFunction({ document, language, cursor });
  if (!fn) return void vscode.window.showInformationMessage('Cascade: the cursor is not inside a function body. Put it where the body should go.');

  const version = editor.document.version;
  const started = Date.now();
  let result: CascadeResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Cascade: completing ${fn.name}`, cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return session.complete({ document, language, cursor, project, whole, signal: controller.signal, onProgress: (p) => {
          deps.status.progress(p);
          progress.report({ message: `tier ${p.tier + 1} of ${p.tiers} (${p.model}): ${p.phase}` });
        } }, fn);
      },
    );
  } catch (error) {
    deps.status.idle();
    if (error instanceof AbortError) return deps.log.info(`complete ${fn.name}: cancelled`);
    const message = error instanceof CascadeError ? error.message : String(error);
    deps.log.error(`complete ${fn.name}: ${message}`);
    return void vscode.window.showErrorMessage(`Cascade: ${message}`);
  }
  const ms = Date.now() - started;
  deps.status.result(result, ms);
  deps.log.info(`complete ${fn.name}: ${summarizeResult(result, ms)}`);
  deps.log.debug(JSON.stringify(result.trace));
  for (const failed of result.trace.filter((t) => t.error)) void showSettingsError(`Tier ${failed.tier + 1} was skipped: ${failed.error}`);
  if (!result.completion) return void vscode.window.showWarningMessage(`Cascade: ${summarizeResult(result, ms)}.`);
  if (editor.document.version !== version) {
    return void vscode.window.showWarningMessage('Cascade: the document changed while the cascade ran; nothing was inserted. Run the command again.');
  }
  await editor.edit((edit) => edit.insert(position, result.completion));
  const action = result.verdict === 'unverifiable' ? 'Why not tested?' : 'Show tests';
  // Not awaited: the command is done once the edit is in; the notification can wait for the user.
  void vscode.window.showInformationMessage(`Cascade: ${summarizeResult(result, ms)}.`, action).then((choice) => {
    if (choice === action) return showTests(session, { document, language, cursor, project }, fn.name, result, editor.document.languageId, deps);
  });
}

/**
 * Opens the tests of the tier that answered, run again against the inserted completion with
 * their outcomes and the program they ran in (the same report as `cascade verify`).
 */
async function showTests(
  session: EngineSession,
  request: Pick<SessionRequest, 'document' | 'language' | 'cursor' | 'project'>,
  name: string,
  result: CascadeResult,
  languageId: string,
  deps: CommandDeps,
): Promise<void> {
  let content: string;
  if (result.verdict === 'unverifiable' || result.asserts.length === 0) {
    content = formatTestReport(name, result, undefined);
  } else {
    try {
      content = formatTestReport(name, result, await session.verify(request, result.completion, result.asserts));
    } catch (error) {
      deps.log.error(`show tests for ${name}: ${error instanceof Error ? error.message : String(error)}`);
      content = formatTestReport(name, result, undefined);
    }
  }
  const doc = await vscode.workspace.openTextDocument({ content, language: languageId });
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
}
