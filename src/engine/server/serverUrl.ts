// Server tier addresses: what is a valid base URL and which hosts code may go to unencrypted. Pure.
import net from 'node:net';

/** The base URL without a trailing slash, or a problem sentence. */
export function parseServerUrl(raw: string): { url: URL } | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'must be a URL like "http://127.0.0.1:8080"' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `must be an http:// or https:// URL (${url.protocol} is not supported)` };
  if (url.username || url.password) return { problem: 'must not hold a user name or password: put the API key in "Cascade: set server API key" or apiKeyEnv' };
  if (url.search || url.hash || /[?#]/.test(url.href)) return { problem: 'must be a base URL without ?query or #fragment' };
  return { url };
}

/** The base URL as requests are built from it: no trailing slash. */
export function baseUrlOf(url: URL): string {
  return url.href.replace(/\/+$/, '');
}

/**
 * True for hosts whose traffic stays on this machine or the local network: loopback, private
 * and link-local addresses (IPv4 and IPv6), `localhost` and mDNS `.local` names.
 */
export function isLocalNetworkHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  if (net.isIPv4(host)) {
    const [a, b] = host.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (net.isIPv6(host)) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isLocalNetworkHost(mapped[1]);
    // URL parsing writes an IPv4-mapped address in hex (::ffff:a00:1 for 10.0.0.1).
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (hex) {
      const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
      return isLocalNetworkHost(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
    }
    return host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  }
  return false;
}

/** A warning for a server that would receive code unencrypted over a public network, else undefined. */
export function plainHttpWarning(url: URL): string | undefined {
  if (url.protocol !== 'http:' || isLocalNetworkHost(url.hostname)) return undefined;
  return `${url.host} is reached over plain http://: the code sent to it can be read on the way — use https://, or a loopback or private address`;
}

/** Warnings for valid tiers: each server tier reached over plain http:// outside the local network. */
export function serverWarnings(tiers: readonly { server?: string }[], source = 'tiers'): string[] {
  return tiers.flatMap((tier, i) => {
    const parsed = tier.server === undefined ? undefined : parseServerUrl(tier.server);
    const warning = parsed && 'url' in parsed ? plainHttpWarning(parsed.url) : undefined;
    return warning ? [`${source}[${i + 1}]: ${warning}`] : [];
  });
}
