import { readFileSync } from 'node:fs';
import { CascadeError } from '../engine/errors';
import type { SandboxLanguage } from '../engine/sandbox/Sandbox';

/** One program to check: a line of `cascade check --jsonl` input. */
export interface CheckRecord {
  id: string;
  code: string;
  language: SandboxLanguage;
}

/** Parses a `--language` value; throws CascadeError for anything but js or ts. */
export function parseLanguage(value: unknown, where: string): SandboxLanguage {
  if (value === 'js' || value === 'ts') return value;
  throw new CascadeError(`${where}: language must be "js" or "ts", got ${JSON.stringify(value)}`);
}

/**
 * Reads `{"id", "code", "language"?}` lines from a JSONL file; blank lines are skipped and
 * records without a language get `defaultLanguage`. Throws CascadeError naming the file
 * and line on anything unreadable.
 */
export function readCheckRecords(file: string, defaultLanguage: SandboxLanguage): CheckRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CascadeError(`cannot read ${file}: ${reason}`);
  }
  const records: CheckRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() !== '') records.push(parseRecord(line, `${file}:${index + 1}`, defaultLanguage));
  });
  return records;
}

function parseRecord(line: string, where: string, defaultLanguage: SandboxLanguage): CheckRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CascadeError(`${where}: invalid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CascadeError(`${where}: expected a JSON object`);
  }
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string') throw new CascadeError(`${where}: missing string "id"`);
  if (typeof record.code !== 'string') throw new CascadeError(`${where}: missing string "code"`);
  const language = record.language === undefined ? defaultLanguage : parseLanguage(record.language, where);
  return { id: record.id, code: record.code, language };
}
