import assert from 'node:assert/strict';
import { agreementCounts, selectCandidate } from '../../src/engine/select/selectCandidate';

describe('selectCandidate (dual agreement)', () => {
  it('scores pairs by rowsum × colsum and picks the top pair', () => {
    // rows: candidate 0 passes 1 assert, candidate 1 passes 3, candidate 2 passes 2.
    const matrix = [
      [1, 0, 0],
      [1, 1, 1],
      [1, 1, 0],
    ];
    assert.deepEqual(agreementCounts(matrix), { rows: [1, 3, 2], cols: [3, 2, 1] });
    const s = selectCandidate(matrix, { threshold: 1 });
    // best pair: candidate 1 (rowsum 3) with assert 0 (colsum 3) → 9 = θ·k·|T| = 1·3·3.
    assert.deepEqual(s, { candidate: 1, assert: 0, score: 9, required: 9, accepted: true });
  });

  it('rejects below θ·k·|T| and accepts the same matrix at a lower θ', () => {
    const matrix = [
      [1, 1, 0, 0],
      [0, 1, 1, 0],
    ];
    // best: candidate 0 (2) with assert 1 (colsum 2) → 4; required at θ=1: 1·2·4 = 8.
    const strict = selectCandidate(matrix, { threshold: 1 });
    assert.equal(strict.candidate, 0);
    assert.equal(strict.score, 4);
    assert.equal(strict.required, 8);
    assert.equal(strict.accepted, false);
    const lenient = selectCandidate(matrix, { threshold: 0.5 });
    assert.equal(lenient.required, 4);
    assert.equal(lenient.accepted, true);
  });

  it('breaks ties by the earlier candidate, then the earlier assert', () => {
    const matrix = [
      [0, 1, 1],
      [1, 1, 0],
    ];
    // candidate 0: pairs (0,1) → 2·2=4, (0,2) → 2·1=2; candidate 1: (1,0) → 2·1=2, (1,1) → 4.
    const s = selectCandidate(matrix, { threshold: 1 });
    assert.equal(s.candidate, 0);
    assert.equal(s.assert, 1);
    assert.equal(s.score, 4);
  });

  it('never accepts an empty test pool, even at θ = 0', () => {
    const s = selectCandidate([[], [], []], { threshold: 0 });
    assert.equal(s.accepted, false);
    assert.equal(s.score, 0);
    assert.equal(s.required, 0);
    assert.equal(s.candidate, 0);
    assert.equal(s.assert, -1);
  });

  it('falls back to the first usable candidate when everything fails', () => {
    const matrix = [
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    const s = selectCandidate(matrix, { threshold: 0.1, usable: [false, true, true] });
    assert.equal(s.candidate, 1);
    assert.equal(s.assert, -1);
    assert.equal(s.accepted, false);
    assert.ok(Math.abs(s.required - 0.6) < 1e-9, `required ${s.required} should be θ·k·|T| = 0.1·3·2`);
    assert.equal(selectCandidate(matrix, { threshold: 1, usable: [false, false, false] }).candidate, 0);
  });

  it('returns no candidate for an empty tier', () => {
    assert.deepEqual(selectCandidate([], { threshold: 1 }), { candidate: -1, assert: -1, score: 0, required: 0, accepted: false });
  });

  it('accepts full agreement of a single greedy candidate (k = 1)', () => {
    assert.equal(selectCandidate([[1, 1, 1, 1]], { threshold: 1 }).accepted, true);
    assert.equal(selectCandidate([[1, 1, 0, 1]], { threshold: 1 }).accepted, false);
  });
});
