import type { FunctionAtCursor } from '../extract/FunctionAtCursor';
import type { Sandbox, SandboxLanguage } from '../sandbox/Sandbox';
import { buildTestProgram } from './buildTestProgram';
import type { CandidateTrace } from './CascadeResult';

interface MatrixContext {
  sandbox: Sandbox;
  runTimeoutMs: number;
  signal?: AbortSignal;
}

const sandboxLanguage = (fn: FunctionAtCursor): SandboxLanguage =>
  fn.language === 'javascript' ? 'js' : 'ts';

/**
 * Executes every candidate against every single assert, each in its own sandbox run, and
 * returns the candidates × asserts pass matrix. Unusable candidates (did not parse) fail
 * everything without running; identical candidates (common with greedy decoding) run once.
 */
export async function runPassMatrix(
  fn: FunctionAtCursor,
  candidates: CandidateTrace[],
  asserts: string[],
  ctx: MatrixContext,
): Promise<number[][]> {
  const rowsByText = new Map<string, Promise<number[]>>();
  const runRow = (functionText: string): Promise<number[]> =>
    Promise.all(
      asserts.map(async (assertion) => {
        const outcome = await ctx.sandbox.run(
          { code: buildTestProgram(fn, functionText, assertion), language: sandboxLanguage(fn), timeoutMs: ctx.runTimeoutMs },
          ctx.signal,
        );
        return outcome.status === 'pass' ? 1 : 0;
      }),
    );
  return Promise.all(
    candidates.map((candidate) => {
      if (!candidate.usable) return asserts.map(() => 0);
      let row = rowsByText.get(candidate.functionText);
      if (!row) rowsByText.set(candidate.functionText, (row = runRow(candidate.functionText)));
      return row;
    }),
  );
}
