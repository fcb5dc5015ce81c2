import assert from 'node:assert/strict';
import type { CandidateTrace, TierTrace } from '../../src/engine/cascade/CascadeResult';
import { bestFallback } from '../../src/engine/select/bestFallback';

const candidate = (completion: string, usable = true): CandidateTrace => ({ completion, functionText: completion, usable, tokens: 1 });

function tier(index: number, candidates: CandidateTrace[], asserts: number, chosen: number, score: number): TierTrace {
  return {
    tier: index, model: `m${index}`, candidates, testSamples: [], asserts: Array.from({ length: asserts }, (_, i) => `a${i}`),
    matrix: [], chosen, score, required: candidates.length * asserts, accepted: false, verdict: 'rejected',
    tokens: { solutions: 0, tests: 0 }, ms: { load: 0, solutions: 0, tests: 0, execute: 0, total: 0 },
  };
}

describe('bestFallback', () => {
  it('compares tiers by normalised score, not raw score (raw scores grow with k·|T|)', () => {
    // Tier 0: 2 × 2, score 3 → 0.75. Tier 1: 5 × 10, score 20 → 0.4.
    const traces = [tier(0, [candidate('small'), candidate('small2')], 2, 0, 3), tier(1, [1, 2, 3, 4, 5].map((i) => candidate(`large${i}`)), 10, 2, 20)];
    assert.deepEqual(bestFallback(traces), { tier: 0, candidate: 0, completion: 'small', normalised: 0.75 });
  });

  it('ties go to the later tier', () => {
    const traces = [tier(0, [candidate('a')], 2, 0, 0), tier(1, [candidate('b')], 2, 0, 0)];
    assert.equal(bestFallback(traces)?.completion, 'b');
  });

  it('never offers code that does not parse: an unusable chosen candidate gives way to a usable one of its tier, or to another tier', () => {
    const traces = [tier(0, [candidate('ok')], 0, 0, 0), tier(1, [candidate('garbage', false), candidate('fine')], 3, 0, 0)];
    assert.deepEqual(bestFallback(traces), { tier: 1, candidate: 1, completion: 'fine', normalised: 0 });
    assert.equal(bestFallback([tier(0, [candidate('x', false)], 2, 0, 0), tier(1, [], 0, -1, 0)]), undefined);
  });
});
