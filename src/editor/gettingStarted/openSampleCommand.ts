import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';

/**
 * "Cascade: open the sample file": a fresh copy of media/walkthrough/sample.js in the
 * extension's storage (an edited copy that is open and unsaved is shown as it is), with the
 * cursor on the empty line of the function's body.
 */
export async function openSampleCommand(extensionUri: vscode.Uri, storageDir: string): Promise<void> {
  const target = path.join(storageDir, 'sample', 'sample.js');
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.fsPath === target);
  if (!open?.isDirty) {
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(vscode.Uri.joinPath(extensionUri, 'media', 'walkthrough', 'sample.js').fsPath, target);
  }
  const doc = open ?? (await vscode.workspace.openTextDocument(target));
  const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  const text = doc.getText().split('\n');
  const fn = text.findIndex((line) => /^function /.test(line));
  const body = text.findIndex((line, i) => i > fn && line.trim() === '');
  if (fn >= 0 && body >= 0) {
    const cursor = new vscode.Position(body, text[body].length);
    editor.selection = new vscode.Selection(cursor, cursor);
    editor.revealRange(new vscode.Range(cursor, cursor));
  }
}
