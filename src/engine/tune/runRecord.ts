import { DataFormatError } from '../errors';
import { readJsonLines } from '../bench/readJsonLines';

/** One recorded candidate. */
export interface RecordedCandidate {
  tokens: number;
  /** Passes the dataset's official tests. */
  correct: boolean;
  /** Parsed into a complete function. */
  usable: boolean;
}

/**
 * One line of a recorded run (`cascade bench` → `cascade tune`): everything a tier produced
 * for one problem with K candidates, K test samples and up to T asserts per sample. The JSON
 * Schema is `src/engine/tune/runRecord.schema.json`.
 */
export interface RunRecord {
  problem: string;
  tier: number;
  /** The tier's model (absolute path). */
  model: string;
  /** Price of one token (bench: measured seconds per token). */
  costPerToken: number;
  temperature: number;
  maxTokens: number;
  /** T: asserts kept per test sample when recording. */
  testsPerSample: number;
  candidates: RecordedCandidate[];
  /**
   * Per sample: tokens and ids into `asserts`, in the sample's order, and per assert the tokens
   * generated when it was complete (a sample stops after its T-th assert, so the first t of
   * them cost `assertTokens[t - 1]`). Recordings made before early stopping have no
   * `assertTokens`.
   */
  testSamples: { tokens: number; asserts: number[]; assertTokens?: number[] }[];
  /** Pooled asserts: the first sample that proposed each and the tokens it took that sample to write it. */
  asserts: { sample: number; tokens: number }[];
  /** candidates × asserts, 1 = pass. */
  matrix: number[][];
}

type Check = (value: unknown) => boolean;
const isCount: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
const isNonNegative: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isListOf = (value: unknown, item: Check): boolean => Array.isArray(value) && value.every(item);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasFields = (v: unknown, fields: Record<string, Check>): boolean =>
  isObject(v) && Object.entries(fields).every(([name, check]) => check(v[name]));

const FIELDS: Record<keyof RunRecord, Check> = {
  problem: (v) => typeof v === 'string',
  tier: isCount,
  model: (v) => typeof v === 'string' && v !== '',
  costPerToken: isNonNegative,
  temperature: isNonNegative,
  maxTokens: (v) => isCount(v) && (v as number) > 0,
  testsPerSample: (v) => isCount(v) && (v as number) > 0,
  candidates: (v) => isListOf(v, (c) => hasFields(c, { tokens: isCount, correct: (x) => typeof x === 'boolean', usable: (x) => typeof x === 'boolean' })),
  testSamples: (v) => isListOf(v, (s) => hasFields(s, { tokens: isCount, asserts: (a) => isListOf(a, isCount), assertTokens: (a) => a === undefined || isListOf(a, isCount) })),
  asserts: (v) => isListOf(v, (a) => hasFields(a, { sample: isCount, tokens: isNonNegative })),
  matrix: (v) => isListOf(v, (row) => isListOf(row, (x) => x === 0 || x === 1)),
};

/** Whether a sample's assertTokens has one entry per assert, never falling and never above its tokens. */
function isCompletionCount(sample: RunRecord['testSamples'][number]): boolean {
  const counts = sample.assertTokens ?? [];
  return counts.length === sample.asserts.length && counts.every((n, i) => n <= sample.tokens && (i === 0 || n >= counts[i - 1]));
}

/**
 * Checks one parsed record against the run format (the fields of the schema, and that the
 * lists agree with each other). Throws DataFormatError naming `where` and the first problem.
 */
export function checkRunRecord(value: unknown, where: string): RunRecord {
  if (!isObject(value)) throw new DataFormatError(`${where}: expected a JSON object`);
  for (const [field, check] of Object.entries(FIELDS)) {
    if (!check(value[field])) throw new DataFormatError(`${where}: field "${field}" is missing or malformed`);
  }
  const record = value as unknown as RunRecord;
  const width = record.asserts.length;
  const problem =
    record.matrix.length !== record.candidates.length ? 'matrix must have one row per candidate'
    : record.matrix.some((row) => row.length !== width) ? 'every matrix row must have one entry per assert'
    : record.testSamples.some((s) => s.asserts.some((id) => id >= width)) ? 'a test sample names an assert id outside "asserts"'
    : record.asserts.some((a) => a.sample >= record.testSamples.length) ? 'an assert names a sample outside "testSamples"'
    : record.testSamples.some((s) => s.asserts.length > record.testsPerSample) ? 'a test sample has more asserts than "testsPerSample"'
    : record.testSamples.some((s) => s.assertTokens && !isCompletionCount(s)) ? 'a test sample\'s "assertTokens" must rise, one per assert, up to its tokens'
    : undefined;
  if (problem) throw new DataFormatError(`${where}: ${problem}`);
  return record;
}

/**
 * Reads a run file (JSON Lines). Blank lines are skipped; an unfinished last line (no
 * newline, e.g. a run killed mid-write) is ignored. Throws DataFormatError naming the file
 * and line on anything else that does not parse or check.
 */
export function readRunRecords(file: string): RunRecord[] {
  return readJsonLines(file, true).map(({ value, where }) => checkRunRecord(value, where));
}
