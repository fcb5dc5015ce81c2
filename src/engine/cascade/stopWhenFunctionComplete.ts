import { cutBracedFunction } from '../extract/cutBracedFunction';
import type { CutResult } from '../extract/cutCompletedFunction';
import type { FunctionAtCursor } from '../extract/FunctionAtCursor';
import { cutPythonFunction } from '../extract/cutPythonFunction';
import type { GenerateOptions } from '../model/ModelBackend';

/**
 * A `stopAt` for a candidate of the function at the cursor: it stops the generation once the
 * model's text completes the function — the end fitCandidate finds there (for a function
 * the document already closes: the model closing it itself, after which nothing it writes can
 * fit before the document's tail). It runs on every chunk, so it stays cheap: tree-sitter
 * (cutCompletedFunction's cuts) only looks when a chunk could have ended the function — a new
 * `}` followed by something (so that a `;` after it is kept), and only at the new braces; in
 * Python a line starting at or left of the `def`'s column — and a cut counts only once text
 * follows it.
 */
export function stopWhenFunctionComplete(document: string, fn: FunctionAtCursor): NonNullable<GenerateOptions['stopAt']> {
  const soFar = document.slice(fn.start, fn.cursor);
  const length = (cut: CutResult) => (cut.ok ? cut.completion.length : undefined);
  if (fn.language === 'python') {
    const mayEnd = dedentWatch(fn.start - (document.lastIndexOf('\n', fn.start - 1) + 1));
    // A cut at the end of the text may be a body still being written: the dedented line must be there.
    return (text) => (mayEnd(text) ? cutPythonFunction(soFar, text).then((cut) => {
      const at = length(cut);
      return at !== undefined && text.slice(at).trim() !== '' ? at : undefined;
    }) : undefined);
  }
  // Braces before this offset were tried (a brace at the very end is tried again once something follows it).
  let from = 0;
  return (text) => {
    const close = text.indexOf('}', from);
    if (close === -1 || close === text.length - 1) return undefined;
    from = text.length - 1;
    return cutBracedFunction(soFar, text, fn.language, close).then((cut) => {
      const at = length(cut);
      // A `;` may still join a cut at the end of the text.
      return at !== undefined && (at < text.length || text.endsWith(';')) ? at : undefined;
    });
  };
}
/** True when a line whose code starts at or left of `column` arrived since the last call. */
function dedentWatch(column: number): (text: string) => boolean {
  // The first newline whose line is not known yet to start left of the column or not.
  let from = 0;
  return (text) => {
    let found = false;
    for (let newline = text.indexOf('\n', from); newline !== -1; newline = text.indexOf('\n', newline + 1)) {
      const code = /[^ \t]/g;
      code.lastIndex = newline + 1;
      const first = code.exec(text);
      // Only indentation so far: looked at again with the next chunk.
      if (!first) break;
      if (!/[\r\n]/.test(first[0]) && first.index - newline - 1 <= column) found = true;
      from = newline + 1;
    }
    return found;
  };
}
