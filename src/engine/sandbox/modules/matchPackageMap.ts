/**
 * Conditions of a conditional `exports`/`imports` entry, most preferred first. `require`
 * and `node` are what Node picks for `require()`; `import` comes last because the sandbox
 * transpiles an ES module to CommonJS, so an ESM-only package still loads.
 */
const CONDITIONS = ['require', 'node', 'default', 'import'] as const;

/**
 * Looks `key` up in a package's `exports` (keys `.` and `./sub`) or `imports` (keys `#x`)
 * map, as Node's PACKAGE_EXPORTS_RESOLVE does: an exact key first, then the `*` pattern
 * with the longest prefix, whose match replaces every `*` in the target. Returns the
 * target as written in package.json (`./lib/x.js`, or a bare specifier in `imports`),
 * `null` when the package explicitly hides the key, `undefined` when nothing matches.
 * An `exports` value that is not a map of subpaths (a string, an array, conditions) is
 * the entry for `.`.
 */
export function matchPackageMap(map: unknown, key: string): string | null | undefined {
  const entries = asSubpathMap(map, key);
  if (!entries) return undefined;
  if (!key.includes('*') && Object.hasOwn(entries, key)) return resolveTarget(entries[key], undefined);
  let best: string | undefined;
  for (const pattern of Object.keys(entries)) {
    const star = pattern.indexOf('*');
    if (star < 0 || pattern.indexOf('*', star + 1) >= 0) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (key.length < pattern.length || !key.startsWith(prefix) || !key.endsWith(suffix)) continue;
    if (best === undefined || isBetterPattern(pattern, best)) best = pattern;
  }
  if (best === undefined) return undefined;
  const star = best.indexOf('*');
  const match = key.slice(star, key.length - (best.length - star - 1));
  return resolveTarget(entries[best], match);
}

function asSubpathMap(map: unknown, key: string): Record<string, unknown> | undefined {
  const isMap = map !== null && typeof map === 'object' && !Array.isArray(map);
  if (isMap && Object.keys(map).some((k) => k.startsWith('.') || k.startsWith('#'))) {
    return map as Record<string, unknown>;
  }
  // Sugar: `"exports": "./index.js"` or `"exports": { "require": … }` stands for `".": …`.
  return key === '.' && map !== undefined ? { '.': map } : undefined;
}

/** Node's PATTERN_KEY_COMPARE: the longer prefix wins, then the longer key. */
function isBetterPattern(pattern: string, best: string): boolean {
  const prefix = pattern.indexOf('*');
  const bestPrefix = best.indexOf('*');
  return prefix !== bestPrefix ? prefix > bestPrefix : pattern.length > best.length;
}

function resolveTarget(target: unknown, match: string | undefined): string | null | undefined {
  if (typeof target === 'string') return match === undefined ? target : target.replaceAll('*', match);
  if (target === null) return null;
  if (Array.isArray(target)) {
    let hidden = false;
    for (const item of target) {
      const resolved = resolveTarget(item, match);
      if (typeof resolved === 'string') return resolved;
      if (resolved === null) hidden = true;
    }
    return hidden ? null : undefined;
  }
  if (typeof target === 'object' && target !== undefined) {
    const conditions = target as Record<string, unknown>;
    for (const condition of CONDITIONS) {
      if (!Object.hasOwn(conditions, condition)) continue;
      const resolved = resolveTarget(conditions[condition], match);
      if (resolved !== undefined) return resolved;
    }
  }
  return undefined;
}
