import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors';
import type { TierConfig } from './TierConfig';
import { validateTiers } from './validateTiers';

/** Parses the text of a tiers file (`{"tiers": [ … ]}`) and validates it. */
export function parseTiersFile(text: string, fileName: string): TierConfig[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${fileName} is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('tiers' in data)) {
    throw new ConfigError(`${fileName} must be an object of the form {"tiers": [ … ]}.`);
  }
  const extra = Object.keys(data).filter((key) => key !== 'tiers');
  if (extra.length > 0) throw new ConfigError(`${fileName} has unknown field(s) ${extra.join(', ')}: only "tiers" is allowed.`);
  return validateTiers((data as { tiers: unknown }).tiers, `${fileName}: tiers`);
}

/** Reads and validates a tiers file from disk. */
export async function readTiersFile(path: string): Promise<TierConfig[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`;
    throw new ConfigError(`Tiers file ${path} ${why}.`);
  }
  return parseTiersFile(text, path);
}
