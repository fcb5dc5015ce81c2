import { ConfigError } from '../errors';
import { FIM_TEMPLATES } from '../server/fimTemplates';
import { parseServerUrl } from '../server/serverUrl';
import { TIER_DEFAULTS, type TierConfig } from './TierConfig';

type FieldRule = (value: unknown) => string | undefined;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const intIn = (min: number, max: number): FieldRule => (v) =>
  isInt(v) && v >= min && v <= max ? undefined : `must be an integer from ${min} to ${max}`;
const numberIn = (min: number, max: number): FieldRule => (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max
    ? undefined
    : `must be a number from ${min} to ${max}`;

const nonEmpty = (what: string): FieldRule => (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : what);
const isFimTokens = (v: unknown): boolean => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const { prefix, suffix, middle, stop } = v as Record<string, unknown>;
  const strings = [prefix, suffix, middle].every((s) => typeof s === 'string' && s !== '');
  return strings && (stop === undefined || (Array.isArray(stop) && stop.every((s) => typeof s === 'string' && s !== '')));
};
const FIM_NAMES = FIM_TEMPLATES.map((t) => t.name);

const RULES: Record<keyof TierConfig, FieldRule> = {
  model: nonEmpty('must be a path to a .gguf file or an hf: URI'),
  samples: intIn(0, 50),
  testsPerSample: intIn(0, 20),
  temperature: numberIn(0, 2),
  threshold: numberIn(0, 1),
  maxTokens: intIn(1, 8192),
  gpuLayers: (v) => (v === 'auto' || (isInt(v) && v >= 0) ? undefined : 'must be "auto" or an integer ≥ 0'),
  contextSize: intIn(128, 1_048_576),
  server: (v) => (typeof v !== 'string' ? 'must be a URL like "http://127.0.0.1:8080"' : (parseServerUrl(v) as { problem?: string }).problem),
  apiKeyEnv: (v) => (typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? undefined : 'must be the name of an environment variable'),
  fim: (v) =>
    (typeof v === 'string' && FIM_NAMES.includes(v)) || isFimTokens(v)
      ? undefined
      : `must be one of ${FIM_NAMES.map((n) => `"${n}"`).join(', ')} or {"prefix", "suffix", "middle", "stop"?} tokens`,
  timeoutMs: intIn(100, 600_000),
};

/** Fields a tier may leave out (`model` too, on a server tier). */
const OPTIONAL = new Set(['gpuLayers', 'contextSize', 'server', 'apiKeyEnv', 'fim', 'timeoutMs']);
const LOCAL_ONLY = new Set(['gpuLayers', 'contextSize']);
const SERVER_ONLY = new Set(['apiKeyEnv', 'fim', 'timeoutMs']);

const describe = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v));

/** One problem with a tiers list, structured for inline display (the settings panel). */
export interface TierProblem {
  /** 0-based tier index, or undefined for the list itself. */
  tier?: number;
  /** The field at fault, when one is. */
  field?: string;
  /** Full sentence naming the source, tier (1-based), field, value and what is allowed. */
  text: string;
}

/**
 * Checks a tiers list (the `tiers` array of a tiers file or the `cascade.tiers` setting) and
 * returns every problem found, plus the tiers with defaults filled in.
 */
export function checkTiers(input: unknown, source = 'tiers'): { tiers: TierConfig[]; problems: TierProblem[] } {
  if (!Array.isArray(input)) return { tiers: [], problems: [{ text: `${source} must be a list of tiers, got ${describe(input)}` }] };
  if (input.length === 0) return { tiers: [], problems: [{ text: `${source} is empty: configure at least one tier with a "model"` }] };
  const problems: TierProblem[] = [];
  const tiers = input.map((raw, i) => checkTier(raw, i, `${source}[${i + 1}]`, i === input.length - 1, problems));
  return { tiers: tiers as TierConfig[], problems };
}

/**
 * Validates a tiers list and returns it with defaults filled in. Throws ConfigError naming the
 * tier (1-based), the field, what was given and what is allowed; every problem found is listed.
 */
export function validateTiers(input: unknown, source = 'tiers'): TierConfig[] {
  const { tiers, problems } = checkTiers(input, source);
  if (problems.length > 0) throw new ConfigError(`${problems.map((p) => p.text).join('; ')}.`);
  return tiers;
}

function checkTier(raw: unknown, index: number, where: string, isLast: boolean, problems: TierProblem[]): TierConfig | undefined {
  const add = (field: string | undefined, text: string) => problems.push({ tier: index, field, text });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    add(undefined, `${where} must be an object like {"model": "path/to/model.gguf"}, got ${describe(raw)}`);
    return undefined;
  }
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(key in RULES)) add(key, `${where} has unknown field "${key}" (allowed: ${Object.keys(RULES).join(', ')})`);
  }
  const tier = { ...TIER_DEFAULTS, ...given } as Record<string, unknown>;
  const server = given.server !== undefined;
  for (const [field, rule] of Object.entries(RULES)) {
    const optional = OPTIONAL.has(field) || (server && field === 'model');
    if (optional && tier[field] === undefined) continue;
    if (tier[field] !== undefined && (server ? LOCAL_ONLY : SERVER_ONLY).has(field)) {
      add(field, `${where}.${field} applies to ${server ? 'local models' : 'server tiers'} only${server ? '' : ' (add "server": "<base URL>")'}`);
      continue;
    }
    if (!server && field === 'model' && tier.model === undefined) {
      add(field, `${where} needs a "model" (a path to a .gguf file or an hf: URI) or a "server" (a base URL)`);
      continue;
    }
    const problem = rule(tier[field]);
    if (problem) add(field, `${where}.${field} ${problem}, got ${describe(tier[field])}`);
  }
  checkTierShape(tier as unknown as TierConfig, where, isLast, add);
  return tier as unknown as TierConfig;
}

/** The algorithm's constraints between fields: k > 0 ⇔ t > 0, and k = 0 only on the last tier. */
function checkTierShape(tier: TierConfig, where: string, isLast: boolean, add: (field: string, text: string) => void): void {
  const { samples: k, testsPerSample: t } = tier;
  if (!isInt(k) || !isInt(t)) return;
  if (k === 0 && t > 0) add('testsPerSample', `${where}.testsPerSample must be 0 when samples is 0 (one greedy answer, no tests)`);
  if (k > 0 && t === 0) add('testsPerSample', `${where}.testsPerSample must be at least 1 when samples is ${k} (tests decide acceptance)`);
  if (k === 0 && !isLast) add('samples', `${where}.samples 0 (no tests) is only allowed on the last tier: nothing after it could run`);
}
