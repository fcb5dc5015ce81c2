import assert from 'node:assert/strict';
import { DataFormatError } from '../../src/engine/errors';
import { evaluateConfig } from '../../src/engine/tune/evaluateConfig';
import { groupRuns } from '../../src/engine/tune/groupRuns';
import { buildOutcomeTables } from '../../src/engine/tune/outcomeTable';
import { paretoFront, pickFromFront } from '../../src/engine/tune/paretoFront';
import type { RunRecord } from '../../src/engine/tune/runRecord';
import { scoreSplits } from '../../src/engine/tune/scoreSplits';
import { countConfigs, searchGrid } from '../../src/engine/tune/searchGrid';
import { splitProblems } from '../../src/engine/tune/splitProblems';
import type { TierOption } from '../../src/engine/tune/TierOption';
import { tierOptions } from '../../src/engine/tune/TierOption';
import { tunedTiers } from '../../src/engine/tune/tunedTiers';
import { tuneRun } from '../../src/engine/tune/tuneRun';
import { runRecord } from '../helpers/runRecords';

// Two tiers, three problems. Every record: 2 candidates of 5 tokens, 2 samples of 2 tokens
// with one assert each, so k = 2, t = 1 costs 14 tokens and k = 0 costs 5. Tier 0 costs 1 per
// token, tier 1 costs 10.
const ALL = [[1, 1], [1, 1]];
const NONE = [[0, 0], [0, 0]];
const record = (problem: string, tier: number, correct: [boolean, boolean], matrix: number[][]): RunRecord =>
  runRecord({
    problem,
    tier,
    model: `/models/m${tier}.gguf`,
    costPerToken: tier === 0 ? 1 : 10,
    candidates: correct.map((c) => [5, c] as [number, boolean]),
    samples: [[2, [0]], [2, [1]]],
    matrix,
  });
const RUN = groupRuns([
  record('P0', 0, [true, true], ALL), // tier 0 agrees fully and is right
  record('P1', 0, [false, false], [[1, 0], [0, 0]]), // tier 0 weakly agrees (score 1 of 4) and is wrong
  record('P2', 0, [false, false], NONE),
  record('P0', 1, [true, true], ALL),
  record('P1', 1, [true, true], ALL),
  record('P2', 1, [false, true], NONE), // nothing passes: the fallback is candidate 0, wrong
]);
const OPTIONS: TierOption[] = [
  { k: 2, t: 1, threshold: 1 },
  { k: 2, t: 1, threshold: 0.1 },
  { k: 0, t: 0, threshold: 1 },
  { k: 1, t: 1, threshold: 1 },
];
const TABLES = buildOutcomeTables(RUN, OPTIONS);
const evaluate = (choice: number[]) => {
  const o = evaluateConfig(TABLES, choice);
  return { correct: [...o.correct], cost: [...o.cost], answeredBy: [...o.answeredBy], accepted: [...o.accepted] };
};

