import type { Choice, HeldPart } from './split';
import { heldPartsOf } from './split';
import type { ClassKind, FunctionKind, Language, Naming, Param } from './TaskKind';

/** One function (or class with the method) of the corpus, cut where the cursor goes. */
export interface Variant {
  choice: Choice;
  language: Language;
  /** The function's name (the method's, for a class kind). */
  name: string;
  /** The class, for a class kind. */
  className?: string;
  /** The doc line's text. */
  doc: string;
  heldOut: HeldPart[];
  /** The declaration (function, or class) as it reads when complete. */
  source: string;
  /** `source` up to the cursor: it ends with the header's `{`, a newline and the body's indentation. */
  head: string;
  /** From the cursor to the function's closing `}` (inclusive): what the model writes. */
  middle: string;
  /** What an editor that auto-closes brackets leaves right after the cursor: `\n}` (`\n  }` in a class). */
  closing: string;
  /** What follows the function's `}` in `source`: nothing, or the class's `\n}`. */
  tail: string;
}

/** `{v}` → the parameterisation, `{V}` → it capitalised. */
export function nameWith(template: string, v: Param | undefined): string {
  const text = v === undefined ? '' : String(v);
  return template.replace('{v}', text).replace('{V}', text.charAt(0).toUpperCase() + text.slice(1));
}

/** Body lines after the first are indented by `indent` (the first follows the cursor). */
const indentBody = (lines: readonly string[], indent: string): string => lines.map((line, i) => (i === 0 ? line : indent + line)).join('\n');

const signature = (names: readonly string[], types: readonly string[], ts: boolean): string =>
  names.map((n, i) => (ts ? `${n}: ${types[i]}` : n)).join(', ');

/** Renders a choice in its language. */
export function renderVariant(choice: Choice): Variant {
  return choice.kind.type === 'class' ? renderClass(choice, choice.kind) : renderFunction(choice, choice.kind);
}

function renderFunction(choice: Choice, kind: FunctionKind): Variant {
  const ts = choice.language === 'typescript';
  const name = nameWith(kind.names[choice.name], choice.value);
  const p = kind.params[choice.params];
  const naming: Naming = { name, p, v: choice.value, ts };
  const doc = kind.phrasings[choice.phrasing](naming);
  const returns = ts ? `: ${kind.types.returns}` : '';
  const head = `/** ${doc} */\nfunction ${name}(${signature(p, kind.types.params, ts)})${returns} {\n  `;
  const middle = `${indentBody(kind.body(naming), '  ')}\n}`;
  return { choice, language: choice.language, name, doc, heldOut: heldPartsOf(choice), source: head + middle, head, middle, closing: '\n}', tail: '' };
}

function renderClass(choice: Choice, kind: ClassKind): Variant {
  const ts = choice.language === 'typescript';
  const [className, name] = kind.names[choice.name];
  const ctor = kind.ctorParams[choice.params % kind.ctorParams.length];
  const p = kind.params[choice.params % kind.params.length];
  const naming: Naming = { name, p, v: choice.value, ts };
  const doc = kind.phrasings[choice.phrasing](naming);
  const lines = [
    `/** ${kind.classDoc} */`,
    `class ${className} {`,
    ...(ts ? [...kind.fields.map((f) => `  ${f.name}: ${f.type};`), ''] : []),
    `  constructor(${signature(ctor, kind.ctorTypes, ts)}) {`,
    ...kind.ctorBody(ctor).map((line) => `    ${line}`),
    '  }',
    '',
    `  /** ${doc} */`,
    `  ${name}(${signature(p, kind.types.params, ts)})${ts ? `: ${kind.types.returns}` : ''} {`,
  ];
  const head = `${lines.join('\n')}\n    `;
  const middle = `${indentBody(kind.body(naming), '    ')}\n  }`;
  const tail = '\n}';
  return { choice, language: choice.language, name, className, doc, heldOut: heldPartsOf(choice), source: head + middle + tail, head, middle, closing: '\n  }', tail };
}
