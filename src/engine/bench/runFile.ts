import { appendFileSync, existsSync, readFileSync, truncateSync } from 'node:fs';
import { DataFormatError } from '../errors';
import { checkRunRecord, type RunRecord } from '../tune/runRecord';

/** What a run file already holds. */
export interface RunFileState {
  /** Keys (runKey) of the (problem, tier) pairs already recorded. */
  done: Set<string>;
  /** The model recorded for each tier index. */
  models: Map<number, string>;
  /** Bytes of an unfinished last line that were cut off. */
  truncated: number;
}

/** The key of a (problem, tier) pair. */
export const runKey = (problem: string, tier: number): string => `${tier}\u0000${problem}`;

/**
 * Opens a run file for resuming: reads the records already there and cuts off an unfinished
 * last line (a run killed mid-write) so that appending keeps the file valid. A missing file
 * is an empty run. Throws DataFormatError when a complete line is not a valid record.
 */
export function openRunFile(file: string): RunFileState {
  const state: RunFileState = { done: new Set(), models: new Map(), truncated: 0 };
  if (!existsSync(file)) return state;
  const text = readFileSync(file, 'utf8');
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  if (complete.length < text.length) {
    state.truncated = Buffer.byteLength(text) - Buffer.byteLength(complete);
    truncateSync(file, Buffer.byteLength(complete));
  }
  complete.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new DataFormatError(`${file}:${index + 1}: invalid JSON`);
    }
    const record = checkRunRecord(value, `${file}:${index + 1}`);
    state.done.add(runKey(record.problem, record.tier));
    state.models.set(record.tier, record.model);
  });
  return state;
}

/** Appends one record as one complete line (a single write, so an interrupted run never leaves half a line behind it). */
export function appendRunRecord(file: string, record: RunRecord): void {
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}