describe('cascade simulation (hand-computed)', () => {
  it('escalates past a rejecting tier and returns the last tier\'s fallback', () => {
    assert.deepEqual(evaluate([0, 0]), { correct: [1, 1, 0], cost: [14, 154, 154], answeredBy: [0, 1, 1], accepted: [1, 1, 0] });
  });

  it('a low θ accepts tier 0\'s wrong answer on P1 and saves the escalation', () => {
    assert.deepEqual(evaluate([1, 0]), { correct: [1, 0, 0], cost: [14, 14, 154], answeredBy: [0, 0, 1], accepted: [1, 1, 0] });
  });

  it('skips a tier', () => {
    assert.deepEqual(evaluate([-1, 0]), { correct: [1, 1, 0], cost: [140, 140, 140], answeredBy: [1, 1, 1], accepted: [1, 1, 0] });
  });

  it('ends with a greedy k = 0 tier (candidate 0, no tests)', () => {
    assert.deepEqual(evaluate([0, 2]), { correct: [1, 1, 0], cost: [14, 64, 64], answeredBy: [0, 1, 1], accepted: [1, 0, 0] });
  });

  it('a single tier returns its chosen candidate whether or not it accepts', () => {
    assert.deepEqual(evaluate([0, -1]), { correct: [1, 0, 0], cost: [14, 14, 14], answeredBy: [0, 0, 0], accepted: [1, 0, 0] });
  });

  it('groups records by tier, keeps only problems every tier has and rejects mixed models', () => {
    const partial = groupRuns([record('A', 0, [true, true], ALL), record('B', 0, [true, true], ALL), record('A', 1, [true, true], ALL)]);
    assert.deepEqual(partial.problems, ['A']);
    assert.deepEqual(partial.incomplete, ['B']);
    assert.deepEqual(RUN.tiers.map((t) => [t.model, t.costPerToken, t.samples, t.testsPerSample]), [['/models/m0.gguf', 1, 2, 1], ['/models/m1.gguf', 10, 2, 1]]);
    assert.equal(groupRuns(RUN.tiers.flatMap((t) => t.records), [2, 3]).tiers[1].costPerToken, 3);
    const other = { ...record('B', 0, [true, true], ALL), model: '/models/other.gguf' };
    assert.throws(() => groupRuns([record('A', 0, [true, true], ALL), other]), DataFormatError);
  });
});

