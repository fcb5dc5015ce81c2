import type { FunctionAtCursor } from '../extract/FunctionAtCursor';

const METHOD_MODIFIERS = /^(?:(?:public|private|protected|static|readonly|override|abstract)\s+)+/;
const EXPORT_PREFIX = /^export\s+(?:default\s+)?/;

/**
 * Turns a completed function into a standalone script declaration: sandboxed programs are
 * scripts, so `export` is dropped, and a method becomes a plain function of the same name
 * (a method that relies on `this` then fails its asserts, and the cascade escalates).
 */
export function toStandaloneFunction(fn: Pick<FunctionAtCursor, 'kind'>, functionText: string): string {
  if (fn.kind === 'method') {
    const body = functionText.replace(METHOD_MODIFIERS, '');
    return body.startsWith('async ') ? `async function ${body.slice('async '.length)}` : `function ${body}`;
  }
  return functionText.replace(EXPORT_PREFIX, '');
}

/** One sandbox program: the candidate function followed by a single assert. */
export function buildTestProgram(fn: Pick<FunctionAtCursor, 'kind'>, functionText: string, assertion: string): string {
  return `const assert = require('node:assert');\n${toStandaloneFunction(fn, functionText)}\n;\n${assertion}\n`;
}
