import os from 'node:os';
import * as vscode from 'vscode';
import { ConfigError, type TierConfig, validateTiers } from '../engine';

/** Cascade's settings, read once per change and validated. */
export interface CascadeSettings {
  enabled: boolean;
  /** Validated tiers; empty when none are configured or they are invalid (see `tiersError`). */
  tiers: TierConfig[];
  /** Why the configured tiers cannot be used, ready to show to the user. */
  tiersError?: string;
  /** Base folder for relative model paths: the first workspace folder, else the home folder. */
  baseDir: string;
}

/** Reads and validates the `cascade.*` settings. Never throws: problems land in `tiersError`. */
export function readSettings(): CascadeSettings {
  const config = vscode.workspace.getConfiguration('cascade');
  const baseDir = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const raw = config.get<unknown>('tiers', []);
  const enabled = config.get<boolean>('enabled', true) !== false;
  if (Array.isArray(raw) && raw.length === 0) {
    return { enabled, tiers: [], baseDir, tiersError: 'No tiers are configured: set "cascade.tiers" to at least one model.' };
  }
  try {
    return { enabled, tiers: validateTiers(raw, 'cascade.tiers'), baseDir };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { enabled, tiers: [], baseDir, tiersError: `Invalid setting: ${error.message}` };
  }
}
