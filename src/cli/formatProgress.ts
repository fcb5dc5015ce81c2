/** Where a bench stands. */
export interface Progress {
  /** (problem, tier) pairs finished, including those found already recorded. */
  done: number;
  total: number;
  /** Pairs recorded by this session, and the milliseconds it has run: the ETA's rate. */
  recorded: number;
  elapsedMs: number;
  /** What runs next, e.g. `JavaScript/3 tier 1`. */
  label: string;
}

const BAR = 24;

/** Milliseconds as `1h02m`, `3m12s` or `42s`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** One progress line: `[#####-----] 12/820 1% ETA 3m12s  JavaScript/3 tier 1` (ETA once something was recorded). */
export function formatProgress(p: Progress): string {
  const fraction = p.total > 0 ? p.done / p.total : 1;
  const filled = Math.round(fraction * BAR);
  const eta = p.recorded > 0 ? `ETA ${formatDuration((p.elapsedMs / p.recorded) * (p.total - p.done))}` : 'ETA …';
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${p.done}/${p.total} ${Math.floor(fraction * 100)}% ${eta}  ${p.label}`;
}
