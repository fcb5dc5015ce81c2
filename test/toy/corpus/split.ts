import type { Language, Param, Rng, TaskKind } from './TaskKind';

/** The parts of a variant that the held-out split keeps from training. */
export type HeldPart = 'name' | 'phrasing' | 'value';

/** Which held-out parts a held-out variant has: one of them, or all the kind has. */
export type HeldMode = HeldPart | 'all';

/** One variant of a task kind: indices into its lists, and its parameterisation. */
export interface Choice {
  kind: TaskKind;
  language: Language;
  name: number;
  phrasing: number;
  /** Index of the parameter-name set (of the constructor's and the method's, for a class kind). */
  params: number;
  value?: Param;
}

const paramSets = (kind: TaskKind): number => (kind.type === 'class' ? kind.ctorParams.length : kind.params.length);
const sameValue = (a: Param, b: Param): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The held-out parts of a choice. By convention a kind's last name and last phrasing are held
 * out, and so are its `heldValues`; training uses only choices with none of them.
 */
export function heldPartsOf(choice: Choice): HeldPart[] {
  const { kind } = choice;
  const parts: HeldPart[] = [];
  if (choice.name === kind.names.length - 1) parts.push('name');
  if (choice.phrasing === kind.phrasings.length - 1) parts.push('phrasing');
  if (choice.value !== undefined && kind.heldValues?.some((v) => sameValue(v, choice.value!))) parts.push('value');
  return parts;
}

/** A choice for training: no held-out name, phrasing or parameterisation. */
export function trainedChoice(kind: TaskKind, language: Language, rng: Rng): Choice {
  return {
    kind,
    language,
    name: rng.int(0, kind.names.length - 2),
    phrasing: rng.int(0, kind.phrasings.length - 2),
    params: rng.int(0, paramSets(kind) - 1),
    value: kind.values ? rng.pick(kind.values) : undefined,
  };
}

/** The held-out modes a kind offers ('value' only for a parameterised kind). */
export function heldModesOf(kind: TaskKind): HeldMode[] {
  return kind.heldValues ? ['name', 'phrasing', 'value', 'all'] : ['name', 'phrasing', 'all'];
}

/** A held-out choice: the parts `mode` names are held out, the others trained. */
export function heldOutChoice(kind: TaskKind, language: Language, rng: Rng, mode: HeldMode): Choice {
  const base = trainedChoice(kind, language, rng);
  const held = (part: HeldPart) => mode === part || mode === 'all';
  return {
    ...base,
    name: held('name') ? kind.names.length - 1 : base.name,
    phrasing: held('phrasing') ? kind.phrasings.length - 1 : base.phrasing,
    value: held('value') && kind.heldValues ? rng.pick(kind.heldValues) : base.value,
  };
}
