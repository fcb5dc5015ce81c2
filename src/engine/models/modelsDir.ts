import os from 'node:os';
import path from 'node:path';

/**
 * Where downloaded models live and where `hf:` / URL tiers look for their file:
 * `$CASCADE_MODELS_DIR` when set, else `~/.cascade/models`. Put GGUF files here by hand on a
 * machine without network access.
 */
export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CASCADE_MODELS_DIR?.trim();
  return fromEnv ? path.resolve(fromEnv) : path.join(os.homedir(), '.cascade', 'models');
}
