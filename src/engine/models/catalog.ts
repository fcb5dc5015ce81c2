// The model catalog (models/catalog.json, documented by models/catalog.schema.json): its types
// and the hand-written checks that turn parsed JSON into a ModelCatalog. Pure.
import { checkTiers } from '../config/validateTiers';
import type { TierConfig } from '../config/TierConfig';
import { ConfigError } from '../errors';
import { parseRemoteModel, remoteFileName } from './modelUri';

/** A downloadable model. */
export interface CatalogModel {
  id: string;
  /** Shown to users, e.g. "Qwen2.5-Coder 1.5B (Q8_0)". */
  name: string;
  /** `hf:<user>/<repo>/<file>.gguf[#<revision>]` or an http(s) URL. */
  uri: string;
  /** Name of the downloaded file in the models folder: the last segment of `uri`. */
  fileName: string;
  /** Exact size when `sha256` is given, approximate otherwise. */
  sizeBytes: number;
  /** SHA-256 of the file at the revision in `uri`, when known. */
  sha256?: string;
  quantization: string;
  /** SPDX identifier or `LicenseRef-<name>`. */
  license: string;
  /** Trained for fill-in-the-middle. */
  fim: boolean;
  /** RAM (GiB) to run it on the CPU. */
  minRamGB: number;
  /** VRAM (GiB) to offload all of it to a GPU. */
  minVramGB: number;
}

/** A preset's local tier: the tier settings, with `model` naming a catalog model id. */
export type LocalCatalogTier = Partial<Omit<TierConfig, 'model' | 'server'>> & { model: string; server?: undefined };

/**
 * A preset's server tier: the tier settings with a `server` base URL and, optionally, the name
 * the server knows its model by (`model`, not a catalog id). Nothing is downloaded for it.
 */
export type ServerCatalogTier = Partial<Omit<TierConfig, 'server'>> & { server: string };

/** A preset's tier: a catalog model run on this machine, or a model on an inference server. */
export type CatalogTier = LocalCatalogTier | ServerCatalogTier;

/** True for a preset tier that lives on an inference server. */
export const isServerCatalogTier = (tier: CatalogTier): tier is ServerCatalogTier => tier.server !== undefined;

/**
 * True when a preset has a server tier: it needs a server someone set up (its URL edited), so
 * it is never recommended for a machine, and it does not count as the CPU fallback.
 */
export const presetUsesServer = (preset: CatalogPreset): boolean =>
  Array.isArray(preset.tiers) && preset.tiers.some((t) => isObject(t) && t.server !== undefined);

/** A recommended tier set for a class of machine. */
export interface CatalogPreset {
  id: string;
  /** e.g. "GPU ≤ 8 GB" */
  label: string;
  description: string;
  /** For machines with a GPU that llama.cpp can use. */
  gpu: boolean;
  /** Largest total VRAM (GiB) a GPU preset is meant for; undefined for no limit. */
  maxVramGB?: number;
  /** Smallest model first; a server tier (see {@link presetUsesServer}) keeps the preset from being recommended. */
  tiers: CatalogTier[];
}

export interface ModelCatalog {
  version: 1;
  description?: string;
  models: CatalogModel[];
  presets: CatalogPreset[];
}

type Check = (value: unknown) => string | undefined;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v));
const text: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'must be a non-empty string');
const id: Check = (v) => (typeof v === 'string' && /^[a-z0-9][a-z0-9._-]{0,63}$/.test(v) ? undefined : 'must be lowercase letters, digits, ".", "_" or "-"');
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const positive: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'must be a number above 0');
const byteSize: Check = (v) => (Number.isSafeInteger(v) && (v as number) > 0 ? undefined : 'must be a whole number of bytes above 0');
const sha256: Check = (v) => (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? undefined : 'must be 64 lowercase hex digits');
const uri: Check = (v) => {
  const remote = typeof v === 'string' ? parseRemoteModel(v) : undefined;
  return remote && remote.kind !== 'unsupported' && remoteFileName(remote) ? undefined : 'must be hf:<user>/<repo>/<file>.gguf[#<revision>] or an http(s) URL of a file';
};

const MODEL_FIELDS: Record<keyof CatalogModel, { check: Check; optional?: boolean }> = {
  id: { check: id },
  name: { check: text },
  uri: { check: uri },
  fileName: { check: (v) => (typeof v === 'string' && /^[^/\\]+\.gguf$/i.test(v) ? undefined : 'must be a file name ending in .gguf') },
  sizeBytes: { check: byteSize },
  sha256: { check: sha256, optional: true },
  quantization: { check: text },
  license: { check: text },
  fim: { check: bool },
  minRamGB: { check: positive },
  minVramGB: { check: positive },
};
const PRESET_FIELDS: Record<keyof CatalogPreset, { check: Check; optional?: boolean }> = {
  id: { check: id },
  label: { check: text },
  description: { check: (v) => (typeof v === 'string' ? undefined : 'must be a string') },
  gpu: { check: bool },
  maxVramGB: { check: positive, optional: true },
  tiers: { check: (v) => (Array.isArray(v) && v.length > 0 ? undefined : 'must be a non-empty list of tiers') },
};
const TOP_FIELDS = ['$schema', 'version', 'description', 'models', 'presets'];

