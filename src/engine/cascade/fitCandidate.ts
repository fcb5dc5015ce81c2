import { cutCompletedFunction } from '../extract/cutCompletedFunction';
import type { FunctionAtCursor } from '../extract/FunctionAtCursor';

/** A generation fitted to the document. */
export interface FittedCandidate {
  /** Text to insert at the cursor (nothing is replaced). */
  completion: string;
  /** The completed function as it will read in the document after insertion. */
  functionText: string;
  usable: boolean;
  reason?: string;
}

// The rest of a function after the cursor that only closes it (what auto-closing brackets leave).
const CLOSING_ONLY = /^\s*\}\s*[;)]?\s*$/;

/**
 * Fits a model's output to the function at the cursor so that inserting `completion` at the
 * cursor yields a complete function and never duplicates the closing brace the document
 * already has:
 * - function still open in the document: cut the output at the function's real end;
 * - function already closed (e.g. an auto-closed `{}`): keep the output if it fits between the
 *   cursor and the existing tail; if the model closed the function itself and the tail only
 *   closes it, drop the model's own closing part.
 * Unusable output is still returned (raw) so the last tier can fall back to it.
 */
export async function fitCandidate(document: string, fn: FunctionAtCursor, generated: string): Promise<FittedCandidate> {
  const soFar = document.slice(fn.start, fn.cursor);
  if (fn.end === undefined) {
    const cut = await cutCompletedFunction(soFar, generated, fn.language);
    return cut.ok
      ? { completion: cut.completion, functionText: cut.functionText, usable: true }
      : { completion: generated, functionText: soFar + generated, usable: false, reason: cut.reason };
  }
  const tail = document.slice(fn.cursor, fn.end);
  const middle = await fitsBeforeTail(soFar, generated, tail, fn);
  if (middle !== undefined) return { completion: middle, functionText: soFar + middle + tail, usable: true };
  const own = await cutCompletedFunction(soFar, generated, fn.language);
  if (own.ok && CLOSING_ONLY.test(tail)) {
    const inner = own.completion.slice(0, own.completion.lastIndexOf('}')).replace(/\s+$/, '');
    const refit = await fitsBeforeTail(soFar, inner, tail, fn);
    if (refit !== undefined) return { completion: refit, functionText: soFar + refit + tail, usable: true };
  }
  const reason = own.ok ? 'the completion closes the function before the code after the cursor' : own.reason;
  return { completion: generated, functionText: soFar + generated + tail, usable: false, reason };
}

/** Returns `middle` when soFar + middle + tail is exactly one complete function. */
async function fitsBeforeTail(soFar: string, middle: string, tail: string, fn: FunctionAtCursor): Promise<string | undefined> {
  const cut = await cutCompletedFunction(soFar, middle + tail, fn.language);
  if (!cut.ok) return undefined;
  const endsAtTail = cut.completion.trimEnd().length >= (middle + tail).trimEnd().length;
  return endsAtTail ? middle : undefined;
}
