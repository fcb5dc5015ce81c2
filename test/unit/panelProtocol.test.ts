import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../src/editor/settingsPanel/panelProtocol';

describe('settings panel message protocol', () => {
  it('accepts each well-formed webview message', () => {
    const tiers = [{ model: 'a.gguf' }];
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'validate', tiers }), { type: 'validate', tiers });
    assert.deepEqual(parseWebviewMessage({ type: 'save', tiers, target: 'workspace' }), { type: 'save', tiers, target: 'workspace' });
    assert.deepEqual(parseWebviewMessage({ type: 'chooseFile', index: 2 }), { type: 'chooseFile', index: 2 });
    assert.deepEqual(parseWebviewMessage({ type: 'testTier', index: 0, tier: tiers[0] }), { type: 'testTier', index: 0, tier: tiers[0] });
    assert.deepEqual(parseWebviewMessage({ type: 'applyPreset', presetId: 'cpu-only', target: 'user' }), { type: 'applyPreset', presetId: 'cpu-only', target: 'user' });
  });

  it('drops extra fields instead of passing them on', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'chooseFile', index: 1, path: '/etc/passwd' }), { type: 'chooseFile', index: 1 });
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
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });
});
