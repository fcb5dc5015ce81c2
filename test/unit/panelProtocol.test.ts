import assert from 'node:assert/strict';
import { parseWebviewMessage, serverOriginOf, serverOrigins, tierWarnings } from '../../src/editor/settingsPanel/panelProtocol';

describe('settings panel message protocol', () => {
  it('accepts each well-formed webview message', () => {
    const tiers = [{ model: 'a.gguf' }];
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'validate', tiers }), { type: 'validate', tiers });
    assert.deepEqual(parseWebviewMessage({ type: 'save', tiers, target: 'workspace' }), { type: 'save', tiers, target: 'workspace' });
    assert.deepEqual(parseWebviewMessage({ type: 'chooseFile', index: 2 }), { type: 'chooseFile', index: 2 });
    assert.deepEqual(parseWebviewMessage({ type: 'testTier', index: 0, tier: tiers[0] }), { type: 'testTier', index: 0, tier: tiers[0] });
    assert.deepEqual(parseWebviewMessage({ type: 'applyPreset', presetId: 'cpu-only', target: 'user' }), { type: 'applyPreset', presetId: 'cpu-only', target: 'user' });
    assert.deepEqual(parseWebviewMessage({ type: 'setApiKey', server: 'https://models.example.com' }), { type: 'setApiKey', server: 'https://models.example.com' });
    // Any string up to 2048 characters: the extension checks the URL before asking for a key.
    assert.deepEqual(parseWebviewMessage({ type: 'setApiKey', server: '' }), { type: 'setApiKey', server: '' });
    const long = `https://models.example.com/${'a'.repeat(2048 - 27)}`;
    assert.equal(long.length, 2048);
    assert.deepEqual(parseWebviewMessage({ type: 'setApiKey', server: long }), { type: 'setApiKey', server: long });
  });

  it('drops extra fields instead of passing them on', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'chooseFile', index: 1, path: '/etc/passwd' }), { type: 'chooseFile', index: 1 });
    // A key never travels from the webview: one sent along is not passed on.
    assert.deepEqual(parseWebviewMessage({ type: 'setApiKey', server: 'http://127.0.0.1:8080', key: 'sk-secret' }), { type: 'setApiKey', server: 'http://127.0.0.1:8080' });
  });

  it('ignores malformed or unknown messages', () => {
    const bad: unknown[] = [
      null,
      'save',
      [],
      { type: 'delete' },
      { type: 'save', tiers: [] },
      { type: 'save', tiers: 'x', target: 'user' },
      { type: 'save', tiers: [], target: 'global' },
      { type: 'save', tiers: new Array(17).fill({}), target: 'user' },
      { type: 'chooseFile', index: -1 },
      { type: 'chooseFile', index: 1.5 },
      { type: 'testTier', index: 0, tier: 'a.gguf' },
      { type: 'applyPreset', presetId: 3, target: 'user' },
      { type: 'applyPreset', presetId: 'x'.repeat(65), target: 'user' },
      { type: 'setApiKey' },
      { type: 'setApiKey', server: 8080 },
      { type: 'setApiKey', server: ['http://127.0.0.1:8080'] },
      { type: 'setApiKey', server: { href: 'http://127.0.0.1:8080' } },
      { type: 'setApiKey', server: `https://x.example/${'a'.repeat(2048)}` },
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });
});

describe('settings panel: server tiers', () => {
  it('names the origin a key is stored under, only for URLs the tier rules accept', () => {
    assert.equal(serverOriginOf('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.equal(serverOriginOf('https://models.example.com/v1/'), 'https://models.example.com');
    assert.equal(serverOriginOf('https://models.example.com:443'), 'https://models.example.com', 'default port dropped, as the webview\'s URL does');
    assert.equal(serverOriginOf('HTTP://Models.Example.COM:8000'), 'http://models.example.com:8000');
    for (const bad of ['', 'models.example.com', 'ftp://models.example.com', 'https://user:pw@models.example.com', 'https://models.example.com/?a=1', 42, undefined]) {
      assert.equal(serverOriginOf(bad), undefined, JSON.stringify(bad));
    }
  });

  it('lists the distinct server origins of a tier list from the webview, skipping local tiers and junk', () => {
    const tiers: unknown[] = [
      { model: '/m/a.gguf' },
      { server: 'http://10.0.0.5:8080', model: 'qwen' },
      { server: 'http://10.0.0.5:8080/v1' },
      { server: 'https://models.example.com' },
      { server: '' },
      { server: 7 },
      null,
      'x',
    ];
    assert.deepEqual(serverOrigins(tiers), ['http://10.0.0.5:8080', 'https://models.example.com']);
    assert.deepEqual(serverOrigins([]), []);
  });

  it('warns, per tier and on its server field, about plain http:// outside the local network only', () => {
    const warnings = tierWarnings([{ server: 'http://models.example.com:8000' }, { server: 'http://127.0.0.1:8080' }, { server: 'https://models.example.com' }, { server: 'http://192.168.1.20' }, { model: 'a.gguf' }, { server: 'http://x.example.org' }, { server: 'nope' }]);
    assert.deepEqual(warnings.map((w) => [w.tier, w.field]), [[0, 'server'], [5, 'server']]);
    assert.match(warnings[0].text, /models\.example\.com:8000 is reached over plain http:\/\//);
  });
});
