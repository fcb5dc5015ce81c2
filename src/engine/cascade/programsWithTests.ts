import type { DocumentContext } from '../context/DocumentContext';
import { planProgram, type ProgramPlan } from '../context/planProgram';
import type { CandidateTrace } from './CascadeResult';

/**
 * Each runnable candidate's program, sliced again with the asserts' own needs (a test may
 * build another class of the file); the verdict of the first slice stands.
 */
export function programsWithTests(
  ctx: { context: DocumentContext },
  candidates: readonly CandidateTrace[],
  plans: readonly (ProgramPlan | undefined)[],
  asserts: readonly string[],
): Promise<(string | undefined)[]> {
  return Promise.all(candidates.map(async (candidate, i) => {
    if (!plans[i]?.testable) return undefined;
    const plan = asserts.length > 0 ? await planProgram(ctx.context, candidate.functionText, asserts) : plans[i];
    return plan.testable ? plan.program : undefined;
  }));
}
