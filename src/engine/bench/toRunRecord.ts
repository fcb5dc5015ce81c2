import type { CandidateTrace } from '../cascade/CascadeResult';
import type { GeneratedAsserts } from '../cascade/generateAsserts';
import type { RunRecord } from '../tune/runRecord';

/** What one (problem, tier) of a bench produced. */
export interface TierRecording {
  problem: string;
  tier: number;
  /** The model file (absolute path). */
  model: string;
  temperature: number;
  maxTokens: number;
  testsPerSample: number;
  candidates: CandidateTrace[];
  /** Ground truth per candidate. */
  correct: boolean[];
  tests: GeneratedAsserts;
  matrix: number[][];
  /** Generation time (candidates and test samples), ms. */
  generationMs: number;
}

/**
 * The run record of one (problem, tier). costPerToken is the measured seconds per generated
 * token (0 when nothing was generated). Each pooled assert is attributed to the first sample
 * that proposed it, with the tokens that sample spent on it: from the end of its previous
 * assert to the end of this one (its tokens split evenly over its asserts when the sample has
 * no assertTokens).
 */
export function toRunRecord(r: TierRecording): RunRecord {
  const { testSamples } = r.tests;
  const tokens = r.candidates.reduce((n, c) => n + c.tokens, 0) + testSamples.reduce((n, s) => n + s.tokens, 0);
  const asserts = r.tests.asserts.map((_, id) => {
    const sample = testSamples.findIndex((s) => s.asserts.includes(id));
    const { tokens: sampleTokens, asserts: ids, assertTokens } = testSamples[sample];
    const at = ids.indexOf(id);
    const spent = assertTokens ? assertTokens[at] - (at > 0 ? assertTokens[at - 1] : 0) : sampleTokens / ids.length;
    return { sample, tokens: spent };
  });
  return {
    problem: r.problem,
    tier: r.tier,
    model: r.model,
    costPerToken: tokens > 0 ? r.generationMs / 1000 / tokens : 0,
    temperature: r.temperature,
    maxTokens: r.maxTokens,
    testsPerSample: r.testsPerSample,
    candidates: r.candidates.map((c, i) => ({ tokens: c.tokens, correct: r.correct[i], usable: c.usable })),
    testSamples: testSamples.map((s) => ({ tokens: s.tokens, asserts: s.asserts, ...(s.assertTokens && { assertTokens: s.assertTokens }) })),
    asserts,
    matrix: r.matrix,
  };
}
