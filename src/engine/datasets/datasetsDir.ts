import path from 'node:path';
import { defaultModelsDir } from '../models/modelsDir';

/**
 * Where `cascade bench --dataset <id>` looks for (and downloads) catalog datasets:
 * `$CASCADE_DATASETS_DIR` when set, else the models folder's sibling `datasets/`
 * (`~/.cascade/datasets`, or `$CASCADE_MODELS_DIR/../datasets`). Files there go by their
 * catalog names (e.g. `humanevalpack-js.jsonl`): copy them in by hand on a machine without
 * network access.
 */
export function defaultDatasetsDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CASCADE_DATASETS_DIR?.trim();
  return fromEnv ? path.resolve(fromEnv) : path.join(path.dirname(defaultModelsDir(env)), 'datasets');
}
