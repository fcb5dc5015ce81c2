import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/runCli';

const root = path.resolve(__dirname, '..', '..');
const tinyA = path.join(root, 'test', 'fixtures', 'generated', 'tiny-a.gguf');
const tinyB = path.join(root, 'test', 'fixtures', 'generated', 'tiny-b.gguf');

const cascade = runCli;

describe('cascade complete (real node-llama-cpp on the generated tiny GGUFs)', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-cli-'));
  const source = path.join(dir, 'clamp.js');
  writeFileSync(source, '// Clamps x into [lo, hi].\nfunction clamp(x, lo, hi) {\n  \n');
  const tiers = (models: string[]) => {
    const file = path.join(dir, `tiers-${models.length}-${path.basename(models[0])}.json`);
    writeFileSync(file, JSON.stringify({ tiers: models.map((model) => ({ model, samples: 2, testsPerSample: 2, maxTokens: 24 })) }));
    return file;
  };

  it('runs a two-tier cascade end to end and falls back to tier 2\'s best answer', async () => {
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
    const tier2 = result.trace[1];
    assert.ok(result.completion.length > 0);
    assert.equal(result.completion, tier2.candidates[tier2.chosen].completion, 'the fallback is the last tier\'s best answer');
    assert.notEqual(result.trace[0].candidates[0].completion, tier2.candidates[0].completion, 'the two tiers are different models');
    assert.match(stderr, /tier 2\/2 \(tiny-b\.gguf\): solutions/);
  });

  it('prints a readable trace without --json', async () => {
    const { code, stdout } = await cascade('complete', source, '--line', '3', '--tiers', tiers([tinyA, tinyB]));
    assert.equal(code, 0);
    assert.match(stdout, /^--- completion ---\n/);
    assert.match(stdout, /tier 1 \(tiny-a\.gguf\): 2 candidates/);
    assert.match(stdout, /tier 2 \(tiny-b\.gguf\): 2 candidates/);
    assert.match(stdout, /result: fallback/);
  });

  it('skips a tier whose model file is missing and still answers from the other tier', async () => {
    const missing = path.join(dir, 'missing.gguf');
    const { code, stdout } = await cascade('complete', source, '--line', '3', '--tiers', tiers([missing, tinyB]), '--json');
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.match(result.trace[0].error, /missing\.gguf/);
    assert.equal(result.trace[1].candidates.length, 2);
    assert.ok(result.completion.length > 0);
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
