// The public benchmark files in shared/datasets (read in place, never copied into the project;
// see its README). Tests that need them say so loudly when they are missing instead of going
// silently pending.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { skipLoudly } from './skipLoudly';

/** `$CASCADE_DATASETS_DIR` when set, else `shared/datasets` next to the checkout. */
export const SHARED_DATASETS = process.env.CASCADE_DATASETS_DIR?.trim()
  ? path.resolve(process.env.CASCADE_DATASETS_DIR.trim())
  : path.resolve(__dirname, '../../../shared/datasets');

/** The path of a file in the shared datasets folder (which may not exist). */
export const sharedDataset = (fileName: string): string => path.join(SHARED_DATASETS, fileName);

/** The files of `fileNames` that are not in the shared datasets folder. */
export const missingDatasets = (fileNames: string[]): string[] => fileNames.filter((name) => !existsSync(sharedDataset(name)));

/** What to do to run the tests that need `fileNames`. */
export const datasetsHint = (fileNames: string[]): string =>
  `needs ${fileNames.join(', ')} in ${SHARED_DATASETS}: run from a checkout next to shared/, or set CASCADE_DATASETS_DIR to a folder holding ` +
  `them (\`cascade bench --dataset <id>\` downloads them into ~/.cascade/datasets)`;

/**
 * In a `before` or `it`: when a file of `fileNames` is missing, warns on stderr naming the files
 * and what to run, marks the skipped tests' titles with it, and skips them. Returns otherwise.
 */
export function requireDatasets(context: Mocha.Context, fileNames: string[]): void {
  const missing = missingDatasets(fileNames);
  if (missing.length === 0) return;
  skipLoudly(context, `needs ${missing.join(', ')}; set CASCADE_DATASETS_DIR`, datasetsHint(missing));
}
