import type { FunctionAtCursor } from '../extract/FunctionAtCursor';

const METHOD_MODIFIERS = /^(?:(?:public|private|protected|static|readonly|override|abstract)\s+)+/;
const EXPORT_PREFIX = /^export\s+(?:default\s+)?/;

/**
 * Turns a completed function into a standalone script declaration, for a function that tests
 * cannot reach where it is (nested in another function): `export` is dropped, and a method
 * becomes a plain function of the same name.
 */
export function toStandaloneFunction(fn: Pick<FunctionAtCursor, 'kind'>, functionText: string): string {
  if (fn.kind === 'method') {
    const body = functionText.replace(METHOD_MODIFIERS, '');
    return body.startsWith('async ') ? `async function ${body.slice('async '.length)}` : `function ${body}`;
  }
  return functionText.replace(EXPORT_PREFIX, '');
}
