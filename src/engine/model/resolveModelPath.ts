import os from 'node:os';
import path from 'node:path';
import { ModelLoadError } from '../errors';

// A URL scheme needs two or more letters, so Windows drive letters ("C:\") stay paths.
const URL_SCHEME = /^[a-z][a-z0-9+.-]+:\/\//i;

/**
 * Turns a tier's `model` setting into an absolute local path: `~` is the home directory and a
 * relative path is taken from `baseDir` (the tiers file's folder). Any extension is accepted;
 * the file's GGUF magic is checked when the model loads.
 * Throws ModelLoadError for empty values and for `hf:` URIs and URLs, which are not
 * downloaded (yet).
 * @param baseDir folder for relative paths; default the current working directory
 */
export function resolveModelPath(model: string, baseDir: string = process.cwd()): string {
  const value = model.trim();
  if (value === '') throw new ModelLoadError('A tier\'s "model" is empty — set it to the path of a .gguf file');
  if (/^hf:/i.test(value) || URL_SCHEME.test(value)) {
    throw new ModelLoadError(
      `${/^hf:/i.test(value) ? 'hf: model URIs' : 'Model URLs'} are not downloaded yet (${value}): ` +
        'download the GGUF and set the tier\'s "model" to its local path',
    );
  }
  return path.resolve(baseDir, expandHome(value));
}

function expandHome(value: string): string {
  if (value === '~') return os.homedir();
  if (value.startsWith('~/') || value.startsWith('~\\')) return path.join(os.homedir(), value.slice(2));
  return value;
}
