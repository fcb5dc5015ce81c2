import { TASK_KINDS } from './kinds/index';
import { nameWith } from './renderVariant';
import type { Choice } from './split';
import type { Param, TaskKind } from './TaskKind';

const sets = (kind: TaskKind) => (kind.type === 'class' ? kind.params : kind.params);
const valuesOf = (kind: TaskKind): (Param | undefined)[] => (kind.values ? [...kind.values, ...(kind.heldValues ?? [])] : [undefined]);

/** Every doc line a held-out part can produce: held-out phrasings with any names and values, any phrasing with a held-out value. */
export function heldOutDocs(): string[] {
  const docs = new Set<string>();
  for (const kind of TASK_KINDS) {
    const names = kind.names.map((n) => (typeof n === 'string' ? n : n[1]));
    kind.phrasings.forEach((phrasing, i) => {
      const held = i === kind.phrasings.length - 1;
      for (const v of held ? valuesOf(kind) : (kind.heldValues ?? [])) {
        for (const p of sets(kind)) for (const name of names) for (const ts of [false, true]) docs.add(`/** ${phrasing({ name: nameWith(name, v), p, v, ts })} */`);
      }
    });
  }
  return [...docs];
}

/** Every name a held-out part can produce: held-out names with any value, any name with a held-out value; held-out classes. */
export function heldOutNames(): string[] {
  const names = new Set<string>();
  for (const kind of TASK_KINDS) {
    if (kind.type === 'class') {
      const [className, method] = kind.names[kind.names.length - 1];
      names.add(className).add(method);
      continue;
    }
    kind.names.forEach((template, i) => {
      const held = i === kind.names.length - 1;
      // A name without the parameterisation in it is held out only as the kind's last name.
      const values = held ? valuesOf(kind) : template.includes('{') ? (kind.heldValues ?? []) : [];
      for (const v of values) names.add(nameWith(template, v));
    });
  }
  return [...names];
}

/**
 * The held-out texts that occur in a training text: doc lines of held-out phrasings or values,
 * and held-out names used as a name (`name(`, `.name(`, `class Name`, `new Name(`). Empty when
 * the training text never saw any held-out part.
 */
export function findLeaks(text: string): string[] {
  const leaks = heldOutDocs().filter((doc) => text.includes(doc));
  for (const name of heldOutNames()) {
    if (new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])\\s*\\(|class ${name}\\b`).test(text)) leaks.push(name);
  }
  return leaks;
}

/** A choice's identity for the split: kind, name, phrasing and parameterisation. */
export const tripleOf = (choice: Choice): string => JSON.stringify([choice.kind.id, choice.name, choice.phrasing, choice.value ?? null]);
