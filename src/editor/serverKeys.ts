import * as vscode from 'vscode';
import { isServerTier, type TierConfig } from '../engine';

const secretName = (origin: string): string => `cascade.serverApiKey:${origin}`;

/** The origin (scheme://host:port) a server tier's key belongs to; undefined for a local tier or a bad URL. */
export function serverOrigin(tier: Pick<TierConfig, 'server'>): string | undefined {
  if (!isServerTier(tier)) return undefined;
  try {
    return new URL(tier.server).origin;
  } catch {
    return undefined;
  }
}

/**
 * Server API keys, kept in VS Code's SecretStorage (the OS keychain) per server origin — never
 * in settings or logs. Read ahead of use, because a tier's model is created synchronously.
 */
export class ServerKeys implements vscode.Disposable {
  private keys = new Map<string, string>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    onChange: () => void,
  ) {
    this.subscription = secrets.onDidChange((event) => event.key.startsWith('cascade.serverApiKey:') && onChange());
  }

  /** Reads the keys of the servers `tiers` name. */
  async load(tiers: TierConfig[]): Promise<void> {
    const origins = [...new Set(tiers.map(serverOrigin).filter((o): o is string => o !== undefined))];
    const values = await Promise.all(origins.map((origin) => this.secrets.get(secretName(origin))));
    this.keys = new Map(origins.flatMap((origin, i) => (values[i] ? [[origin, values[i]!] as const] : [])));
  }

  /** The key for a server tier, if one is stored. */
  readonly keyFor = (tier: TierConfig): string | undefined => {
    const origin = serverOrigin(tier);
    return origin === undefined ? undefined : this.keys.get(origin);
  };

  /**
   * Reads the key for one server origin into memory (a tier not saved yet, e.g. in the settings
   * panel, can then use it) and says whether one is stored. The key itself stays here.
   */
  async refresh(origin: string): Promise<boolean> {
    const key = await this.secrets.get(secretName(origin));
    if (key) this.keys.set(origin, key);
    else this.keys.delete(origin);
    return Boolean(key);
  }

  /** Stores (or, with an empty key, deletes) the key for a server origin. */
  async set(origin: string, key: string): Promise<void> {
    if (key === '') await this.secrets.delete(secretName(origin));
    else await this.secrets.store(secretName(origin), key);
    if (key === '') this.keys.delete(origin);
    else this.keys.set(origin, key);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** "Cascade: set server API key": pick a server tier's server (or type a URL), then enter its key. */
export async function setServerApiKeyCommand(tiers: TierConfig[], keys: ServerKeys): Promise<void> {
  const origins = [...new Set(tiers.map(serverOrigin).filter((o): o is string => o !== undefined))];
  let origin: string | undefined;
  if (origins.length === 1) origin = origins[0];
  else if (origins.length > 1) origin = await vscode.window.showQuickPick(origins, { title: 'Cascade: set server API key', placeHolder: 'Which server?' });
  else {
    const url = await vscode.window.showInputBox({
      title: 'Cascade: set server API key',
      prompt: 'No tier names a server yet. Base URL of the server the key is for:',
      placeHolder: 'https://models.example.com',
      validateInput: (value) => (serverOrigin({ server: value }) ? undefined : 'Enter a URL like https://models.example.com'),
    });
    origin = url === undefined ? undefined : serverOrigin({ server: url });
  }
  if (!origin) return;
  await askForServerKey(origin, keys);
}

/**
 * Asks for a server origin's API key in a password input box and stores it (an empty answer
 * deletes the stored key). Resolves to false when the box was dismissed. The key is never
 * shown, logged or put in settings.
 */
export async function askForServerKey(origin: string, keys: ServerKeys): Promise<boolean> {
  const key = await vscode.window.showInputBox({
    title: `Cascade: API key for ${origin}`,
    prompt: 'Stored in the OS keychain (VS Code SecretStorage), sent as "Authorization: Bearer …". Leave empty to delete the stored key.',
    password: true,
    ignoreFocusOut: true,
  });
  if (key === undefined) return false;
  await keys.set(origin, key.trim());
  void vscode.window.showInformationMessage(key.trim() === '' ? `Cascade: the API key for ${origin} was deleted.` : `Cascade: the API key for ${origin} is stored.`);
  return true;
}
