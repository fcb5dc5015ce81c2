import type { CascadeResult, TierTrace } from '../engine';

function tierLine(t: TierTrace): string {
  const head = `tier ${t.tier + 1} (${t.model})`;
  if (t.error) return `${head}: skipped: ${t.error}`;
  if (t.verdict === 'unverifiable') return `${head}: unverifiable (${t.reason}): its greedy answer, not tested; tokens ${t.tokens.solutions}; ms total ${t.ms.total}`;
  const usable = t.candidates.filter((c) => c.usable).length;
  return (
    `${head}: ${t.candidates.length} candidates (${usable} parsed), ${t.asserts.length} asserts, ` +
    `score ${t.score} (needs ${t.required}) → ${t.accepted ? 'accepted' : 'rejected'}; ` +
    `tokens ${t.tokens.solutions}+${t.tokens.tests}; ` +
    `ms load ${t.ms.load}, solutions ${t.ms.solutions}, tests ${t.ms.tests}, execute ${t.ms.execute}, total ${t.ms.total}`
  );
}

/** The answering tier's asserts, each marked with whether the returned candidate passed it. */
function assertLines(result: CascadeResult): string[] {
  const tier = result.answer && result.trace.find((t) => t.tier === result.answer!.tier);
  const row = tier?.matrix[result.answer!.candidate];
  if (!tier || !row || tier.asserts.length === 0) return [];
  return [`--- tier ${tier.tier + 1}'s own tests ---`, ...tier.asserts.map((a, j) => `${row[j] ? 'pass' : 'FAIL'}  ${a.replace(/\s*\n\s*/g, ' ')}`)];
}

/** Human-readable report of a cascade run: the completion, the asserts it was checked against, then one line per tier tried. */
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
    ...assertLines(result),
    '--- trace ---',
    ...result.trace.map(tierLine),
    `result: ${verdict}`,
  ].join('\n');
}
