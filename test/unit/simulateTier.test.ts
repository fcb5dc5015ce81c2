import assert from 'node:assert/strict';
import { selectCandidate } from '../../src/engine/select/selectCandidate';
import { sampleTokens, simulateThresholds, simulateTier } from '../../src/engine/tune/simulateTier';
import { seededRandom } from '../../src/engine/tune/splitProblems';
import { runRecord } from '../helpers/runRecords';

// 3 candidates (10, 20, 30 tokens; only 1 and 2 correct), 3 test samples, 4 pooled asserts.
const RECORD = runRecord({
  candidates: [[10, false], [20, true], [30, true]],
  samples: [[8, [0, 1]], [12, [1, 2]], [6, [3]]],
  matrix: [
    [1, 0, 0, 0],
    [1, 1, 1, 0],
    [0, 1, 1, 1],
  ],
});

describe('simulateTier (replaying one tier from a recorded run)', () => {
  it('k = 3, t = 2: all four asserts; best pair candidate 1 (3 · 2 = 6) against θ·k·|T| = 12', () => {
    assert.deepEqual(simulateTier(RECORD, { k: 3, t: 2, threshold: 1 }), { accepted: false, chosen: 1, correct: true, tokens: 60 + 8 + 12 + 6 });
    assert.deepEqual(simulateTier(RECORD, { k: 3, t: 2, threshold: 0.5 }), { accepted: true, chosen: 1, correct: true, tokens: 86 });
  });

  it('t = 1 keeps each sample\'s first assert (T\' = {0, 1, 3}) and charges half of the two-assert samples', () => {
    // Sub-matrix [[1,0,0],[1,1,0],[0,1,1]]: rows 1,2,2, cols 2,2,1 → best 4 (candidate 1); 0.5·3·3 = 4.5.
    assert.deepEqual(simulateTier(RECORD, { k: 3, t: 1, threshold: 0.5 }), { accepted: false, chosen: 1, correct: true, tokens: 60 + 4 + 6 + 6 });
    assert.deepEqual(simulateTier(RECORD, { k: 3, t: 1, threshold: 0.4 }).accepted, true);
    assert.equal(sampleTokens(RECORD, 0, 1), 4);
    assert.equal(sampleTokens(RECORD, 2, 1), 6, 'a sample with at most t asserts costs all its tokens');
  });

  it('charges a sample what the cascade pays when it stops after the t-th assert: the tokens when that one was complete', () => {
    const stopped = { ...RECORD, testSamples: [{ tokens: 8, asserts: [0, 1], assertTokens: [5, 8] }, { tokens: 12, asserts: [1, 2], assertTokens: [9, 11] }, RECORD.testSamples[2]] };
    assert.equal(sampleTokens(stopped, 0, 1), 5);
    assert.equal(sampleTokens(stopped, 1, 1), 9);
    assert.equal(sampleTokens(stopped, 1, 2), 12, 'all asserts kept: all its tokens');
    assert.equal(simulateTier(stopped, { k: 3, t: 1, threshold: 0.5 }).tokens, 60 + 5 + 9 + 6);
  });

  it('k = 2 uses candidates 0–1 and samples 0–1 only', () => {
    // T' = {0, 1, 2}; [[1,0,0],[1,1,1]]: rows 1,3; cols 2,1,1 → candidate 1 with assert 0: 3·2 = 6 = 1·2·3.
    assert.deepEqual(simulateTier(RECORD, { k: 2, t: 2, threshold: 1 }), { accepted: true, chosen: 1, correct: true, tokens: 30 + 20 });
  });

  it('k = 1: candidate 0 with the first t asserts of sample 0 (the greedy stand-ins)', () => {
    // [[1, 0]]: score 1 · 1 = 1; θ = 1 needs 1·1·2 = 2.
    assert.deepEqual(simulateTier(RECORD, { k: 1, t: 2, threshold: 1 }), { accepted: false, chosen: 0, correct: false, tokens: 18 });
    assert.deepEqual(simulateTier(RECORD, { k: 1, t: 2, threshold: 0.5 }), { accepted: true, chosen: 0, correct: false, tokens: 18 });
    assert.deepEqual(simulateTier(RECORD, { k: 1, t: 1, threshold: 1 }), { accepted: true, chosen: 0, correct: false, tokens: 14 });
  });

  it('k = 0: candidate 0, no tests, never accepted', () => {
    assert.deepEqual(simulateTier(RECORD, { k: 0, t: 0, threshold: 1 }), { accepted: false, chosen: 0, correct: false, tokens: 10 });
  });

  it('with no passing pair falls back to the first usable candidate, never accepting an empty score', () => {
    const record = runRecord({
      candidates: [[5, false, false], [5, true], [5, false]],
      samples: [[4, [0]], [4, [1]], [4, []]],
      matrix: [[0, 0], [0, 0], [0, 0]],
    });
    assert.deepEqual(simulateTier(record, { k: 3, t: 4, threshold: 0 }), { accepted: false, chosen: 1, correct: true, tokens: 27 });
  });

  it('refuses a k larger than the recorded candidates', () => {
    assert.throws(() => simulateTier(RECORD, { k: 5, t: 2, threshold: 1 }), RangeError);
  });
});

describe('simulateThresholds (one selection shared by every θ)', () => {
  it('accepts exactly when selectCandidate on the same sub-matrix accepts, for random records', () => {
    const random = seededRandom(5);
    const thetas = [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0];
    for (let n = 0; n < 200; n++) {
      const width = Math.floor(random() * 8);
      const record = runRecord({
        candidates: Array.from({ length: 5 }, () => [10, random() < 0.5, random() < 0.9] as [number, boolean, boolean]),
        samples: Array.from({ length: 5 }, () => [10, [...new Set([0, 1, 2].map(() => Math.floor(random() * width)))].filter((id) => id < width)] as [number, number[]]),
        matrix: Array.from({ length: 5 }, () => Array.from({ length: width }, () => (random() < 0.6 ? 1 : 0))),
      });
      for (const k of [1, 3, 5]) {
        const kept = [...new Set(record.testSamples.slice(0, k).flatMap((s) => s.asserts.slice(0, 2)))];
        const matrix = record.matrix.slice(0, k).map((row) => kept.map((id) => row[id]));
        const usable = record.candidates.slice(0, k).map((c) => c.usable);
        const outcomes = simulateThresholds(record, k, 2, thetas);
        thetas.forEach((threshold, i) => {
          const expected = selectCandidate(matrix, { threshold, usable });
          assert.equal(outcomes[i].accepted, expected.accepted, `record ${n}, k ${k}, θ ${threshold}`);
          assert.equal(outcomes[i].chosen, expected.candidate);
        });
      }
    }
  });
});
