import type { SourceLanguage } from './FunctionAtCursor';
import { cutBracedFunction } from './cutBracedFunction';
import { cutPythonFunction } from './cutPythonFunction';

/** A model continuation cut at the end of the function it completes. */
export type CutResult =
  | {
      ok: true;
      /** The part of the generated text that completes the function (a prefix of it). */
      completion: string;
      /** `functionSoFar + completion`: the whole function. */
      functionText: string;
    }
  | { ok: false; reason: string };

/**
 * Finds where the function really ends in `functionSoFar + generated` and drops whatever the
 * model wrote after it (more code, prose, markdown fences). `functionSoFar` is the document
 * from the function's start to the cursor. JavaScript/TypeScript: the function ends at the
 * `}` that closes its body (plus a `;` the model put after a `const f = () => {…}`); Python:
 * at the end of its indented body, without trailing blank lines. Fails when the result is not
 * one complete, cleanly parsing function.
 */
export function cutCompletedFunction(functionSoFar: string, generated: string, language: SourceLanguage): Promise<CutResult> {
  return language === 'python'
    ? cutPythonFunction(functionSoFar, generated)
    : cutBracedFunction(functionSoFar, generated, language);
}