/**
 * Checks parsed catalog JSON and returns it typed. Throws ConfigError listing every problem,
 * each naming the entry and field (e.g. `catalog.models[2].sha256 must be 64 lowercase hex
 * digits, got "abc"`): unknown fields, duplicate ids, a fileName that is not the uri's file,
 * presets naming unknown models or breaking the tier rules, no CPU preset. A preset tier is a
 * catalog model (`model` is a model id) or a server tier (`server` is a base URL, `model` the
 * optional name the server knows its model by), checked by the tier rules (checkTiers).
 * @param source name used in messages; default "catalog"
 */
export function loadCatalog(json: unknown, source = 'catalog'): ModelCatalog {
  if (!isObject(json)) throw new ConfigError(`${source} must be a JSON object, got ${show(json)}.`);
  const problems: string[] = [];
  for (const key of Object.keys(json)) if (!TOP_FIELDS.includes(key)) problems.push(`${source} has unknown field "${key}"`);
  if (json.version !== 1) problems.push(`${source}.version must be 1, got ${show(json.version)}`);
  if (json.description !== undefined && typeof json.description !== 'string') problems.push(`${source}.description must be a string`);
  const models = checkList(json.models, `${source}.models`, MODEL_FIELDS, problems) as unknown as CatalogModel[];
  const presets = checkList(json.presets, `${source}.presets`, PRESET_FIELDS, problems) as unknown as CatalogPreset[];
  models.forEach((model, i) => checkFileName(model, `${source}.models[${i + 1}]`, problems));
  const modelIds = new Set(models.map((m) => m.id));
  presets.forEach((preset, i) => checkPreset(preset, `${source}.presets[${i + 1}]`, modelIds, problems));
  if (presets.length > 0 && !presets.some((p) => p.gpu === false && !presetUsesServer(p))) {
    problems.push(`${source}.presets needs a preset with "gpu": false and no server tier (for machines without a GPU)`);
  }
  if (problems.length > 0) throw new ConfigError(`${problems.join('; ')}.`);
  return { version: 1, description: json.description as string | undefined, models, presets };
}

/** Checks a list of entries field by field, and that their ids are unique; returns the objects. */
function checkList(
  value: unknown,
  where: string,
  fields: Record<string, { check: Check; optional?: boolean }>,
  problems: string[],
): Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${where} must be a non-empty list, got ${show(value)}`);
    return [];
  }
  const seen = new Set<unknown>();
  return value.filter((entry, i): entry is Record<string, unknown> => {
    const at = `${where}[${i + 1}]`;
    if (!isObject(entry)) {
      problems.push(`${at} must be an object, got ${show(entry)}`);
      return false;
    }
    for (const key of Object.keys(entry)) if (!(key in fields)) problems.push(`${at} has unknown field "${key}" (allowed: ${Object.keys(fields).join(', ')})`);
    for (const [field, { check, optional }] of Object.entries(fields)) {
      if (optional && entry[field] === undefined) continue;
      const problem = check(entry[field]);
      if (problem) problems.push(`${at}.${field} ${problem}, got ${show(entry[field])}`);
    }
    if (seen.has(entry.id)) problems.push(`${at}.id ${show(entry.id)} is used twice`);
    seen.add(entry.id);
    return true;
  });
}

function checkFileName(model: CatalogModel, where: string, problems: string[]): void {
  const remote = typeof model.uri === 'string' ? parseRemoteModel(model.uri) : undefined;
  const expected = remote && remoteFileName(remote);
  if (expected && typeof model.fileName === 'string' && model.fileName !== expected) {
    problems.push(`${where}.fileName must be the uri's file name ${show(expected)} (where hf: tiers look for it), got ${show(model.fileName)}`);
  }
}

function checkPreset(preset: CatalogPreset, where: string, modelIds: Set<string>, problems: string[]): void {
  if (preset.maxVramGB !== undefined && preset.gpu !== true) problems.push(`${where}.maxVramGB is only allowed with "gpu": true`);
  if (!Array.isArray(preset.tiers) || preset.tiers.length === 0) return;
  preset.tiers.forEach((tier, i) => {
    // A server tier's model is the server's name for it, not a catalog id.
    const model = isObject(tier) && tier.server === undefined ? tier.model : undefined;
    if (typeof model === 'string' && !modelIds.has(model)) {
      problems.push(`${where}.tiers[${i + 1}].model ${show(model)} is not a catalog model id (known: ${[...modelIds].join(', ')})`);
    }
  });
  problems.push(...checkTiers(preset.tiers, `${where}.tiers`).problems.map((p) => p.text));
}
