import catalogJson from '../../../models/catalog.json';
import { loadCatalog, type ModelCatalog } from './catalog';

let shipped: ModelCatalog | undefined;

/** The catalog that ships with Cascade (models/catalog.json, bundled into dist/), checked once. */
export function shippedCatalog(): ModelCatalog {
  shipped ??= loadCatalog(catalogJson, 'models/catalog.json');
  return shipped;
}
