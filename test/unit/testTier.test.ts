import assert from 'node:assert/strict';
import { testTier } from '../../src/editor/settingsPanel/testTier';
import type { TierConfig } from '../../src/engine/config/TierConfig';
import type { GenerateOptions, Generation, ModelBackend } from '../../src/engine/model/ModelBackend';

/** A model on a fake clock: loading takes `loadMs`, then each chunk arrives after its delay. */
function fakeSession(clock: { t: number }, loadMs: number, chunks: { afterMs: number; text: string; tokens: number }[]) {
  const seen: { tiers: TierConfig[]; options: GenerateOptions[] } = { tiers: [], options: [] };
  const model: ModelBackend = {
    name: 'fake',
    supportsInfill: false,
    async load() {
      clock.t += loadMs;
    },
    async generate(options): Promise<Generation> {
      seen.options.push(options);
      let text = '';
      let tokens = 0;
      for (const chunk of chunks) {
        clock.t += chunk.afterMs;
        text += chunk.text;
        tokens += chunk.tokens;
        assert.equal(await options.stopAt?.(text, tokens), undefined, 'the test never stops the generation early');
      }
      return { text, tokens, stopReason: tokens >= options.maxTokens ? 'maxTokens' : 'eos', infill: false };
    },
    async dispose() {},
  };
  return { seen, session: { modelFor: (tier: TierConfig) => (seen.tiers.push(tier), model) } };
}

describe('settings panel: Test tier', () => {
  it('reports the first token latency and the speed after it, for a local tier', async () => {
    const clock = { t: 1000 };
    // First token after 120 ms, then 47 more over 0.47 s: 100 tokens/s.
    const chunks = [{ afterMs: 120, text: 'if', tokens: 1 }, ...Array.from({ length: 47 }, () => ({ afterMs: 10, text: ' x', tokens: 1 }))];
    const { session, seen } = fakeSession(clock, 40, chunks);
    const result = await testTier(session, { model: '/m/a.gguf' }, () => clock.t);
    assert.deepEqual(result, { ok: true, text: 'first token after 120 ms; 48 tokens at 100.0 tokens/s (loaded in 40 ms)' });
    assert.equal(seen.options[0].temperature, 0, 'greedy');
    assert.equal(seen.options[0].maxTokens, 48);
    assert.equal(seen.tiers[0].samples, 3, 'the tier is tested with its defaults filled in');
  });

  it('does the same for a server tier, whose load is reaching the server', async () => {
    const clock = { t: 0 };
    const chunks = [{ afterMs: 300, text: 'return', tokens: 2 }, { afterMs: 50, text: ' n < 2 ? n', tokens: 5 }, { afterMs: 50, text: ' : fib(n - 1);', tokens: 5 }];
    const { session } = fakeSession(clock, 15, chunks);
    const result = await testTier(session, { server: 'http://127.0.0.1:8080', model: 'qwen' }, () => clock.t);
    // 10 tokens after the first chunk over 100 ms.
    assert.deepEqual(result, { ok: true, text: 'first token after 300 ms; 12 tokens at 100.0 tokens/s (server reached in 15 ms)' });
  });

  it('falls back to the whole generation when every token came in one piece', async () => {
    const clock = { t: 0 };
    const { session } = fakeSession(clock, 0, [{ afterMs: 250, text: 'return 1;', tokens: 5 }]);
    const result = await testTier(session, { model: '/m/a.gguf' }, () => clock.t);
    assert.deepEqual(result, { ok: true, text: 'first token after 250 ms; 5 tokens at 20.0 tokens/s (loaded in 0 ms)' });
  });

  it('says when nothing was generated, and reports invalid tiers and failures instead of throwing', async () => {
    const clock = { t: 0 };
    const { session } = fakeSession(clock, 5, []);
    assert.deepEqual(await testTier(session, { model: '/m/a.gguf' }, () => clock.t), { ok: true, text: 'no tokens generated (stopped: eos); loaded in 5 ms' });
    const invalid = await testTier(session, { server: 'ftp://x' });
    assert.equal(invalid.ok, false);
    assert.match(invalid.text, /tier\[1\]\.server must be an http:\/\/ or https:\/\/ URL/);
    const failing = { modelFor: (): ModelBackend => { throw new Error('server 127.0.0.1:8080: connection refused'); } };
    assert.deepEqual(await testTier(failing, { server: 'http://127.0.0.1:8080' }), { ok: false, text: 'server 127.0.0.1:8080: connection refused' });
  });
});
