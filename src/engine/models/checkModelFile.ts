import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ModelLoadError } from '../errors';
import { assertGgufFile } from '../model/assertGgufFile';
import { ggufDataEnd } from './ggufDataEnd';

/** What a model file is expected to be. */
export interface ModelFileExpectations {
  /** Exact size in bytes; unchecked when undefined. */
  expectedSize?: number;
  /** Hex SHA-256 of the whole file (case-insensitive); unchecked when undefined (hashing reads every byte). */
  sha256?: string;
}

// The vocabulary arrays are the bulk of a header and say nothing about the file's layout.
const SKIPPED_KEYS = ['tokenizer.ggml.tokens', 'tokenizer.ggml.token_type', 'tokenizer.ggml.merges', 'tokenizer.ggml.scores'];

/**
 * Checks a model file without loading it: it is a regular file starting with the GGUF magic,
 * has the expected size, its header parses (node-llama-cpp's `readGgufFileInfo`) and every
 * tensor's data fits in the file, and its SHA-256 matches when one is given.
 * @returns the first problem found as a phrase ("has 12 bytes, expected 34"), or undefined
 */
export async function checkModelFile(file: string, expect: ModelFileExpectations = {}): Promise<string | undefined> {
  try {
    await assertGgufFile(file);
  } catch (error) {
    if (error instanceof ModelLoadError) return error.message;
    throw error;
  }
  const { size } = await stat(file);
  if (expect.expectedSize !== undefined && size !== expect.expectedSize) {
    return `has ${size} bytes, expected ${expect.expectedSize}`;
  }
  const layoutProblem = await checkLayout(file, size);
  if (layoutProblem) return layoutProblem;
  if (expect.sha256 !== undefined) {
    const actual = await sha256File(file);
    if (actual !== expect.sha256.toLowerCase()) return `has SHA-256 ${actual}, expected ${expect.sha256.toLowerCase()}`;
  }
  return undefined;
}

async function checkLayout(file: string, size: number): Promise<string | undefined> {
  const { readGgufFileInfo } = await import('node-llama-cpp');
  try {
    const info = await readGgufFileInfo(file, { sourceType: 'filesystem', logWarnings: false, ignoreKeys: SKIPPED_KEYS, spliceSplitFiles: false });
    const end = ggufDataEnd(info.infoEndOffset ?? 0, info.tensorInfo ?? []);
    return end > size ? `is truncated: its tensors need ${end} bytes, the file has ${size}` : undefined;
  } catch (error) {
    return `has an unreadable GGUF header (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Hex SHA-256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
