import os from 'node:os';
import * as vscode from 'vscode';
import { ConfigError, DEFAULT_SUFFIX_LINES, type ParallelSamples, serverWarnings, type TierConfig, validateTiers } from '../engine';

/** Cascade's settings, read once per change and validated. */
export interface CascadeSettings {
  enabled: boolean;
  /** Validated tiers; empty when none are configured or they are invalid (see `tiersError`). */
  tiers: TierConfig[];
  /** Why the configured tiers cannot be used, ready to show to the user. */
  tiersError?: string;
  /** Whether `cascade.tiers` is set at all (a fresh install has none: no error to show then). */
  tiersConfigured: boolean;
  /** Other settings that were out of range; their defaults are in effect. */
  warnings: string[];
  /** Base folder for relative model paths: the first workspace folder, else the home folder. */
  baseDir: string;
  /** Wait after the last keystroke before asking the models, ms. */
  debounceMs: number;
  /** How long ghost text may take; then the best verified answer so far is shown, ms. */
  latencyBudgetMs: number;
  /** Show only completions that passed their own tests. */
  verifiedOnly: boolean;
  /** Offer unverified fast-path completions in languages other than JS/TS. */
  otherLanguages: boolean;
  /** Unload models after this long without requests, ms. */
  idleUnloadMs: number;
  /** Whether k samples decode as parallel sequences (ModelSpec.parallelSamples). */
  parallelSamples: ParallelSamples;
  /** Lines after the cursor in a prompt (ModelSpec.suffixLines). */
  suffixLines: number;
}

const PARALLEL_SAMPLES: readonly ParallelSamples[] = ['auto', 'on', 'off'];

/** Reads a number setting, falling back to the default (and reporting) when it is out of range. */
function numberSetting(config: vscode.WorkspaceConfiguration, key: string, fallback: number, min: number, max: number, problems: string[]): number {
  const value = config.get<unknown>(key, fallback);
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
  problems.push(`cascade.${key} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}; using ${fallback}`);
  return fallback;
}

function parallelSetting(config: vscode.WorkspaceConfiguration, problems: string[]): ParallelSamples {
  const value = config.get<unknown>('parallelSamples', 'auto');
  if (PARALLEL_SAMPLES.includes(value as ParallelSamples)) return value as ParallelSamples;
  problems.push(`cascade.parallelSamples must be "auto", "on" or "off", got ${JSON.stringify(value)}; using "auto"`);
  return 'auto';
}

/** Reads and validates the `cascade.*` settings. Never throws: problems land in `tiersError`. */
export function readSettings(): CascadeSettings {
  const config = vscode.workspace.getConfiguration('cascade');
  const problems: string[] = [];
  const base = {
    enabled: config.get<unknown>('enabled', true) !== false,
    baseDir: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir(),
    debounceMs: numberSetting(config, 'debounceMs', 200, 0, 5000, problems),
    latencyBudgetMs: numberSetting(config, 'latencyBudgetMs', 5000, 100, 120_000, problems),
    verifiedOnly: config.get<unknown>('verifiedOnly', false) === true,
    otherLanguages: config.get<unknown>('otherLanguages', false) === true,
    idleUnloadMs: numberSetting(config, 'idleUnloadMinutes', 15, 1, 24 * 60, problems) * 60_000,
    parallelSamples: parallelSetting(config, problems),
    suffixLines: Math.floor(numberSetting(config, 'suffixLines', DEFAULT_SUFFIX_LINES, 0, 10_000, problems)),
  };
  const tiers = readTiers(config);
  return { ...base, ...tiers, warnings: [...problems, ...serverWarnings(tiers.tiers, 'cascade.tiers')] };
}

function readTiers(config: vscode.WorkspaceConfiguration): Pick<CascadeSettings, 'tiers' | 'tiersError' | 'tiersConfigured'> {
  const raw = config.get<unknown>('tiers', []);
  if (Array.isArray(raw) && raw.length === 0) {
    return { tiers: [], tiersConfigured: false, tiersError: 'No tiers are configured: run "Cascade: open settings" or set "cascade.tiers".' };
  }
  try {
    return { tiers: validateTiers(raw, 'cascade.tiers'), tiersConfigured: true };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { tiers: [], tiersConfigured: true, tiersError: `Invalid setting: ${error.message}` };
  }
}