describe('grid search', () => {
  const splits = splitProblems(3, 0.34, [1, 2, 3]);

  it('enumerates every allowed configuration once and scores each as evaluateConfig does', () => {
    const grid = searchGrid(TABLES, OPTIONS, splits);
    // Per tier: skip, end (k ≠ 1: 3 options) or continue (k ≠ 0: 3 options): 3 + 3 + 3·3 = 15.
    assert.equal(grid.count, countConfigs(2, OPTIONS));
    assert.equal(grid.count, 15);
    const seen = new Set<string>();
    for (let c = 0; c < grid.count; c++) {
      const choice = [...grid.choices.subarray(c * 2, c * 2 + 2)];
      seen.add(choice.join());
      const used = choice.filter((i) => i >= 0).map((i) => OPTIONS[i]);
      assert.notEqual(used.at(-1)!.k, 1, 'k = 1 is never last');
      assert.ok(used.slice(0, -1).every((o) => o.k !== 0), 'k = 0 only last');
      const outcome = evaluateConfig(TABLES, choice);
      const expected = scoreSplits(outcome.correct, outcome.cost, splits);
      assert.ok(Math.abs(grid.validationAccuracy[c] - expected.validation.accuracy) < 1e-12);
      assert.ok(Math.abs(grid.validationCost[c] - expected.validation.cost) < 1e-9);
      assert.ok(Math.abs(grid.testAccuracy[c] - expected.test.accuracy) < 1e-12);
      assert.ok(Math.abs(grid.testCost[c] - expected.test.cost) < 1e-9);
    }
    assert.equal(seen.size, 15);
  });

  it('scores splits by averaging each seed\'s validation and test means', () => {
    const split = { validation: [Uint8Array.of(1, 0, 0, 0), Uint8Array.of(0, 1, 0, 0)], validationSize: 1, testSize: 3 };
    const scores = scoreSplits([1, 0, 1, 1], [10, 20, 30, 40], split);
    // Seed 1: val {0} → 1, 10; test {1,2,3} → 2/3, 30. Seed 2: val {1} → 0, 20; test {0,2,3} → 1, 80/3.
    assert.deepEqual(scores.validation, { accuracy: 0.5, cost: 15 });
    assert.ok(Math.abs(scores.test.accuracy - 5 / 6) < 1e-12);
    assert.ok(Math.abs(scores.test.cost - 85 / 3) < 1e-9);
  });

  it('splits 164 problems 49 / 115 reproducibly per seed', () => {
    const a = splitProblems(164, 0.3, [3, 7]);
    assert.equal(a.validationSize, 49);
    assert.equal(a.testSize, 115);
    assert.equal(a.validation[0].reduce((n, v) => n + v, 0), 49);
    assert.deepEqual(a.validation[0], splitProblems(164, 0.3, [3]).validation[0]);
    assert.notDeepEqual(a.validation[0], a.validation[1]);
    assert.throws(() => splitProblems(3, 0.1, [1]), RangeError);
  });

  it('keeps the Pareto front, cheapest first, and picks by budget or accuracy floor', () => {
    const cost = [5, 1, 3, 3, 8, 1];
    const accuracy = [0.7, 0.2, 0.5, 0.6, 0.7, 0.2];
    const front = paretoFront(cost, accuracy);
    assert.deepEqual(front, [1, 3, 0], 'ties keep the first; dominated points go');
    assert.equal(pickFromFront(front, cost, accuracy, {}), 0);
    assert.equal(pickFromFront(front, cost, accuracy, { budget: 4 }), 3);
    assert.equal(pickFromFront(front, cost, accuracy, { minAccuracy: 0.55 }), 3);
    assert.equal(pickFromFront(front, cost, accuracy, { budget: 4, minAccuracy: 0.65 }), undefined);
    assert.equal(pickFromFront(front, cost, accuracy, { budget: 0.5 }), undefined);
  });

  it('breaks ties between identical points toward the higher preference (the stricter θ)', () => {
    const cost = [1, 1, 1, 2];
    const accuracy = [0.5, 0.5, 0.5, 0.6];
    assert.deepEqual(paretoFront(cost, accuracy, [0.1, 0.9, 0.5, 0.3]), [1, 3]);
  });

  it('tuneRun puts the highest θ on the front when thresholds do not change the scores', () => {
    const result = tuneRun(RUN, { grid: { k: [2], t: [1], theta: [0.1, 0.5, 1] }, valFraction: 0.34, seeds: [1] });
    let tied = 0;
    for (const config of result.front) {
      const thetas = [0, 1].map((tier) => result.grid.choices[config * result.grid.tiers + tier]).filter((c) => c >= 0).map((c) => result.options[c].threshold);
      const ties = Array.from({ length: result.grid.count }, (_, c) => c).filter(
        (c) => result.grid.validationCost[c] === result.grid.validationCost[config] && result.grid.validationAccuracy[c] === result.grid.validationAccuracy[config]);
      const best = Math.max(...ties.map((c) => [0, 1].map((tier) => result.grid.choices[c * result.grid.tiers + tier]).filter((o) => o >= 0).reduce((n, o) => n + result.options[o].threshold, 0)));
      assert.equal(thetas.reduce((n, v) => n + v, 0), best, `configuration ${config} has the highest θ among its ties`);
      if (ties.length > 1) tied++;
    }
    assert.ok(tied > 0, 'the run has configurations that differ only in θ and score the same');
  });

  it('writes a configuration as tiers that validate', () => {
    assert.deepEqual(tunedTiers(RUN, OPTIONS, [0, 2]), [
      { model: '/models/m0.gguf', samples: 2, testsPerSample: 1, threshold: 1, temperature: 0.8, maxTokens: 64 },
      { model: '/models/m1.gguf', samples: 0, testsPerSample: 0, threshold: 1, temperature: 0.8, maxTokens: 64 },
    ]);
    assert.deepEqual(tunedTiers(RUN, OPTIONS, [-1, 1]).map((t) => [t.model, t.threshold]), [['/models/m1.gguf', 0.1]]);
  });

  it('tuneRun drops grid values the run cannot simulate and reports single-model baselines', () => {
    const result = tuneRun(RUN, { grid: { k: [0, 1, 2, 3], t: [0, 1, 2], theta: [0.5, 1] }, valFraction: 0.34, seeds: [1, 2] });
    assert.deepEqual(result.dropped, { k: [3], t: [2] });
    assert.deepEqual(result.options, tierOptions({ k: [0, 1, 2], t: [0, 1], theta: [0.5, 1] }));
    assert.deepEqual(result.baselines.map((b) => [b.tier, b.option.k]), [[0, 0], [0, 2], [1, 0], [1, 2]]);
    assert.ok(result.front.length > 0);
    const best = result.front.at(-1)!;
    assert.equal(result.grid.validationAccuracy[best], Math.max(...result.grid.validationAccuracy));
  });
});
