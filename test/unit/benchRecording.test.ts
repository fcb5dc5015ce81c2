import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBenchProblems, toBenchProblem } from '../../src/engine/bench/readBenchProblems';
import { appendRunRecord, openRunFile, runKey } from '../../src/engine/bench/runFile';
import { toRunRecord } from '../../src/engine/bench/toRunRecord';
import { CascadeError, DataFormatError } from '../../src/engine/errors';
import { checkRunRecord, readRunRecords } from '../../src/engine/tune/runRecord';
import schema from '../../src/engine/tune/runRecord.schema.json';
import { formatDuration, formatProgress } from '../../src/cli/formatProgress';
import { parseNumberList } from '../../src/cli/parseNumberList';
import { runRecord } from '../helpers/runRecords';
import { type Schema, validateJsonSchema } from '../helpers/validateJsonSchema';
import { requireDatasets, sharedDataset } from '../helpers/sharedDatasets';
const candidate = (completion: string, tokens: number, usable = true) => ({ completion, functionText: completion, usable, tokens });

describe('bench recording', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-bench-unit-'));

  it('reads HumanEvalPack and MultiPL-E JS/TS problems', () => {
    assert.deepEqual(toBenchProblem({ task_id: 'JavaScript/0', prompt: 'p', test: 't', entry_point: 'f' }), { id: 'JavaScript/0', prompt: 'p', tests: 't', language: 'javascript', entryPoint: 'f' });
    assert.deepEqual(toBenchProblem({ name: 'HumanEval_0_has_close_elements', language: 'ts', prompt: 'p', tests: 't' }), { id: 'HumanEval_0_has_close_elements', prompt: 'p', tests: 't', language: 'typescript', entryPoint: 'has_close_elements' });
    assert.equal(toBenchProblem({ name: 'mbpp_237_check_occurences', language: 'js', prompt: 'p', tests: 't' })?.entryPoint, 'check_occurences');
    assert.equal(toBenchProblem({ name: 'HumanEval_0_x', language: 'py', prompt: 'p', tests: 't' }), undefined);
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"task_id": "JavaScript/0", "prompt": "p", "test": "t", "entry_point": "f"}\n{"foo": 1}\n');
    assert.throws(() => readBenchProblems(bad), (e: Error) => e instanceof DataFormatError && /bad\.jsonl:2: neither HumanEvalPack/.test(e.message));
  });

  it('reads HumanEval-X JS, whose entry point is the function its declaration declares', () => {
    const declaration = 'const isPrime = (n) => {\n  return n > 1;\n}\nconst countPrimes = (xs) => {\n';
    assert.deepEqual(toBenchProblem({ task_id: 'JavaScript/9', prompt: 'p', test: 't', declaration, canonical_solution: 's', example_test: '' }), {
      id: 'JavaScript/9',
      prompt: 'p',
      tests: 't',
      language: 'javascript',
      entryPoint: 'countPrimes',
    });
    assert.equal(toBenchProblem({ task_id: 'JavaScript/1', prompt: 'p', test: 't', declaration: '\nfunction solve(a, b) {\n' })?.entryPoint, 'solve');
    assert.equal(toBenchProblem({ task_id: 'JavaScript/1', prompt: 'p', test: 't', declaration: '// no function' }), undefined);
    assert.equal(toBenchProblem({ task_id: 'JavaScript/1', prompt: 'p', test: 't', declaration: 'x', entry_point: 'given' })?.entryPoint, 'given', 'entry_point wins');
  });

  it('reads the shipped datasets', function () {
    const files = ['humanevalpack-js.jsonl', 'humaneval-x-js.jsonl', 'multipl-e_humaneval-ts-reworded.jsonl', 'multipl-e_mbpp-js-reworded.jsonl'];
    requireDatasets(this, files);
    const [pack, x, ts, mbpp] = files.map((file) => readBenchProblems(sharedDataset(file)));
    assert.equal(pack.length, 164);
    assert.equal(pack[0].id, 'JavaScript/0');
    assert.equal(x.length, 164);
    assert.deepEqual(x.map((p) => p.entryPoint), pack.map((p) => (p.id === 'JavaScript/114' ? 'minSubArraySum' : p.entryPoint)), 'HumanEval-X names HumanEvalPack\'s functions');
    assert.equal(ts.length, 159);
    assert.ok(ts.every((p) => p.language === 'typescript' && p.entryPoint !== ''));
    assert.equal(mbpp.length, 399);
  });

  it('turns a tier\'s results into a record that matches the schema, splitting sample tokens over its asserts', () => {
    const record = toRunRecord({
      problem: 'P',
      tier: 1,
      model: '/m.gguf',
      temperature: 0.8,
      maxTokens: 64,
      testsPerSample: 4,
      candidates: [candidate('a', 10), candidate('b', 20, false)],
      correct: [true, false],
      tests: { testSamples: [{ tokens: 30, asserts: [0, 1, 2] }, { tokens: 20, asserts: [2, 3] }], asserts: ['a0', 'a1', 'a2', 'a3'] },
      matrix: [[1, 1, 0, 1], [0, 0, 0, 0]],
      generationMs: 1600,
    });
    assert.deepEqual(record.asserts, [{ sample: 0, tokens: 10 }, { sample: 0, tokens: 10 }, { sample: 0, tokens: 10 }, { sample: 1, tokens: 10 }]);
    assert.equal(record.costPerToken, 1.6 / 80);
    assert.deepEqual(record.candidates, [{ tokens: 10, correct: true, usable: true }, { tokens: 20, correct: false, usable: false }]);
    assert.deepEqual(validateJsonSchema(record, schema as Schema), []);
    assert.deepEqual(checkRunRecord(JSON.parse(JSON.stringify(record)), 'x'), record);
  });

  it('charges each pooled assert the tokens its sample spent on it when the sample recorded them', () => {
    const record = toRunRecord({
      problem: 'P',
      tier: 0,
      model: '/m.gguf',
      temperature: 0.8,
      maxTokens: 64,
      testsPerSample: 3,
      candidates: [candidate('a', 10)],
      correct: [true],
      tests: { testSamples: [{ tokens: 31, asserts: [0, 1, 2], assertTokens: [12, 20, 30] }, { tokens: 9, asserts: [2], assertTokens: [9] }], asserts: ['a0', 'a1', 'a2'] },
      matrix: [[1, 1, 0]],
      generationMs: 500,
    });
    assert.deepEqual(record.asserts, [{ sample: 0, tokens: 12 }, { sample: 0, tokens: 8 }, { sample: 0, tokens: 10 }]);
    assert.deepEqual(record.testSamples[0], { tokens: 31, asserts: [0, 1, 2], assertTokens: [12, 20, 30] });
    assert.deepEqual(validateJsonSchema(record, schema as Schema), []);
    assert.deepEqual(checkRunRecord(JSON.parse(JSON.stringify(record)), 'x'), record);
  });

  it('rejects records that do not match the format', () => {
    const good = runRecord({ candidates: [[5, true]], samples: [[4, [0]]], matrix: [[1]] });
    assert.deepEqual(validateJsonSchema(good, schema as Schema), []);
    assert.deepEqual(validateJsonSchema({ ...good, extra: 1 }, schema as Schema), ['$: unexpected extra']);
    const cases: [object, RegExp][] = [
      [{ ...good, tier: -1 }, /field "tier"/],
      [{ ...good, matrix: [[1], [0]] }, /one row per candidate/],
      [{ ...good, matrix: [[1, 0]] }, /one entry per assert/],
      [{ ...good, testSamples: [{ tokens: 4, asserts: [3] }] }, /assert id outside/],
      [{ ...good, testSamples: [{ tokens: 4, asserts: [0], assertTokens: [1, 2] }] }, /"assertTokens" must rise, one per assert/],
      [{ ...good, testSamples: [{ tokens: 4, asserts: [0], assertTokens: [5] }] }, /up to its tokens/],
      [{ ...good, matrix: [[2]] }, /field "matrix"/],
    ];
    for (const [value, message] of cases) assert.throws(() => checkRunRecord(value, 'run.jsonl:3'), (e: Error) => e instanceof DataFormatError && /^run\.jsonl:3: /.test(e.message) && message.test(e.message));
  });

  it('resumes a run file: knows what is recorded and cuts off an unfinished last line', () => {
    const file = path.join(dir, 'run.jsonl');
    assert.equal(openRunFile(file).done.size, 0, 'a missing file is an empty run');
    const a = runRecord({ problem: 'A', candidates: [[5, true]], samples: [[4, [0]]], matrix: [[1]] });
    appendRunRecord(file, a);
    appendRunRecord(file, { ...a, problem: 'B', tier: 1 });
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"problem": "C", "ti`);
    assert.equal(readRunRecords(file).length, 2, 'readers ignore the unfinished line');
    const state = openRunFile(file);
    assert.deepEqual([...state.done], [runKey('A', 0), runKey('B', 1)]);
    assert.equal(state.truncated, '{"problem": "C", "ti'.length);
    assert.ok(readFileSync(file, 'utf8').endsWith('}\n'));
    writeFileSync(file, 'not json\n');
    assert.throws(() => openRunFile(file), /run\.jsonl:1: invalid JSON/);
  });

  it('formats progress with an ETA from this session\'s rate', () => {
    assert.equal(formatProgress({ done: 0, total: 4, recorded: 0, elapsedMs: 0, label: 'P tier 0' }), '[------------------------] 0/4 0% ETA …  P tier 0');
    assert.equal(formatProgress({ done: 3, total: 4, recorded: 1, elapsedMs: 2000, label: 'x' }), '[##################------] 3/4 75% ETA 2s  x');
    assert.deepEqual([formatDuration(42_000), formatDuration(192_000), formatDuration(3_720_000)], ['42s', '3m12s', '1h02m']);
  });

  it('parses comma-separated number flags', () => {
    assert.deepEqual(parseNumberList('k', '0, 1,3', Number.isInteger, 'integers'), [0, 1, 3]);
    assert.throws(() => parseNumberList('k', '0,,3', Number.isInteger, 'integers'), (e: Error) => e instanceof CascadeError && /--k needs a comma-separated list of integers/.test(e.message));
    assert.throws(() => parseNumberList('theta', '0.5,2', (n) => n <= 1, 'numbers from 0 to 1'), CascadeError);
  });
});
