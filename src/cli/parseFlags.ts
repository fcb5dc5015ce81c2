import { CascadeError } from '../engine/errors';

/** How a flag's value is read: `--name value` (string, number) or bare `--name` (boolean). */
export type FlagKind = 'string' | 'number' | 'boolean';

/** Flag names (without `--`) mapped to their kinds. */
export type FlagSpec = Readonly<Record<string, FlagKind>>;

type FlagValue<K extends FlagKind> = K extends 'string' ? string : K extends 'number' ? number : boolean;

/** Parsed flags: each one the spec names is present only if given on the command line. */
export type ParsedFlags<S extends FlagSpec> = { -readonly [N in keyof S]?: FlagValue<S[N]> };

export interface ParsedArgs<S extends FlagSpec> {
  flags: ParsedFlags<S>;
  /** Arguments that are not flags, in order; everything after `--` is one. */
  positionals: string[];
}

/**
 * Parses `--name value`, `--name=value` and bare boolean `--name` flags against `spec`.
 * Throws CascadeError (one line, for the CLI to print) on an unknown flag, a missing value or
 * a number that does not parse.
 */
export function parseFlags<S extends FlagSpec>(argv: readonly string[], spec: S): ParsedArgs<S> {
  const flags: Record<string, string | number | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = splitFlag(arg.slice(2));
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!kind) throw new CascadeError(`unknown flag --${name}`);
    if (kind === 'boolean') {
      if (inline !== undefined) throw new CascadeError(`flag --${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined || (inline === undefined && raw.startsWith('--'))) {
      throw new CascadeError(`flag --${name} needs a value`);
    }
    flags[name] = kind === 'number' ? parseNumber(name, raw) : raw;
  }
  return { flags: flags as ParsedFlags<S>, positionals };
}

function splitFlag(body: string): [string, string | undefined] {
  const eq = body.indexOf('=');
  return eq < 0 ? [body, undefined] : [body.slice(0, eq), body.slice(eq + 1)];
}

function parseNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new CascadeError(`flag --${name} needs a number, got "${raw}"`);
  }
  return value;
}
