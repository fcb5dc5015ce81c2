import assert from 'node:assert/strict';
import { TIER_DEFAULTS } from '../../src/engine/config/TierConfig';
import { checkTiers, validateTiers } from '../../src/engine/config/validateTiers';
import { rejectsTiers as rejects } from '../helpers/rejectsTiers';


/** The problem texts for one tier. */
const problems = (tier: unknown): string[] => checkTiers([tier]).problems.map((p) => p.text);
const SERVER = 'http://127.0.0.1:8080';

describe('validateTiers: server tiers', () => {
  it('accepts {server} alone, without a model, and fills defaults', () => {
    assert.deepEqual(validateTiers([{ server: SERVER }]), [{ ...TIER_DEFAULTS, server: SERVER }]);
    assert.equal('model' in validateTiers([{ server: SERVER }])[0], false);
  });

  it('keeps a model and the server-only fields', () => {
    const tier = { server: 'https://api.example.com/v1', model: 'Qwen/Qwen2.5-Coder-7B', apiKeyEnv: 'CASCADE_KEY', fim: 'qwen', timeoutMs: 5000 };
    assert.deepEqual(validateTiers([tier]), [{ ...TIER_DEFAULTS, ...tier }]);
    const tokens = { prefix: '<P>', suffix: '<S>', middle: '<M>', stop: ['<E>'] };
    assert.deepEqual(validateTiers([{ server: SERVER, fim: tokens }])[0].fim, tokens);
  });

  it('mixes local and server tiers, checking each by its kind', () => {
    const tiers = validateTiers([{ model: 'small.gguf', gpuLayers: 0 }, { server: SERVER, timeoutMs: 2000 }]);
    assert.equal(tiers[0].gpuLayers, 0);
    assert.equal(tiers[1].timeoutMs, 2000);
  });

  it('still rejects an empty model name on a server tier', () => {
    rejects([{ server: SERVER, model: '' }], 'tiers[1].model must be', 'got ""');
  });

  it('asks a local tier with neither model nor server for one of them', () => {
    rejects([{ samples: 3 }], 'tiers[1] needs a "model"', 'or a "server"');
    const { problems: found } = checkTiers([{ model: 'a.gguf' }, { threshold: 0.5 }]);
    assert.equal(found.length, 1);
    assert.equal(found[0].tier, 1);
    assert.equal(found[0].field, 'model');
    assert.match(found[0].text, /^tiers\[2\] needs a "model" .* or a "server"/);
  });

  it('reports a bad server URL with the reason and the value', () => {
    rejects([{ server: 'ftp://example.com' }], 'tiers[1].server must be an http:// or https:// URL (ftp: is not supported), got "ftp://example.com"');
    rejects([{ server: 'not a url' }], 'tiers[1].server must be a URL like "http://127.0.0.1:8080", got "not a url"');
    rejects([{ server: 'http://u:p@127.0.0.1:8080' }], 'tiers[1].server must not hold a user name or password');
    rejects([{ server: 'http://127.0.0.1:8080/?x=1' }], 'tiers[1].server must be a base URL without ?query');
    rejects([{ server: 8080 }], 'tiers[1].server must be a URL like', 'got 8080');
    const { problems: found } = checkTiers([{ model: 'a.gguf' }, { server: 'ws://x' }], 'cascade.tiers');
    assert.deepEqual(found.map((p) => [p.tier, p.field]), [[1, 'server']]);
    assert.match(found[0].text, /^cascade\.tiers\[2\]\.server /);
  });

  it('requires apiKeyEnv to be an environment variable name', () => {
    for (const name of ['CASCADE_KEY', '_KEY', 'key2', 'OPENAI_API_KEY']) {
      assert.deepEqual(problems({ server: SERVER, apiKeyEnv: name }), [], name);
    }
    for (const name of ['1KEY', 'MY-KEY', '$KEY', 'MY KEY', '', 'sk-abc123']) {
      assert.deepEqual(problems({ server: SERVER, apiKeyEnv: name }), [`tiers[1].apiKeyEnv must be the name of an environment variable, got ${JSON.stringify(name)}`], name);
    }
    rejects([{ server: SERVER, apiKeyEnv: 42 }], 'apiKeyEnv must be the name of an environment variable, got 42');
  });

  it('requires fim to be a known template name or a token object', () => {
    for (const fim of ['qwen', 'starcoder2', 'codellama', 'deepseek-coder', { prefix: 'a', suffix: 'b', middle: 'c' }, { prefix: 'a', suffix: 'b', middle: 'c', stop: [] }, { prefix: 'a', suffix: 'b', middle: 'c', stop: ['d'] }]) {
      assert.deepEqual(problems({ server: SERVER, fim }), [], JSON.stringify(fim));
    }
    const bad = [
      'Qwen',
      'llama',
      '',
      42,
      null,
      ['<P>', '<S>', '<M>'],
      { prefix: 'a', suffix: 'b' },
      { prefix: '', suffix: 'b', middle: 'c' },
      { prefix: 'a', suffix: 'b', middle: 3 },
      { prefix: 'a', suffix: 'b', middle: 'c', stop: 'd' },
      { prefix: 'a', suffix: 'b', middle: 'c', stop: ['d', ''] },
    ];
    for (const fim of bad) {
      const found = problems({ server: SERVER, fim });
      assert.equal(found.length, 1, JSON.stringify(fim));
      assert.match(found[0], /^tiers\[1\]\.fim must be one of "qwen", "starcoder2", "codellama", "deepseek-coder" or \{"prefix", "suffix", "middle", "stop"\?\} tokens, got /);
    }
  });

  it('requires timeoutMs to be an integer from 100 to 600000', () => {
    assert.deepEqual(problems({ server: SERVER, timeoutMs: 100 }), []);
    assert.deepEqual(problems({ server: SERVER, timeoutMs: 600_000 }), []);
    for (const timeoutMs of [99, 600_001, 1500.5, '5000', 0, -1]) {
      assert.deepEqual(problems({ server: SERVER, timeoutMs }), [`tiers[1].timeoutMs must be an integer from 100 to 600000, got ${JSON.stringify(timeoutMs)}`]);
    }
  });

  it('says gpuLayers and contextSize apply to local models only, even when valid', () => {
    for (const [field, value] of [['gpuLayers', 'auto'], ['gpuLayers', 20], ['contextSize', 4096], ['contextSize', -5]] as const) {
      const found = checkTiers([{ server: SERVER, [field]: value }]).problems;
      assert.deepEqual(found.map((p) => p.field), [field]);
      assert.equal(found[0].text, `tiers[1].${field} applies to local models only`);
    }
  });

  it('says apiKeyEnv, fim and timeoutMs apply to server tiers only, and how to make one', () => {
    for (const [field, value] of [['apiKeyEnv', 'CASCADE_KEY'], ['fim', 'qwen'], ['timeoutMs', 5000]] as const) {
      const found = checkTiers([{ model: 'a.gguf', [field]: value }]).problems;
      assert.deepEqual(found.map((p) => p.field), [field]);
      assert.equal(found[0].text, `tiers[1].${field} applies to server tiers only (add "server": "<base URL>")`);
    }
  });

  it('lists every server-tier problem at once, with the source', () => {
    rejects(
      [{ server: 'ftp://x', apiKeyEnv: 'A-B', fim: 'nope', timeoutMs: 5, gpuLayers: 1 }],
      'tiers[1].server must be',
      'tiers[1].apiKeyEnv must be',
      'tiers[1].fim must be',
      'tiers[1].timeoutMs must be',
      'tiers[1].gpuLayers applies to local models only',
    );
    assert.throws(() => validateTiers([{ server: 'bad' }], 'my.tiers.json'), /^ConfigError: my\.tiers\.json\[1\]\.server|my\.tiers\.json\[1\]\.server/);
  });

  it('still applies the shared rules and the k/t constraints to server tiers', () => {
    rejects([{ server: SERVER, samples: 3, testsPerSample: 0 }], 'tiers[1].testsPerSample must be at least 1 when samples is 3');
    rejects([{ server: SERVER, temperature: 3 }], 'tiers[1].temperature must be a number from 0 to 2, got 3');
    rejects([{ server: SERVER, servr: 'x' }], 'tiers[1] has unknown field "servr"');
  });
});
