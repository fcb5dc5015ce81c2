// Choosing and expanding the catalog's presets. Pure.
import type { TierConfig } from '../config/TierConfig';
import { validateTiers } from '../config/validateTiers';
import { ConfigError } from '../errors';
import { type CatalogModel, type CatalogPreset, isServerCatalogTier, type ModelCatalog, presetUsesServer } from './catalog';
import type { DownloadModelOptions } from './downloadModel';
import { formatGB, GPU_BACKEND_NAMES } from './formatHardware';

/** The machine's figures that decide the preset (see detectHardware). */
export interface HardwareFigures {
  /** The GPU backend llama.cpp uses, or false for none. */
  gpu: 'cuda' | 'vulkan' | 'metal' | false;
  vramTotalBytes?: number;
  vramFreeBytes?: number;
  ramBytes: number;
  cpuCores: number;
}

/** A recommended preset and why, in one sentence for the settings panel. */
export interface PresetChoice {
  presetId: string;
  reason: string;
}

const GiB = 1024 ** 3;

/**
 * Picks the preset for a machine. Without a GPU llama.cpp can use (or one that reports no
 * memory): the CPU preset. With one: the GPU preset for its total VRAM (the smallest whose
 * `maxVramGB` is at least the total), stepped down while its models need more VRAM than is
 * free. Always answers; the reason also warns when RAM or free VRAM is short. A preset with a
 * server tier is never chosen: it needs a server someone set up.
 */
export function choosePreset(catalog: ModelCatalog, hardware: HardwareFigures): PresetChoice {
  const local = catalog.presets.filter((p) => !presetUsesServer(p));
  const gpus = local.filter((p) => p.gpu).sort((a, b) => (a.maxVramGB ?? Infinity) - (b.maxVramGB ?? Infinity));
  const total = hardware.vramTotalBytes ?? 0;
  if (!hardware.gpu || total <= 0 || gpus.length === 0) {
    const cpu = local.find((p) => !p.gpu) ?? local[0] ?? catalog.presets[0];
    const why = !hardware.gpu ? 'no GPU that llama.cpp can use' : total <= 0 ? `the ${GPU_BACKEND_NAMES[hardware.gpu]} GPU reports no memory` : 'no GPU preset in the catalog';
    return { presetId: cpu.id, reason: `${why}; ${formatGB(hardware.ramBytes)} RAM, ${hardware.cpuCores} CPU cores${ramWarning(catalog, cpu, hardware.ramBytes)}` };
  }
  const byTotal = gpus.findIndex((p) => p.maxVramGB === undefined || total <= p.maxVramGB * GiB);
  const forTotal = byTotal === -1 ? gpus.length - 1 : byTotal;
  const free = hardware.vramFreeBytes;
  let index = forTotal;
  while (free !== undefined && index > 0 && vramNeed(catalog, gpus[index]) * GiB > free) index--;
  const preset = gpus[index];
  let reason = `${GPU_BACKEND_NAMES[hardware.gpu]} GPU with ${formatGB(total)} VRAM${free === undefined ? '' : ` (${formatGB(free)} free)`}: ${preset.label}`;
  if (free !== undefined && index < forTotal) reason += `, a smaller set because only ${formatGB(free)} is free`;
  const need = vramNeed(catalog, preset);
  if (free !== undefined && need * GiB > free) reason += `; its models want ${need} GB, so some layers will run on the CPU`;
  return { presetId: preset.id, reason };
}

/** The catalog models a preset uses, each once, in tier order (what to download for it); server tiers need none. */
export function presetModels(catalog: ModelCatalog, presetId: string): CatalogModel[] {
  const ids = [...new Set(findPreset(catalog, presetId).tiers.flatMap((t) => (isServerCatalogTier(t) ? [] : [t.model])))];
  return ids.map((id) => catalog.models.find((m) => m.id === id)).filter((m): m is CatalogModel => m !== undefined);
}

/**
 * A preset's tiers as `cascade.tiers` entries: each local tier's `model` becomes
 * `modelPathFor(entry)` (a local path, or the entry's `uri`); server tiers are kept as they are
 * (their `model` is the server's name for it). Defaults are filled in and the tier rules
 * checked. Throws ConfigError for an unknown preset id.
 */
export function presetTiers(catalog: ModelCatalog, presetId: string, modelPathFor: (entry: CatalogModel) => string): TierConfig[] {
  const preset = findPreset(catalog, presetId);
  const tiers = preset.tiers.map((tier) => {
    if (isServerCatalogTier(tier)) return { ...tier };
    const entry = catalog.models.find((m) => m.id === tier.model);
    if (!entry) throw new ConfigError(`Preset "${presetId}" names unknown model "${tier.model}".`);
    return { ...tier, model: modelPathFor(entry) };
  });
  return validateTiers(tiers, `preset "${presetId}"`);
}

/**
 * What to pass to downloadModel for a catalog model: a pinned entry (with `sha256`) must match
 * its exact size and hash; for the others the server's size and the GGUF header are checked.
 */
export function catalogDownload(entry: CatalogModel, dirPath: string): Pick<DownloadModelOptions, 'uri' | 'dirPath' | 'fileName' | 'expectedSize' | 'sha256'> {
  const pinned = entry.sha256 !== undefined;
  return { uri: entry.uri, dirPath, fileName: entry.fileName, ...(pinned ? { expectedSize: entry.sizeBytes, sha256: entry.sha256 } : {}) };
}

function findPreset(catalog: ModelCatalog, presetId: string): CatalogPreset {
  const preset = catalog.presets.find((p) => p.id === presetId);
  if (!preset) throw new ConfigError(`Unknown preset "${presetId}" (known: ${catalog.presets.map((p) => p.id).join(', ')}).`);
  return preset;
}

/** VRAM (GiB) a preset's models want together: every tier stays loaded. */
function vramNeed(catalog: ModelCatalog, preset: CatalogPreset): number {
  return presetModels(catalog, preset.id).reduce((sum, m) => sum + m.minVramGB, 0);
}

function ramWarning(catalog: ModelCatalog, preset: CatalogPreset, ramBytes: number): string {
  const need = presetModels(catalog, preset.id).reduce((sum, m) => sum + m.minRamGB, 0);
  return need * GiB > ramBytes ? `; its models want ${need} GB of RAM, so expect swapping — close other programs or keep only the first tier` : '';
}
