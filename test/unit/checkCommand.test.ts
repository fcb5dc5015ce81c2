import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { checkCommand } from '../../src/cli/checkCommand';
import { CascadeError } from '../../src/engine/errors';

describe('checkCommand', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-check-unit-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, lines: string[]): string {
    const target = path.join(dir, name);
    writeFileSync(target, lines.join('\n'));
    return target;
  }

  async function check(argv: string[]): Promise<{ code: number; lines: Record<string, unknown>[] }> {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const code = await checkCommand(argv, out);
    return { code, lines: text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  it('prints one line per record in input order, then the totals, and exits 0', async () => {
    const input = file('ok.jsonl', [
      JSON.stringify({ id: 'a', code: 'console.assert(1 === 1)' }),
      '',
      JSON.stringify({ id: 'b', code: 'console.assert(1 === 2)' }),
      JSON.stringify({ id: 'c', code: 'enum E { A } console.assert(E.A === 0)', language: 'ts' }),
      JSON.stringify({ id: 'd', code: 'for (;;) {}' }),
    ]);
    const { code, lines } = await check(['--jsonl', input, '--timeout-ms', '200']);
    assert.equal(code, 0);
    assert.deepEqual(lines.map((line) => [line.id, line.status]), [['a', 'pass'], ['b', 'fail'], ['c', 'pass'], ['d', 'timeout'], [undefined, undefined]]);
    assert.deepEqual(lines.at(-1), { total: 4, pass: 2, fail: 1, error: 0, timeout: 1 });
    assert.equal(typeof lines[0].ms, 'number');
    assert.equal('message' in lines[0], false);
    assert.match(String(lines[1].message), /Assertion failed/);
  });

  it('--language sets the default language', async () => {
    const input = file('ts.jsonl', [JSON.stringify({ id: 't', code: 'const n: number = 1; console.assert(n === 1)' })]);
    const { lines } = await check(['--jsonl', input, '--language', 'ts']);
    assert.equal(lines[0].status, 'pass');
  });

  const bad: [string, () => string[], RegExp][] = [
    ['a missing file', () => ['--jsonl', path.join(dir, 'absent.jsonl')], /cannot read .*absent\.jsonl: ENOENT/],
    ['invalid JSON, naming the line', () => ['--jsonl', file('bad.jsonl', ['{"id":"a","code":"1"}', '{oops'])], /bad\.jsonl:2: invalid JSON/],
    ['a record without id', () => ['--jsonl', file('noid.jsonl', ['{"code":"1"}'])], /noid\.jsonl:1: missing string "id"/],
    ['a record without code', () => ['--jsonl', file('nocode.jsonl', ['{"id":"a"}'])], /missing string "code"/],
    ['a bad language', () => ['--jsonl', file('lang.jsonl', ['{"id":"a","code":"1"}']), '--language', 'py'], /language must be "js" or "ts"/],
    ['no --jsonl', () => [], /missing --jsonl/],
    ['an unknown flag', () => ['--jsnol', 'x'], /unknown flag --jsnol/],
    ['a non-positive timeout', () => ['--jsonl', 'x', '--timeout-ms', '0'], /--timeout-ms must be a positive number/],
  ];
  for (const [name, argv, message] of bad) {
    it(`throws CascadeError for ${name}`, async () => {
      await assert.rejects(check(argv()), (error: unknown) => error instanceof CascadeError && message.test(error.message));
    });
  }
});
