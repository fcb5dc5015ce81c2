import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CandidateTrace, TierTrace } from '../../src/engine';
import { runCli } from '../helpers/runCli';

const root = path.resolve(__dirname, '..', '..');
const generated = path.join(root, 'test', 'fixtures', 'generated');
const tinyA = path.join(generated, 'tiny-a.gguf');
const tinyB = path.join(generated, 'tiny-b.gguf');
// Canned GGUFs (test/fixtures/cannedGguf.mjs): fixed greedy answers, a right and a wrong clamp.
const cannedRight = path.join(generated, 'canned-clamp-right.gguf');
const cannedWrong = path.join(generated, 'canned-clamp-wrong.gguf');
const RIGHT_BODY = 'return Math.min(Math.max(x, lo), hi);';

const cascade = runCli;

describe('cascade complete (real node-llama-cpp on the generated tiny and canned GGUFs)', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-cli-'));
  const source = path.join(dir, 'clamp.js');
  writeFileSync(source, '// Clamps x into [lo, hi].\nfunction clamp(x, lo, hi) {\n  \n');
  const tiers = (models: string[]) => {
    const file = path.join(dir, `tiers-${models.length}-${path.basename(models[0])}.json`);
    writeFileSync(file, JSON.stringify({ tiers: models.map((model) => ({ model, samples: 2, testsPerSample: 2, maxTokens: 24 })) }));
    return file;
  };

  it('runs a two-tier cascade of random models end to end; the fallback is only ever a complete function', async () => {
    const { code, stdout, stderr } = await cascade('complete', source, '--line', '3', '--tiers', tiers([tinyA, tinyB]), '--json');
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout);
    assert.deepEqual(Object.keys(result), ['completion', 'acceptedTier', 'verdict', 'trace']);
    assert.equal(result.acceptedTier, null, 'a random model cannot pass its own tests');
    assert.equal(result.verdict, 'unverified');
    assert.deepEqual(result.trace.map((t: { model: string }) => t.model), ['tiny-a.gguf', 'tiny-b.gguf']);
    for (const tier of result.trace) {
      assert.equal(tier.candidates.length, 2);
      // Tests are written only when some candidate is a complete function.
      const usable = tier.candidates.some((c: { usable: boolean }) => c.usable);
      assert.equal(tier.testSamples.length, usable ? 2 : 0);
      assert.equal(tier.accepted, false);
      assert.ok(tier.tokens.solutions > 0 && tier.tokens.solutions <= 48, `tokens ${tier.tokens.solutions}`);
      assert.ok(tier.ms.total >= tier.ms.solutions);
    }
    // Random models rarely close the function: their text is never shown unless it parses.
    const usable = result.trace.flatMap((t: TierTrace) => t.candidates).filter((c: CandidateTrace) => c.usable);
    if (usable.length === 0) assert.equal(result.completion, '', 'no tier produced a complete function: nothing to show');
    else assert.ok(usable.some((c: CandidateTrace) => c.completion === result.completion), 'the fallback is a candidate that parses');
    assert.notEqual(result.trace[0].candidates[0].completion, result.trace[1].candidates[0].completion, 'the two tiers are different models');
    assert.match(stderr, /tier 2\/2 \(tiny-b\.gguf\): solutions/);
  });

  it('prints a readable trace without --json', async () => {
    const { code, stdout } = await cascade('complete', source, '--line', '3', '--tiers', tiers([tinyA, tinyB]));
    assert.equal(code, 0);
    assert.match(stdout, /^--- completion ---\n/);
    assert.match(stdout, /tier 1 \(tiny-a\.gguf\): 2 candidates/);
    assert.match(stdout, /tier 2 \(tiny-b\.gguf\): 2 candidates/);
    // Random models rarely write a complete function: then nothing is offered, and the trace says so.
    const parsed = [...stdout.matchAll(/candidates \((\d+) parsed\)/g)].reduce((n, m) => n + Number(m[1]), 0);
    assert.match(stdout, parsed > 0 ? /result: fallback \(no tier passed its own tests\)/ : /result: no tier produced a complete function: nothing to insert/);
  });

  it('skips a tier whose model file is missing; a right canned tier 2 still answers, verified', async () => {
    const missing = path.join(dir, 'missing.gguf');
    const { code, stdout } = await cascade('complete', source, '--line', '3', '--tiers', tiers([missing, cannedRight]), '--json');
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.match(result.trace[0].error, /missing\.gguf/);
    assert.equal(result.trace[1].candidates.length, 2);
    assert.equal(result.verdict, 'verified');
    assert.equal(result.acceptedTier, 1);
  });

  describe('with canned models and default tier settings', () => {
    // An open function (no closing brace yet): the canned body closes it.
    const defaults = (models: string[]) => {
      const file = path.join(dir, `defaults-${models.map((m) => path.basename(m, '.gguf')).join('+')}.json`);
      writeFileSync(file, JSON.stringify({ tiers: models.map((model) => ({ model })) }));
      return file;
    };

    it('escalates: a wrong canned tier 1 is rejected by its own asserts, a right canned tier 2 is verified (--json)', async () => {
      const { code, stdout, stderr } = await cascade('complete', source, '--line', '3', '--tiers', defaults([cannedWrong, cannedRight]), '--json');
      assert.equal(code, 0, stderr);
      const result = JSON.parse(stdout);
      assert.equal(result.verdict, 'verified');
      assert.equal(result.acceptedTier, 1);
      assert.equal(result.completion, `${RIGHT_BODY}\n}`, 'the canned body, closing the open function, without what the model wrote after it');
      const [first, second] = result.trace;
      assert.equal(first.verdict, 'rejected');
      assert.equal(first.candidates.length, 3);
      assert.equal(first.asserts.length, 4);
      assert.equal(second.verdict, 'accepted');
      assert.deepEqual(second.asserts, first.asserts, 'both canned models write the same asserts');
      assert.ok(second.matrix.every((row: number[]) => row.every((pass) => pass === 1)));
    });

    it('the readable trace says which tier accepted', async () => {
      const { code, stdout } = await cascade('complete', source, '--line', '3', '--tiers', defaults([cannedWrong, cannedRight]));
      assert.equal(code, 0);
      assert.match(stdout, /^--- completion ---\nreturn Math\.min\(Math\.max\(x, lo\), hi\);\n\}\n/);
      assert.match(stdout, /tier 1 \(canned-clamp-wrong\.gguf\): 3 candidates \(3 parsed\), 4 asserts, score 3 \(needs 12\) → rejected/);
      assert.match(stdout, /tier 2 \(canned-clamp-right\.gguf\): 3 candidates \(3 parsed\), 4 asserts, score 12 \(needs 12\) → accepted/);
      assert.match(stdout, /result: tier 2 accepted, 4\/4 asserts passed/);
    });

    it('cascade verify agrees: the answer passes the cascade\'s asserts, tier 1\'s wrong body fails them', async () => {
      const { stdout } = await cascade('complete', source, '--line', '3', '--tiers', defaults([cannedWrong, cannedRight]), '--json');
      const result = JSON.parse(stdout);
      const asserts = path.join(dir, 'canned-asserts.json');
      writeFileSync(asserts, JSON.stringify(result.trace[1].asserts));
      const check = async (completion: string) => {
        const file = path.join(dir, 'canned-completion.txt');
        writeFileSync(file, completion);
        const run = await cascade('verify', source, '--line', '3', '--completion', file, '--asserts', asserts, '--json');
        assert.equal(run.code, 0, run.stderr);
        return JSON.parse(run.stdout);
      };
      const right = await check(result.completion);
      assert.equal(right.verdict, 'verified');
      assert.deepEqual(right.asserts.map((a: { status: string }) => a.status), ['pass', 'pass', 'pass', 'pass']);
      const wrong = await check(result.trace[0].candidates[0].completion);
      assert.equal(wrong.verdict, 'rejected');
      assert.deepEqual(wrong.asserts.map((a: { status: string }) => a.status), ['fail', 'fail', 'pass', 'fail']);
    });
  });

  it('gives one clear line and exit 2 for user mistakes', async () => {
    const cases: [string[], RegExp][] = [
      [['complete', source, '--line', '3', '--tiers', path.join(dir, 'nope.json')], /Tiers file .*nope\.json does not exist/],
      [['complete', source, '--line', '99', '--tiers', tiers([tinyA])], /Line 99 is outside the file/],
      [['complete', source, '--line', '1', '--tiers', tiers([tinyA])], /No function body at .*:1/],
      [['complete', path.join(dir, 'x.rb'), '--line', '1', '--tiers', tiers([tinyA])], /Unsupported file type "\.rb"/],
      [['complete', source, '--tiers', tiers([tinyA])], /usage: cascade complete/],
      [['complete', source, '--line', '3', '--tiers', tiers([tinyA]), '--bogus'], /unknown flag --bogus/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await cascade(...args);
      assert.equal(code, 2, `${args.join(' ')} → ${stderr}`);
      assert.match(stderr, message);
      assert.match(stderr, /^cascade: /);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace for user mistakes');
    }
  });
});
