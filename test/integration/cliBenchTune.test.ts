import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTiersFile } from '../../src/engine/config/readTiersFile';
import { checkRunRecord } from '../../src/engine/tune/runRecord';
import schema from '../../src/engine/tune/runRecord.schema.json';
import { type Schema, validateJsonSchema } from '../helpers/validateJsonSchema';
import { runCli } from '../helpers/runCli';
import { writeBenchDataset } from '../helpers/benchDataset';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const models = ['tiny-a.gguf', 'tiny-b.gguf'].map((name) => path.join(root, 'test', 'fixtures', 'generated', name));

const cascade = runCli;

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');

describe('cascade bench and tune (real node-llama-cpp on the generated tiny GGUFs)', function () {
  this.timeout(120_000);
  let dir: string;
  let tiers: string;
  let run: string;
  // 20 problems the test writes, in HumanEvalPack's format: the suite needs no shared data.
  let dataset: string;
  const bench = (...extra: string[]) =>
    cascade('bench', '--dataset', dataset, '--tiers', tiers, '--out', run, '--limit', '5', '--max-k', '2', '--max-t', '2', ...extra);

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-bench-'));
    dataset = path.join(dir, 'problems.jsonl');
    writeBenchDataset(dataset, 20);
    tiers = path.join(dir, 'tiers.json');
    run = path.join(dir, 'run.jsonl');
    writeFileSync(tiers, JSON.stringify({ tiers: models.map((model) => ({ model, maxTokens: 16 })) }));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('records 5 HumanEvalPack-format problems × 2 tiers as lines that match the schema', async () => {
    const { code, stdout, stderr } = await bench();
    assert.equal(code, 0, stderr);
    assert.match(stdout, /10 records written, 0 were already there/);
    assert.match(stderr, /\[#+\] 10\/10 100% ETA 0s {2}done/);
    const records = lines(run).map((line, i) => {
      const value = JSON.parse(line);
      assert.deepEqual(validateJsonSchema(value, schema as Schema), [], `line ${i + 1}`);
      return checkRunRecord(value, `line ${i + 1}`);
    });
    assert.deepEqual(records.map((r) => `${r.problem}#${r.tier}`), [0, 1, 2, 3, 4].flatMap((p) => [`JavaScript/${p}#0`, `JavaScript/${p}#1`]));
    for (const r of records) {
      assert.equal(r.model, models[r.tier]);
      assert.equal(r.candidates.length, 2);
      assert.equal(r.testSamples.length, 2);
      assert.ok(r.candidates.every((c) => c.tokens > 0 && c.tokens <= 16 && !c.correct), 'a random model solves nothing');
      assert.ok(r.costPerToken > 0);
    }
  });

  it('resumes: an interrupted file (partial last line) gets only the missing records', async () => {
    const kept = lines(run).slice(0, 7);
    writeFileSync(run, `${kept.join('\n')}\n{"problem": "JavaScript/3", "tier`);
    const { code, stdout, stderr } = await bench();
    assert.equal(code, 0, stderr);
    assert.match(stderr, /cut off an unfinished last line/);
    assert.match(stdout, /3 records written, 7 were already there/);
    const now = lines(run);
    assert.deepEqual(now.slice(0, 7), kept);
    assert.equal(new Set(now.map((line) => { const r = JSON.parse(line); return `${r.problem}#${r.tier}`; })).size, 10);
  });

  it('stops on Ctrl-C leaving only complete lines', async function () {
    const file = path.join(dir, 'interrupted.jsonl');
    const child = spawn(process.execPath, [cli, 'bench', '--dataset', dataset, '--tiers', tiers, '--out', file, '--limit', '20', '--max-k', '2', '--max-t', '2'], { cwd: root });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && / 2\/40 /.test(stderr)) sent = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted: .* holds \d+ complete records; run the same command again to resume/);
    const text = readFileSync(file, 'utf8');
    assert.ok(text === '' || text.endsWith('\n'));
    lines(file).forEach((line, i) => checkRunRecord(JSON.parse(line), `line ${i + 1}`));
    assert.ok(lines(file).length < 40);
  });

  it('tunes the recorded run: prints the front and baselines, writes a loadable tiers file and an SVG', async () => {
    const out = path.join(dir, 'tuned.json');
    const plot = path.join(dir, 'pareto.svg');
    const { code, stdout, stderr } = await cascade('tune', '--runs', run, '--k', '0,1,2', '--t', '0,1,2', '--seeds', '1,2', '--out', out, '--plot', plot);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^run: 5 problems × 2 tiers/);
    assert.match(stdout, /searched 450 configurations × 2 seeds/);
    assert.match(stdout, /Pareto front on validation/);
    assert.match(stdout, /single-model baselines:\n.*\n.*tiny-a\.gguf greedy/);
    assert.match(stdout, /chosen \(most accurate on validation\): /);
    const tuned = parseTiersFile(readFileSync(out, 'utf8'), out);
    assert.ok(tuned.length >= 1 && tuned.every((t) => models.includes(t.model!)));
    const svg = readFileSync(plot, 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /single models \(validation\)/);
    assert.match(svg, /<\/svg>\n$/);
  });

  it('gives one clear line and exit 2 for user mistakes', async () => {
    const cases: [string[], RegExp][] = [
      [['tune'], /missing --runs/],
      [['tune', '--runs', path.join(dir, 'nope.jsonl')], /cannot read .*nope\.jsonl: ENOENT/],
      [['tune', '--runs', run, '--k', '0,x'], /--k needs a comma-separated list/],
      [['tune', '--runs', run, '--min-accuracy', '0.9'], /no configuration meets/],
      [['bench', '--dataset', dataset, '--tiers', tiers], /usage: cascade bench/],
      [['bench', '--dataset', tiers, '--tiers', tiers, '--out', run], /tiers\.json:1: neither HumanEvalPack/],
      [['bench', '--dataset', 'no-such-bench', '--tiers', tiers, '--out', run], /unknown dataset "no-such-bench": give the path of a JSON Lines file or one of humanevalpack-js, /],
      [['bench', '--dataset', dataset, '--tiers', tiers, '--out', run, '--max-k', '0'], /--max-k must be/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await cascade(...args);
      assert.equal(code, 2, `${args.join(' ')} → ${stderr}`);
      assert.match(stderr, message);
      assert.doesNotMatch(stderr, /\n\s+at /);
    }
  });
});
