import { existsSync, readFileSync } from 'node:fs';
import { withAssert } from '../../src/engine/context/planProgram';
import { sharedDataset } from './sharedDatasets';

/** The shared benchmark data, read in place (never copied into the project). */
const HUMANEVALPACK = sharedDataset('humanevalpack-js.jsonl');
const MULTIPLE = sharedDataset('multipl-e_humaneval-js-reworded.jsonl');

/** One HumanEval problem as the cascade would test it: a function and single-line asserts. */
export interface AssertSizedProblem {
  /** HumanEval's number. */
  id: number;
  /** The canonical solution with its doc comment (HumanEvalPack JS). */
  solution: string;
  /** A realistic wrong one (HumanEvalPack's buggy solution). */
  buggy: string;
  /** MultiPL-E's asserts for the problem, calling the function by its HumanEvalPack name. */
  asserts: string[];
}

/** Whether the datasets are there (benchmarks and tests skip without them). */
export function haveHumanEval(): boolean {
  return existsSync(HUMANEVALPACK) && existsSync(MULTIPLE);
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

interface Pack {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  buggy_solution: string;
  test: string;
  entry_point: string;
}

/** HumanEvalPack's 164 canonical solutions, each with its own test function: whole programs. */
export function wholePrograms(): string[] {
  return readJsonl<Pack>(HUMANEVALPACK).map((p) => `${p.prompt}${p.canonical_solution}\n${p.test}`);
}

/**
 * HumanEval's JavaScript problems with MultiPL-E's asserts (`assert.deepEqual(candidate(…), …)`,
 * `candidate` renamed to HumanEvalPack's entry point): 161 problems, 1,130 asserts.
 */
export function assertSizedProblems(): AssertSizedProblem[] {
  const packs = new Map(readJsonl<Pack>(HUMANEVALPACK).map((p) => [Number(p.task_id.split('/')[1]), p]));
  return readJsonl<{ name: string; tests: string }>(MULTIPLE).flatMap((m) => {
    const id = Number(m.name.split('_')[1]);
    const pack = packs.get(id);
    if (!pack) return [];
    const asserts = m.tests
      .split('\n')
      .filter((line) => /^\s*assert\./.test(line))
      .map((line) => line.trim().replace(/\bcandidate\(/g, `${pack.entry_point}(`));
    return [{ id, solution: pack.prompt + pack.canonical_solution, buggy: pack.prompt + pack.buggy_solution, asserts }];
  });
}

/** Every (solution, assert) pair as the program the cascade runs for it (withAssert). */
export function assertSizedPrograms(problems: AssertSizedProblem[]): { id: string; code: string }[] {
  return problems.flatMap((p) => p.asserts.map((assertion, i) => ({ id: `${p.id}/${i}`, code: withAssert(p.solution, assertion) })));
}
