import type { RunRecord } from '../../src/engine/tune/runRecord';

/** A candidate as [tokens, correct, usable = true]. */
export type CandidateSpec = [number, boolean, boolean?];

/** Builds a run record for tests; each sample lists its pooled assert ids, tokens split evenly. */
export function runRecord(spec: {
  problem?: string;
  tier?: number;
  model?: string;
  costPerToken?: number;
  candidates: CandidateSpec[];
  samples: [number, number[]][];
  matrix: number[][];
}): RunRecord {
  const width = spec.matrix[0]?.length ?? 0;
  const asserts = Array.from({ length: width }, (_, id) => {
    const sample = spec.samples.findIndex(([, ids]) => ids.includes(id));
    const [tokens, ids] = spec.samples[Math.max(0, sample)];
    return { sample: Math.max(0, sample), tokens: tokens / Math.max(1, ids.length) };
  });
  return {
    problem: spec.problem ?? 'P0',
    tier: spec.tier ?? 0,
    model: spec.model ?? '/models/m.gguf',
    costPerToken: spec.costPerToken ?? 1,
    temperature: 0.8,
    maxTokens: 64,
    testsPerSample: Math.max(1, ...spec.samples.map(([, ids]) => ids.length)),
    candidates: spec.candidates.map(([tokens, correct, usable = true]) => ({ tokens, correct, usable })),
    testSamples: spec.samples.map(([tokens, ids]) => ({ tokens, asserts: ids })),
    asserts,
    matrix: spec.matrix,
  };
}
