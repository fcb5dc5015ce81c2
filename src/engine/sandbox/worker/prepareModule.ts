import path from 'node:path';
import { ASYNC_SYNTAX, MODULE_SYNTAX } from './prepareProgram';
import { transpileProgram, type TranspileOptions } from './transpileTypeScript';

/** The parser each module extension needs; anything else is JavaScript, as in Node. */
const LANGUAGES: Readonly<Record<string, TranspileOptions['language']>> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.jsx': 'jsx',
};

/**
 * Turns a module file's source into the body of its CommonJS wrapper, as prepareProgram does
 * for a program: TypeScript, JSX and ES-module syntax are transpiled to CommonJS (imports
 * become `require` calls), and async code is downlevelled so its promises are tracked. Top-
 * level await stays a syntax error, as for `require()` of such a module in Node. A `#!` line
 * is dropped. Plain CommonJS comes back unchanged without loading the compiler. Throws
 * TranspileError on a syntax error found while transpiling.
 */
export function prepareModule(source: string, file: string): string {
  const script = source.startsWith('#!') ? source.replace(/^#!.*/, '') : source;
  const language = LANGUAGES[path.extname(file)] ?? 'js';
  const target = ASYNC_SYNTAX.test(script) ? 'es2016' : 'es2022';
  if (language === 'js' && target === 'es2022' && !MODULE_SYNTAX.test(script)) return script;
  return transpileProgram(script, { language, target });
}
