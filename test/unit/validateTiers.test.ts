import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTiersFile, readTiersFile } from '../../src/engine/config/readTiersFile';
import { TIER_DEFAULTS } from '../../src/engine/config/TierConfig';
import { checkTiers, validateTiers } from '../../src/engine/config/validateTiers';
import { rejectsTiers as rejects } from '../helpers/rejectsTiers';



describe('validateTiers', () => {
  it('fills defaults under a minimal tier', () => {
    assert.deepEqual(validateTiers([{ model: 'a.gguf' }]), [{ ...TIER_DEFAULTS, model: 'a.gguf' }]);
  });

  it('keeps given values and optional fields', () => {
    const tier = { model: 'b.gguf', samples: 5, testsPerSample: 2, temperature: 0.2, threshold: 0.9, maxTokens: 64, gpuLayers: 0, contextSize: 2048 };
    assert.deepEqual(validateTiers([tier]), [tier]);
    assert.equal(validateTiers([{ model: 'c.gguf', gpuLayers: 'auto' }])[0].gpuLayers, 'auto');
  });

  it('names the tier, the field, the value and what is allowed', () => {
    rejects([{ model: 'a.gguf' }, { model: 'b.gguf', samples: -1 }], 'tiers[2].samples must be an integer from 0 to 50, got -1');
    rejects([{ model: 'a.gguf', threshold: 1.5 }], 'tiers[1].threshold must be a number from 0 to 1, got 1.5');
    rejects([{ model: 'a.gguf', temperature: '0.8' }], 'temperature must be a number from 0 to 2, got "0.8"');
    rejects([{ model: 'a.gguf', gpuLayers: -2 }], 'gpuLayers must be "auto" or an integer ≥ 0');
    rejects([{ model: 'a.gguf', maxTokens: 1.5 }], 'maxTokens must be an integer');
  });

  it('reports a missing model and unknown fields', () => {
    rejects([{ samples: 3 }], 'tiers[1] needs a "model"');
    rejects([{ model: 'a.gguf', sample: 3 }], 'unknown field "sample"', 'allowed: model, samples');
  });

  it('lists every problem at once', () => {
    rejects([{ model: '', threshold: 2 }], /model must be/, /threshold must be/);
  });

  it('rejects non-lists, empty lists and non-object tiers', () => {
    rejects({ model: 'a.gguf' }, 'must be a list of tiers');
    rejects([], 'is empty');
    rejects(['a.gguf'], 'tiers[1] must be an object');
  });

  it('enforces the algorithm constraints between k and t', () => {
    rejects([{ model: 'a', samples: 3, testsPerSample: 0 }], 'testsPerSample must be at least 1 when samples is 3');
    rejects([{ model: 'a', samples: 0, testsPerSample: 2 }], 'testsPerSample must be 0 when samples is 0');
    rejects([{ model: 'a', samples: 0, testsPerSample: 0 }, { model: 'b' }], 'samples 0 (no tests) is only allowed on the last tier');
    assert.equal(validateTiers([{ model: 'a' }, { model: 'b', samples: 0, testsPerSample: 0 }])[1].samples, 0);
  });
});

describe('checkTiers (structured, for inline validation)', () => {
  it('reports each problem with its tier index and field', () => {
    const { problems } = checkTiers([{ model: 'a', threshold: 3 }, { model: '', samples: 0, testsPerSample: 0 }]);
    assert.deepEqual(
      problems.map((p) => [p.tier, p.field]),
      [
        [0, 'threshold'],
        [1, 'model'],
      ],
    );
    assert.match(problems[0].text, /^tiers\[1\]\.threshold must be a number from 0 to 1, got 3$/);
  });

  it('reports list-level problems without a tier', () => {
    assert.deepEqual(checkTiers('x').problems.map((p) => p.tier), [undefined]);
    assert.deepEqual(checkTiers([{ model: 'ok.gguf' }]).problems, []);
  });
});

describe('tiers files', () => {
  it('parses {"tiers": [...]} and rejects other shapes clearly', () => {
    assert.equal(parseTiersFile('{"tiers":[{"model":"x.gguf"}]}', 't.json')[0].model, 'x.gguf');
    assert.throws(() => parseTiersFile('{"tiers": [', 't.json'), /t\.json is not valid JSON/);
    assert.throws(() => parseTiersFile('[{"model":"x"}]', 't.json'), /must be an object of the form \{"tiers"/);
    assert.throws(() => parseTiersFile('{"tiers":[{"model":"x"}],"extra":1}', 't.json'), /unknown field\(s\) extra/);
    assert.throws(() => parseTiersFile('{"tiers":[{"model":"x","samples":-1}]}', 't.json'), /t\.json: tiers\[1\]\.samples/);
  });

  it('says when the file is missing or a directory', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tiers-'));
    await assert.rejects(readTiersFile(path.join(dir, 'nope.json')), /does not exist/);
    await assert.rejects(readTiersFile(dir), /is a directory/);
    writeFileSync(path.join(dir, 'ok.json'), '{"tiers":[{"model":"m.gguf"}]}');
    assert.equal((await readTiersFile(path.join(dir, 'ok.json')))[0].model, 'm.gguf');
  });
});
