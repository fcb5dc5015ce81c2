import type { FunctionKind, TaskKind } from '../TaskKind';
import { ARITHMETIC } from './arithmetic';
import { CLASSES } from './classes';
import { CONDITIONALS } from './conditionals';
import { LOOPS } from './loops';
import { RECURSION } from './recursion';

/** Every task kind of the toy corpus, by level. */
export const TASK_KINDS: readonly TaskKind[] = [...ARITHMETIC, ...CONDITIONALS, ...LOOPS, ...RECURSION, ...CLASSES];

/** The kinds that are top-level functions (they also serve as the other functions of a file). */
export const FUNCTION_KINDS: readonly FunctionKind[] = TASK_KINDS.filter((k): k is FunctionKind => k.type === 'function');
