import type { RunLimits, RunRequest } from './Sandbox';

/** Every limit filled in: what a worker actually enforces. */
export type ResolvedLimits = Required<RunLimits>;

/** The limits used when neither the request nor the pool says otherwise. */
export const DEFAULT_LIMITS: ResolvedLimits = {
  timeoutMs: 1000,
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 512 * 1024,
  outputBytes: 64 * 1024,
};

/**
 * QuickJS recurses on the worker thread's native stack; beyond about a quarter of the
 * worker's V8 stack (`WORKER_STACK_MB`) V8 overflows first and corrupts the wasm module.
 */
const MAX_STACK_BYTES = 4 * 1024 * 1024;

/** Largest QuickJS heap a run may ask for: the worker's wasm memory is capped at 2 GiB. */
const MAX_MEMORY_BYTES = 1024 * 1024 * 1024;

/** V8 stack size of each sandbox worker thread, in MiB (Node's default is 4). */
export const WORKER_STACK_MB = 16;

function pick(value: number | undefined, fallback: number, min: number, max: number): number {
  const chosen = value === undefined || !Number.isFinite(value) ? fallback : value;
  return Math.min(max, Math.max(min, Math.floor(chosen)));
}

/** Request values win over pool defaults, which win over `DEFAULT_LIMITS`; all are clamped. */
export function resolveLimits(request: RunRequest, defaults: RunLimits = {}): ResolvedLimits {
  const limit = (name: keyof RunLimits, min: number, max: number): number =>
    pick(request[name], pick(defaults[name], DEFAULT_LIMITS[name], min, max), min, max);
  return {
    timeoutMs: limit('timeoutMs', 1, 10 * 60 * 1000),
    memoryBytes: limit('memoryBytes', 1024 * 1024, MAX_MEMORY_BYTES),
    stackBytes: limit('stackBytes', 16 * 1024, MAX_STACK_BYTES),
    outputBytes: limit('outputBytes', 0, 2 ** 30),
  };
}
