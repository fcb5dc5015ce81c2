import type { CandidateTrace } from '../cascade/CascadeResult';
import type { Sandbox } from '../sandbox/Sandbox';
import type { BenchProblem } from './readBenchProblems';

/** Wall-clock limit for one candidate's official test program, ms (a whole test suite, not one assert). */
export const GROUND_TRUTH_TIMEOUT_MS = 5000;

/**
 * Runs each candidate against the problem's official tests (ground truth): the program is
 * prompt + completion + "\n" + tests, as the datasets define it, so a candidate counts as
 * correct exactly when inserting its completion at the cursor solves the problem. Identical
 * completions run once. Returns one boolean per candidate.
 */
export async function checkCandidates(
  problem: BenchProblem,
  candidates: CandidateTrace[],
  sandbox: Sandbox,
  signal?: AbortSignal,
): Promise<boolean[]> {
  const byCompletion = new Map<string, Promise<boolean>>();
  const check = (completion: string) =>
    sandbox
      .run(
        {
          code: `${problem.prompt}${completion}\n${problem.tests}`,
          language: problem.language === 'javascript' ? 'js' : 'ts',
          timeoutMs: GROUND_TRUTH_TIMEOUT_MS,
        },
        signal,
      )
      .then((outcome) => outcome.status === 'pass');
  return Promise.all(
    candidates.map(({ completion }) => {
      let result = byCompletion.get(completion);
      if (!result) byCompletion.set(completion, (result = check(completion)));
      return result;
    }),
  );
}
