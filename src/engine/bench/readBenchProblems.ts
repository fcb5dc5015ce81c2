import { DataFormatError } from '../errors';
import { readJsonLines } from './readJsonLines';

/** One benchmark problem, whatever dataset it came from. */
export interface BenchProblem {
  /** `task_id` (HumanEvalPack) or `name` (MultiPL-E). */
  id: string;
  /** The document to complete: it ends inside the body of the function to write. */
  prompt: string;
  /** The official tests: the program is prompt + completion + "\n" + tests. */
  tests: string;
  language: 'javascript' | 'typescript';
  /** The function to complete. */
  entryPoint: string;
}

const str = (record: Record<string, unknown>, field: string): string | undefined =>
  typeof record[field] === 'string' ? (record[field] as string) : undefined;

/** The last function a HumanEval-X `declaration` declares (`const name = (…) =>` or `function name(`). */
const declaredFunction = (declaration: string | undefined): string | undefined =>
  [...(declaration ?? '').matchAll(/(?:\bconst\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?\(|\bfunction\s+([A-Za-z_$][\w$]*)\s*\()/g)].map((m) => m[1] ?? m[2]).at(-1);

/**
 * A problem from one parsed dataset line: HumanEvalPack JS (`task_id`, `prompt`, `test`,
 * `entry_point`), HumanEval-X JS (the same without `entry_point`: the function its
 * `declaration` declares) or MultiPL-E JS/TS (`name`, `language`, `prompt`, `tests`; the
 * function name is the part of `name` after the number). Returns undefined for any other shape.
 */
export function toBenchProblem(record: Record<string, unknown>): BenchProblem | undefined {
  const [taskId, prompt, test] = ['task_id', 'prompt', 'test'].map((f) => str(record, f));
  const entryPoint = str(record, 'entry_point') ?? declaredFunction(str(record, 'declaration'));
  if (taskId && prompt !== undefined && test !== undefined && entryPoint) {
    return { id: taskId, prompt, tests: test, language: 'javascript', entryPoint };
  }
  const [name, language, tests] = ['name', 'language', 'tests'].map((f) => str(record, f));
  const fn = /^[^_]+_\d+_(.+)$/.exec(name ?? '')?.[1];
  if (name && fn && prompt !== undefined && tests !== undefined && (language === 'js' || language === 'ts')) {
    return { id: name, prompt, tests, language: language === 'js' ? 'javascript' : 'typescript', entryPoint: fn };
  }
  return undefined;
}

/**
 * Reads a benchmark dataset (JSON Lines; see toBenchProblem for the formats). Throws
 * DataFormatError naming the file and line for an unreadable file, invalid JSON or a line of
 * another format.
 */
export function readBenchProblems(file: string): BenchProblem[] {
  return readJsonLines(file).map(({ value, where }) => {
    const problem = typeof value === 'object' && value !== null ? toBenchProblem(value as Record<string, unknown>) : undefined;
    if (!problem) throw new DataFormatError(`${where}: neither HumanEvalPack (task_id, prompt, test, entry_point), HumanEval-X JS (task_id, prompt, test, declaration) nor MultiPL-E JS/TS (name, language, prompt, tests)`);
    return problem;
  });
}
