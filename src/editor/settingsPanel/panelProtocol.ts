// Messages between the settings panel webview (media/settings.js) and the extension. Pure: no
// `vscode` import, so the protocol is unit-tested on its own. Everything from the webview is
// treated as untrusted input and checked here before the extension acts on it.
import type { TierProblem } from '../../engine';
import { parseServerUrl, plainHttpWarning } from '../../engine/server/serverUrl';

export type SettingsTarget = 'user' | 'workspace';

/** A catalog model as the panel lists it. */
export interface PanelModel {
  id: string;
  name: string;
  /** What a tier's `model` is set to for this entry (an `hf:` URI). */
  uri: string;
  sizeBytes: number;
  downloaded: boolean;
}

/** The machine, as node-llama-cpp reports it, and the preset recommended for it. */
export interface PanelMachine {
  summary: string;
  presets: { id: string; label: string; description?: string }[];
  recommended?: { id: string; reason: string };
}

/**
 * Whether an API key is stored, per server origin (`scheme://host:port`, as `new URL().origin`
 * gives it). Never the keys themselves.
 */
export type ServerKeyStatus = Record<string, boolean>;

/** Extension → webview. */
export type HostMessage =
  | { type: 'state'; tiers: unknown[]; target: SettingsTarget; problems: TierProblem[]; warnings: TierProblem[]; keys: ServerKeyStatus; models: PanelModel[]; machine?: PanelMachine }
  /** Problems block saving; warnings (a server reached over plain http:// outside the local network) do not. */
  | { type: 'validation'; problems: TierProblem[]; warnings: TierProblem[] }
  /** Key status for more origins (merged into what the webview knows). */
  | { type: 'keys'; keys: ServerKeyStatus }
  | { type: 'fileChosen'; index: number; path: string }
  | { type: 'tierTested'; index: number; ok: boolean; text: string }
  | { type: 'saved'; target: SettingsTarget }
  | { type: 'busy'; text?: string };

/** Webview → extension. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'validate'; tiers: unknown[] }
  | { type: 'save'; tiers: unknown[]; target: SettingsTarget }
  | { type: 'chooseFile'; index: number }
  | { type: 'testTier'; index: number; tier: unknown }
  | { type: 'applyPreset'; presetId: string; target: SettingsTarget }
  /** Ask for and store the API key of the server at this URL (its origin); the key never passes through the webview. */
  | { type: 'setApiKey'; server: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 64;
const isTarget = (v: unknown): v is SettingsTarget => v === 'user' || v === 'workspace';
// Tier lists from the webview are validated by checkTiers before use; here only their size.
const isTierList = (v: unknown): v is unknown[] => Array.isArray(v) && v.length <= 16;

/** Parses a message from the webview; undefined for anything malformed (it is ignored). */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'validate':
      return isTierList(raw.tiers) ? { type: 'validate', tiers: raw.tiers } : undefined;
    case 'save':
      return isTierList(raw.tiers) && isTarget(raw.target) ? { type: 'save', tiers: raw.tiers, target: raw.target } : undefined;
    case 'chooseFile':
      return isIndex(raw.index) ? { type: 'chooseFile', index: raw.index } : undefined;
    case 'testTier':
      return isIndex(raw.index) && isRecord(raw.tier) ? { type: 'testTier', index: raw.index, tier: raw.tier } : undefined;
    case 'applyPreset':
      return typeof raw.presetId === 'string' && raw.presetId.length <= 64 && isTarget(raw.target)
        ? { type: 'applyPreset', presetId: raw.presetId, target: raw.target }
        : undefined;
    case 'setApiKey':
      return typeof raw.server === 'string' && raw.server.length <= 2048 ? { type: 'setApiKey', server: raw.server } : undefined;
    default:
      return undefined;
  }
}

/** The origin an API key is stored under for a server URL; undefined unless it is a valid server URL (the tier rules). */
export function serverOriginOf(server: unknown): string | undefined {
  if (typeof server !== 'string') return undefined;
  const parsed = parseServerUrl(server);
  return 'url' in parsed ? parsed.url.origin : undefined;
}

/** The distinct origins of the server tiers in a tier list from the webview (untrusted: anything else is skipped). */
export function serverOrigins(tiers: unknown[]): string[] {
  const origins = tiers.map((tier) => (isRecord(tier) ? serverOriginOf(tier.server) : undefined));
  return [...new Set(origins.filter((o): o is string => o !== undefined))];
}

/** Warnings shown on a tier's card (field "server"): its server is reached over plain http:// outside the local network. */
export function tierWarnings(tiers: unknown[]): TierProblem[] {
  return tiers.flatMap((tier, index) => {
    const parsed = isRecord(tier) && typeof tier.server === 'string' ? parseServerUrl(tier.server) : undefined;
    const warning = parsed && 'url' in parsed ? plainHttpWarning(parsed.url) : undefined;
    return warning ? [{ tier: index, field: 'server', text: warning }] : [];
  });
}
