import { contextFunction } from './examples';
import { TASK_KINDS } from './kinds/index';
import { renderVariant, type Variant } from './renderVariant';
import { heldModesOf, heldOutChoice, type HeldMode, type HeldPart } from './split';
import { Rng, type Language, type Level } from './TaskKind';
import { assertText, testCases } from './testCases';

/** One line of models/toy/bench.jsonl: MultiPL-E's fields (what `cascade bench` reads), then the corpus's own. */
export interface BenchLine {
  /** `toy_<n>_<function>`: MultiPL-E's `<dataset>_<n>_<entry point>`. */
  name: string;
  language: 'js' | 'ts';
  /** The file up to the cursor: it ends with the function's `{`, a newline and the body's indentation. */
  prompt: string;
  /** The official tests: the program is prompt + completion + "\n" + tests. */
  tests: string;
  kind: string;
  level: Level;
  /** Which parts were never trained on. */
  heldOut: HeldPart[];
  /** The reference completion (the corpus's middle). */
  canonical_solution: string;
}

/** Problems per kind: held-out modes in turn, JS and TS alternating. */
export const PROBLEMS_PER_KIND = 5;
const OFFICIAL_TESTS = 6;

const indent = (text: string, by: string): string => text.split('\n').map((line) => by + line).join('\n');

/** The official tests as MultiPL-E writes them: a test() function of asserts, called once. */
export function officialTests(variant: Variant, rng: Rng): string {
  const cases = testCases(variant, rng, OFFICIAL_TESTS);
  const lines = variant.className
    ? cases.map((test) => indent(assertText(variant, test, 'subject'), '  '))
    : ['  let candidate = ' + variant.name + ';', ...cases.map((test) => `  assert.deepStrictEqual(candidate(${test.args}), ${test.expected});`)];
  // A method's class is still open where the prompt ends: the tests close it first.
  const close = variant.className ? '}\n\n' : '';
  return `${close}const assert = require('node:assert');\n\nfunction test() {\n${lines.join('\n')}\n}\n\ntest();\n`;
}

/**
 * The held-out benchmark: PROBLEMS_PER_KIND problems of every kind, each with at least one
 * part (name, phrasing, parameterisation) never trained on, cycling through the kind's
 * held-out modes; a quarter of the prompts start with another (trained) function of the file.
 */
export function benchProblems(seed: number): BenchLine[] {
  const rng = new Rng(seed * 7919 + 17);
  const lines: BenchLine[] = [];
  const prompts = new Set<string>();
  for (const [k, kind] of TASK_KINDS.entries()) {
    const modes = heldModesOf(kind);
    for (let i = 0; i < PROBLEMS_PER_KIND; i++) {
      const language: Language = (k + i) % 2 === 0 ? 'javascript' : 'typescript';
      const mode: HeldMode = modes[i % modes.length];
      let variant = renderVariant(heldOutChoice(kind, language, rng, mode));
      for (let tries = 0; tries < 20 && prompts.has(variant.head); tries++) variant = renderVariant(heldOutChoice(kind, language, rng, mode));
      prompts.add(variant.head);
      const before = rng.chance(0.25) ? `${contextFunction(rng, language, kind.id).source}\n\n` : '';
      lines.push({
        name: `toy_${lines.length}_${variant.name}`,
        language: language === 'javascript' ? 'js' : 'ts',
        prompt: before + variant.head,
        tests: officialTests(variant, rng),
        kind: kind.id,
        level: kind.level,
        heldOut: variant.heldOut,
        canonical_solution: variant.middle,
      });
    }
  }
  return lines;
}
