import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { requireDatasets, sharedDataset } from '../helpers/sharedDatasets';

// HumanEvalPack JS (164 problems) through the built CLI: `node dist/cli.js check`. It checks
// the checker on the real benchmark (its canonical and buggy solutions), so it needs the file
// (shared/datasets, or CASCADE_DATASETS_DIR) and says so when it is missing.
const DATASET = sharedDataset('humanevalpack-js.jsonl');
const CLI = path.resolve(__dirname, '../../dist/cli.js');

interface Problem {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  buggy_solution: string;
  test: string;
}

interface Summary {
  total: number;
  pass: number;
  fail: number;
  error: number;
  timeout: number;
}

describe('cascade check on HumanEvalPack JS', function () {
  this.timeout(120_000);
  let problems: Problem[];
  let dir: string;

  before(function () {
    requireDatasets(this, [path.basename(DATASET)]);
    problems = readFileSync(DATASET, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Problem);
    dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-check-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function check(solution: (p: Problem) => string): Promise<{ lines: { id: string; status: string }[]; summary: Summary }> {
    const file = path.join(dir, 'programs.jsonl');
    const records = problems.map((p) => JSON.stringify({ id: p.task_id, code: `${p.prompt}${solution(p)}\n${p.test}` }));
    writeFileSync(file, `${records.join('\n')}\n`);
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'check', '--jsonl', file], { maxBuffer: 16 * 1024 * 1024 });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    return { lines: lines.slice(0, -1), summary: lines.at(-1) as Summary };
  }

  it('passes at least 163/164 canonical solutions (162 needs js-md5), in input order', async () => {
    const { lines, summary } = await check((p) => p.canonical_solution);
    assert.equal(summary.total, 164);
    assert.ok(summary.pass >= 163, JSON.stringify(summary));
    assert.deepEqual(lines.map((line) => line.id), problems.map((p) => p.task_id));
    const failed = lines.filter((line) => line.status !== 'pass').map((line) => line.id);
    assert.ok(failed.every((id) => id === 'JavaScript/162'), failed.join());
  });

  it('passes none of the 164 buggy solutions', async () => {
    const { summary } = await check((p) => p.buggy_solution);
    assert.equal(summary.total, 164);
    assert.equal(summary.pass, 0, JSON.stringify(summary));
    assert.equal(summary.fail + summary.error + summary.timeout, 164);
  });
});
