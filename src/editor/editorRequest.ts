import path from 'node:path';
import type * as vscode from 'vscode';
import { cursorWindow, findProjectRoot, type ProjectLocation } from '../engine';

/** What the engine needs from an editor document at a position. */
export interface EditorRequest {
  /** The window of the document around the cursor that prompts and extraction work on. */
  text: string;
  cursor: number;
  /** Where the document is on disk (for its imports), unless it is unsaved. */
  project: ProjectLocation;
  /** The whole document, when `text` is only a window of it. */
  whole?: { text: string; offset: number };
}

/**
 * Converts a document and position to engine input: a window around the cursor (see
 * cursorWindow), the whole text when the window is smaller (verification slices the whole
 * file), and the file's path and project root (the nearest folder with a package.json).
 */
export function editorRequest(document: vscode.TextDocument, position: vscode.Position): EditorRequest {
  const whole = document.getText();
  const window = cursorWindow(whole, document.offsetAt(position));
  const file = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
  const project = file ? { file, root: findProjectRoot(file) ?? path.dirname(file) } : {};
  return {
    text: window.text,
    cursor: window.cursor,
    project,
    ...(window.text.length < whole.length ? { whole: { text: whole, offset: window.offset } } : {}),
  };
}
