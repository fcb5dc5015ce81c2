import { withAssert } from '../context/planProgram';
import type { RunRequest, Sandbox, SandboxLanguage } from '../sandbox/Sandbox';

/** How every program of a pass matrix runs. */
export interface MatrixContext {
  sandbox: Sandbox;
  language: SandboxLanguage;
  /** Where the programs' imports resolve (see RunRequest.modules). */
  modules?: RunRequest['modules'];
  runTimeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Executes every candidate against every single assert, each in its own sandbox run, and
 * returns the candidates × asserts pass matrix. `programs` holds each candidate's test
 * program (planProgram); a candidate without one (it did not parse, or cannot be tested)
 * fails everything without running; identical programs (common with greedy decoding) run once.
 */
export async function runPassMatrix(
  programs: readonly (string | undefined)[],
  asserts: string[],
  ctx: MatrixContext,
): Promise<number[][]> {
  const rowsByProgram = new Map<string, Promise<number[]>>();
  const runRow = (program: string): Promise<number[]> =>
    Promise.all(
      asserts.map(async (assertion) => {
        const outcome = await ctx.sandbox.run(
          { code: withAssert(program, assertion), language: ctx.language, timeoutMs: ctx.runTimeoutMs, modules: ctx.modules },
          ctx.signal,
        );
        return outcome.status === 'pass' ? 1 : 0;
      }),
    );
  return Promise.all(
    programs.map((program) => {
      if (program === undefined) return asserts.map(() => 0);
      let row = rowsByProgram.get(program);
      if (!row) rowsByProgram.set(program, (row = runRow(program)));
      return row;
    }),
  );
}
