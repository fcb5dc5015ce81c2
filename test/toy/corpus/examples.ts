import { capLines } from '../../../src/engine/model/promptWindow';
import { DEFAULT_SUFFIX_LINES } from '../../../src/engine/model/ModelBackend';
import { FUNCTION_KINDS } from './kinds/index';
import { renderVariant, type Variant } from './renderVariant';
import { trainedChoice } from './split';
import type { Language, Rng } from './TaskKind';
import { assertText, testCases } from './testCases';
import { testPromptOf } from './testPromptOf';

/**
 * Where the cursor's function stands in the file: `end` — nothing after the cursor (the
 * benchmark's case); `closed` — the editor auto-closed the `{` (suffix `\n}` …); `open` — not
 * closed, more functions below.
 */
export type Layout = 'end' | 'closed' | 'open';

/** A fill-in-the-middle example: the completion request Cascade sends, and the answer. */
export interface FimExample {
  format: 'fim';
  variant: Variant;
  layout: Layout;
  /** The whole file, the body not yet written; the cursor is at `prefix.length`. */
  document: string;
  /** The other functions of the file (trained variants of other kinds). */
  context: Variant[];
  prefix: string;
  /** The rest of the file as Cascade's backend sends it (at most DEFAULT_SUFFIX_LINES lines). */
  suffix: string;
  middle: string;
}

/** A test-generation example: Cascade's test prompt, continued with correct asserts. */
export interface TestExample {
  format: 'test';
  variant: Variant;
  prompt: string;
  prefill: string;
  /** The asserts, whole (the first starts with the prefill). */
  asserts: string[];
  /** What the model writes: the asserts after the prefill, each line ending with `\n`. */
  continuation: string;
}

export type Example = FimExample | TestExample;

/** A complete function of another kind, for the rest of the file (always a trained variant). */
export function contextFunction(rng: Rng, language: Language, not: string): Variant {
  const kinds = FUNCTION_KINDS.filter((k) => k.id !== not);
  return renderVariant(trainedChoice(rng.pick(kinds), language, rng));
}

const contextCount = (rng: Rng, min: number): number => Math.max(min, rng.chance(0.45) ? 0 : rng.chance(0.6) ? 1 : 2);

/**
 * A FIM example for the variant, in a file with 0–2 other functions before it and, unless at
 * the end, after it. The layout is drawn (35% end, 45% closed, 20% open) unless given.
 */
export function fimExample(variant: Variant, rng: Rng, given?: Layout): FimExample {
  const { language } = variant;
  const id = variant.choice.kind.id;
  const roll = rng.next();
  // A method's class left open with code below it would close the method with the class's brace: not a layout the corpus teaches.
  const drawn: Layout = roll < 0.35 ? 'end' : roll < 0.8 || variant.className ? 'closed' : 'open';
  const layout = given ?? drawn;
  if (layout === 'open' && variant.className) throw new Error('A method is never left open with code below it');
  const before = Array.from({ length: contextCount(rng, 0) }, () => contextFunction(rng, language, id));
  const after = layout === 'end' ? [] : Array.from({ length: contextCount(rng, layout === 'open' ? 1 : 0) }, () => contextFunction(rng, language, id));
  const prefix = before.map((f) => `${f.source}\n\n`).join('') + variant.head;
  const below = after.map((f) => `\n\n${f.source}`).join('');
  const rest = layout === 'end' ? '' : layout === 'closed' ? `${variant.closing}${variant.tail}${below}\n` : `${below}\n`;
  return {
    format: 'fim',
    variant,
    layout,
    document: prefix + rest,
    context: [...before, ...after],
    prefix,
    suffix: capLines(rest, DEFAULT_SUFFIX_LINES),
    middle: variant.middle,
  };
}

/** A test-prompt example for the variant with `count` asserts (fewer if the kind has fewer distinct inputs). */
export async function testExample(variant: Variant, rng: Rng, count: number): Promise<TestExample> {
  const { prompt, prefill, instance } = await testPromptOf(variant);
  const asserts = testCases(variant, rng, count).map((test) => assertText(variant, test, instance));
  if (!asserts[0]?.startsWith(prefill)) throw new Error(`The first assert of ${variant.name} does not continue the prefill ${JSON.stringify(prefill)}`);
  return { format: 'test', variant, prompt, prefill, asserts, continuation: `${asserts.join('\n').slice(prefill.length)}\n` };
}

export const FIM_PREFIX = '<|fim_prefix|>';
export const FIM_SUFFIX = '<|fim_suffix|>';
export const FIM_MIDDLE = '<|fim_middle|>';
export const END_OF_TEXT = '<|endoftext|>';

/**
 * An example as one JSON line with its segments apart (the trainer tokenizes each segment on
 * its own, as node-llama-cpp does with a request): `kind` fim (`prefix`, `suffix`, `middle`)
 * or test (`prompt`, `completion`), and the task kind, level, language and held-out parts.
 */
export function exampleRecord(example: Example): Record<string, unknown> {
  const { variant } = example;
  const about = {
    task: variant.choice.kind.id,
    level: variant.choice.kind.level,
    language: variant.language === 'javascript' ? 'js' : 'ts',
    name: variant.name,
    heldOut: variant.heldOut,
  };
  return example.format === 'fim'
    ? { kind: 'fim', prefix: example.prefix, suffix: example.suffix, middle: example.middle, layout: example.layout, ...about }
    : { kind: 'test', prompt: example.prompt, completion: example.continuation, ...about };
}

/** An example as training text (see /work/toy-corpus-format.md). */
export function exampleText(example: Example): string {
  return example.format === 'fim'
    ? `${FIM_PREFIX}${example.prefix}${FIM_SUFFIX}${example.suffix}${FIM_MIDDLE}${example.middle}${END_OF_TEXT}`
    : `${example.prompt}${example.continuation}${END_OF_TEXT}`;
}
