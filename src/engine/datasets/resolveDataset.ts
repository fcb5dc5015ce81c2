import { existsSync } from 'node:fs';
import { CascadeError } from '../errors';
import { DATASETS, findDataset, type DatasetRecord } from './datasetCatalog';
import { fetchDataset, type FetchDatasetOptions } from './fetchDataset';

/**
 * The file a `--dataset` value names: an existing path as it is; a catalog id (see DATASETS)
 * as its file in `options.dirPath`, downloaded first when it is not there. Any other value that
 * looks like a name rather than a path is a CascadeError listing the ids; other paths are
 * returned for the reader to report.
 */
export async function resolveDataset(
  value: string,
  options: FetchDatasetOptions & { catalog?: readonly DatasetRecord[] },
): Promise<string> {
  if (existsSync(value)) return value;
  const catalog = options.catalog ?? DATASETS;
  const record = findDataset(value, catalog);
  if (!record) {
    if (/^[a-z0-9][a-z0-9_-]*$/i.test(value)) {
      throw new CascadeError(`unknown dataset "${value}": give the path of a JSON Lines file or one of ${catalog.map((d) => d.id).join(', ')}`);
    }
    return value;
  }
  return fetchDataset(record, options);
}
