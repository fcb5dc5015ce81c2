import type { CascadeResult, TierTrace } from '../engine';

function tierLine(t: TierTrace): string {
  const head = `tier ${t.tier + 1} (${t.model})`;
  if (t.error) return `${head}: skipped: ${t.error}`;
  if (t.verdict === 'unverifiable') return `${head}: unverifiable (${t.reason}): its greedy answer, not tested; tokens ${t.tokens.solutions}; ms total ${t.ms.total}`;
  const usable = t.candidates.filter((c) => c.usable).length;
  return (
    `${head}: ${t.candidates.length} candidates (${usable} parsed), ${t.asserts.length} asserts, ` +
    `score ${t.score}/${t.required} → ${t.accepted ? 'accepted' : 'rejected'}; ` +
    `tokens ${t.tokens.solutions}+${t.tokens.tests}; ` +
    `ms load ${t.ms.load}, solutions ${t.ms.solutions}, tests ${t.ms.tests}, execute ${t.ms.execute}, total ${t.ms.total}`
  );
}

/** Human-readable report of a cascade run: the completion, then one line per tier tried. */
export function formatTrace(result: CascadeResult): string {
  const verdict =
    result.verdict === 'unverifiable'
      ? `unverifiable: ${result.reason} (not tested)`
      : result.acceptedTier === null
        ? result.completion
          ? 'fallback (no tier passed its own tests)'
          : 'no tier produced a complete function: nothing to insert'
        : `tier ${result.acceptedTier + 1} accepted, ${result.passed.passed}/${result.passed.total} asserts passed`;
  return [
    '--- completion ---',
    result.completion,
    '--- trace ---',
    ...result.trace.map(tierLine),
    `result: ${verdict}`,
  ].join('\n');
}
