import type * as TypeScript from 'typescript';

/** A program the TypeScript compiler could not parse. */
export class TranspileError extends Error {
  override name = 'SyntaxError';
}

let compiler: typeof TypeScript | undefined;

/** `typescript` is large (~9 MB): loaded on first use, so plain-JS runs never pay for it. */
function typescript(): typeof TypeScript {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compiler ??= require('typescript') as typeof TypeScript;
  return compiler;
}

export interface TranspileOptions {
  /** Parse as TypeScript (`'ts'`) or JavaScript (`'js'`), with JSX (`'tsx'`, `'jsx'`: `React.createElement` calls). */
  language: 'js' | 'ts' | 'jsx' | 'tsx';
  /**
   * Output language level. `'es2022'` keeps modern syntax (only types and ESM are
   * removed); `'es2016'` also rewrites async functions into generators driven by the global
   * `Promise`, which is what lets the sandbox see their rejections.
   */
  target: 'es2022' | 'es2016';
}

/**
 * Transpiles one program to a CommonJS script (imports become `require` calls) and throws
 * TranspileError on a syntax error. No type checking: types are only removed.
 */
export function transpileProgram(code: string, options: TranspileOptions): string {
  const ts = typescript();
  const output = ts.transpileModule(code, {
    fileName: `program.${options.language}`,
    reportDiagnostics: true,
    compilerOptions: {
      target: options.target === 'es2016' ? ts.ScriptTarget.ES2016 : ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      useDefineForClassFields: true,
      allowJs: true,
      jsx: ts.JsxEmit.React,
      sourceMap: false,
    },
  });
  const problem = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (problem) throw new TranspileError(ts.flattenDiagnosticMessageText(problem.messageText, ' '));
  return output.outputText;
}

/** True when `code` (JavaScript) has an `await` outside every function: top-level await. */
export function hasTopLevelAwait(code: string): boolean {
  const ts = typescript();
  const file = ts.createSourceFile('program.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const visit = (node: TypeScript.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return false;
    if (ts.isAwaitExpression(node)) return true;
    if (ts.isForOfStatement(node) && node.awaitModifier) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return ts.forEachChild(file, visit) ?? false;
}
