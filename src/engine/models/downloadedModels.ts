import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isServerTier, type TierConfig } from '../config/TierConfig';
import { resolveModelPath } from '../model/resolveModelPath';
import { parseRemoteModel } from './modelUri';

/** A file in the downloaded-models folder: a model, or a partial download waiting to resume. */
export interface DownloadedFile {
  name: string;
  bytes: number;
}

/** Every file in `dir` (models and partial downloads), largest first; [] when the folder does not exist. */
export async function listDownloadedModels(dir: string): Promise<DownloadedFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = await Promise.all(
    names.map(async (name) => {
      const info = await stat(path.join(dir, name));
      return info.isFile() ? { name, bytes: info.size } : undefined;
    }),
  );
  return files.filter((file): file is DownloadedFile => file !== undefined).sort((a, b) => b.bytes - a.bytes);
}

/** Removes the files listDownloadedModels finds and returns what was freed. */
export async function deleteDownloadedModels(dir: string): Promise<{ files: number; bytes: number }> {
  const files = await listDownloadedModels(dir);
  for (const file of files) await rm(path.join(dir, file.name), { force: true });
  return { files: files.length, bytes: files.reduce((sum, file) => sum + file.bytes, 0) };
}

/** A local tier's model file: where it is looked for and whether it is there. */
export interface TierModelFile {
  /** 0-based tier index. */
  tier: number;
  /** The tier's `model` setting. */
  model: string;
  /** `hf:` URIs and URLs can be downloaded; a local path cannot. */
  downloadable: boolean;
  present: boolean;
}

/**
 * The model files a cascade's local tiers need (server tiers need none), each with whether it
 * is already on disk: local paths from `baseDir`, `hf:` URIs and URLs in `modelsDir`.
 */
export function tierModelFiles(tiers: readonly TierConfig[], baseDir: string, modelsDir: string): TierModelFile[] {
  return tiers.flatMap((tier, index) => {
    if (isServerTier(tier) || tier.model === undefined) return [];
    const downloadable = parseRemoteModel(tier.model) !== undefined;
    let present: boolean;
    try {
      present = existsSync(resolveModelPath(tier.model, baseDir, modelsDir));
    } catch {
      present = false; // a remote model that is not downloaded yet, or a reference naming no file
    }
    return [{ tier: index, model: tier.model, downloadable, present }];
  });
}
