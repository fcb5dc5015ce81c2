import type { SandboxLanguage } from '../Sandbox';
import { hasTopLevelAwait, transpileProgram } from './transpileTypeScript';

/** Source that uses promises through syntax the sandbox cannot observe natively. */
export const ASYNC_SYNTAX = /\b(?:async|await)\b/;
/** ES module syntax, which a classic script cannot parse. */
export const MODULE_SYNTAX = /^\s*(?:import|export)\b(?!\s*\()/m;

/**
 * Turns a program into the classic script QuickJS runs:
 * - TypeScript and ES-module code is transpiled to a CommonJS script (types removed);
 * - code with async syntax is downlevelled so its promises go through the tracked global
 *   `Promise` (native async functions would hide unhandled rejections), and top-level
 *   `await` is wrapped in an async function whose promise becomes the script's completion
 *   value, which the run waits for.
 * Plain synchronous JavaScript, the common case, is returned unchanged without loading the
 * compiler. Throws TranspileError on a syntax error found while transpiling.
 */
export function prepareProgram(code: string, language: SandboxLanguage): string {
  let script = code;
  if (language === 'ts' || MODULE_SYNTAX.test(script)) {
    script = transpileProgram(script, { language, target: 'es2022' });
  }
  if (!ASYNC_SYNTAX.test(script)) return script;
  if (hasTopLevelAwait(script)) script = `(async () => {\n${script}\n})();`;
  return transpileProgram(script, { language: 'js', target: 'es2016' });
}
