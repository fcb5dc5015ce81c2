import { exampleRecord, exampleText, fimExample, testExample, type Example } from './examples';
import { TASK_KINDS } from './kinds/index';
import { renderVariant } from './renderVariant';
import { heldModesOf, heldOutChoice, trainedChoice } from './split';
import { Rng, type Language } from './TaskKind';

/** What to generate. */
export interface CorpusOptions {
  seed: number;
  /** train: trained variants only; valid: held-out variants only (for the validation loss). */
  split: 'train' | 'valid';
  /** Share of FIM examples (the rest are test prompts). Default 0.5. */
  fimShare?: number;
}

/** Seeds of the independent streams, so that the training size never changes the validation text or the bench. */
const STREAM = { train: 1, valid: 2 } as const;

/**
 * Examples without end, deterministic for the options: a uniformly drawn kind, JS or TS, a
 * trained (or, for `valid`, held-out) variant, as a FIM example or a test prompt with 3–5 asserts.
 */
export async function* generateExamples(options: CorpusOptions): AsyncGenerator<Example> {
  const rng = new Rng(options.seed * 1000003 + STREAM[options.split]);
  const fimShare = options.fimShare ?? 0.5;
  for (;;) {
    const kind = rng.pick(TASK_KINDS);
    const language: Language = rng.chance(0.5) ? 'javascript' : 'typescript';
    const choice = options.split === 'train' ? trainedChoice(kind, language, rng) : heldOutChoice(kind, language, rng, rng.pick(heldModesOf(kind)));
    const variant = renderVariant(choice);
    yield rng.chance(fimShare) ? fimExample(variant, rng) : await testExample(variant, rng, rng.int(3, 5));
  }
}

/** Counts of what a text holds. */
export interface CorpusStats {
  bytes: number;
  examples: number;
  fim: number;
  test: number;
  byLevel: Record<string, number>;
  byKind: Record<string, number>;
  byLanguage: Record<string, number>;
  /** Characters of the longest example (its text, special tokens included). */
  longest: number;
}

/**
 * Examples' text until it holds at least `bytes` bytes (UTF-8), the same examples as JSON
 * Lines (exampleRecord), and counts.
 */
export async function corpusText(
  options: CorpusOptions,
  bytes: number,
  onExample?: (example: Example) => void,
): Promise<{ text: string; jsonl: string; stats: CorpusStats }> {
  const parts: string[] = [];
  const records: string[] = [];
  const stats: CorpusStats = { bytes: 0, examples: 0, fim: 0, test: 0, byLevel: {}, byKind: {}, byLanguage: {}, longest: 0 };
  const bump = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);
  for await (const example of generateExamples(options)) {
    if (stats.bytes >= bytes) break;
    const text = exampleText(example);
    parts.push(text);
    records.push(`${JSON.stringify(exampleRecord(example))}\n`);
    onExample?.(example);
    stats.bytes += Buffer.byteLength(text);
    stats.examples++;
    stats.longest = Math.max(stats.longest, text.length);
    stats[example.format]++;
    bump(stats.byLevel, String(example.variant.choice.kind.level));
    bump(stats.byKind, example.variant.choice.kind.id);
    bump(stats.byLanguage, example.variant.language);
  }
  return { text: parts.join(''), jsonl: records.join(''), stats };
}

