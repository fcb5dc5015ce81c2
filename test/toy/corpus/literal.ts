/**
 * A value as JavaScript source, in the style the corpus's asserts use: `[1, 2]`, `'abc'`,
 * `{ x: 1, y: 2 }`. Only the values the task kinds produce: finite numbers, strings, booleans,
 * null, arrays and plain objects with identifier keys. Throws on anything else (NaN, -0,
 * undefined…), so that an assert that could not round-trip is never written.
 */
export function literal(value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new Error(`No literal for ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([key, v]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key)}: ${literal(v)}`).join(', ')} }`;
  }
  throw new Error(`No literal for ${String(value)}`);
}
