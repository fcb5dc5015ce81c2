import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModelLoadError } from '../errors';
import { defaultModelsDir } from '../models/modelsDir';
import { parseRemoteModel, remoteFileName } from '../models/modelUri';

/**
 * Turns a tier's `model` setting into an absolute local path: `~` is the home directory and a
 * relative path is taken from `baseDir` (the tiers file's folder). Any extension is accepted;
 * the file's GGUF magic is checked when the model loads.
 *
 * An `hf:<user>/<repo>/<file>.gguf` URI or an http(s) URL names the file `<file>.gguf` in
 * `modelsDir`, where downloads are saved: that path is returned when the file is there.
 * Throws ModelLoadError for empty values, for remote models that are not downloaded yet
 * (saying where to put the file), and for references that name no file.
 * @param baseDir folder for relative paths; default the current working directory
 * @param modelsDir folder of downloaded models; default {@link defaultModelsDir}
 */
export function resolveModelPath(model: string, baseDir: string = process.cwd(), modelsDir: string = defaultModelsDir()): string {
  const value = model.trim();
  if (value === '') throw new ModelLoadError('A tier\'s "model" is empty — set it to the path of a .gguf file');
  const remote = parseRemoteModel(value);
  if (!remote) return path.resolve(baseDir, expandHome(value));
  const fileName = remoteFileName(remote);
  if (remote.kind === 'unsupported' || fileName === undefined) {
    throw new ModelLoadError(
      `Cannot tell which file ${value} is: use hf:<user>/<repo>/<file>.gguf, an http(s) URL of a .gguf file, or a local path`,
    );
  }
  const file = path.join(modelsDir, fileName);
  if (!existsSync(file)) {
    throw new ModelLoadError(
      `Model ${value} is not downloaded yet: download it with "Cascade: download models", or put ${fileName} in ${modelsDir}`,
    );
  }
  return file;
}

function expandHome(value: string): string {
  if (value === '~') return os.homedir();
  if (value.startsWith('~/') || value.startsWith('~\\')) return path.join(os.homedir(), value.slice(2));
  return value;
}
