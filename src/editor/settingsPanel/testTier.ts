import { checkTiers } from '../../engine/config/validateTiers';
import { isServerTier, type TierConfig } from '../../engine/config/TierConfig';
import type { ModelBackend } from '../../engine/model/ModelBackend';

// A short fixed prompt: enough tokens to measure speed, small enough to answer in seconds.
const PROMPT = '// Returns the n-th Fibonacci number.\nfunction fibonacci(n) {\n';
const TOKENS = 48;

/** What "Test tier" needs from the engine session: the model behind a tier. */
export interface TierTester {
  modelFor(tier: TierConfig): ModelBackend;
}

/**
 * "Test tier": loads the tier's model (a server tier: reaches its server) and runs one greedy
 * generation, reporting the latency to the first token and the speed after it, e.g. "first
 * token after 120 ms; 48 tokens at 310.2 tokens/s (loaded in 40 ms)". The first token is when
 * the generation's `stopAt` is first called with text; tokens/s counts the tokens after it over
 * the time after it (the first token's wait, prompt evaluation included, is the latency), or
 * all tokens over the whole generation when they came in one piece.
 */
export async function testTier(session: TierTester, raw: unknown, now: () => number = () => performance.now()): Promise<{ ok: boolean; text: string }> {
  const { tiers, problems } = checkTiers([raw], 'tier');
  if (problems.length > 0) return { ok: false, text: problems.map((p) => p.text).join('; ') };
  const tier = tiers[0];
  try {
    const model = session.modelFor(tier);
    const loadStart = now();
    await model.load();
    const loadMs = now() - loadStart;
    let first: { at: number; tokens: number } | undefined;
    const genStart = now();
    const generation = await model.generate({
      prefix: PROMPT,
      maxTokens: TOKENS,
      temperature: 0,
      stopAt: (text, tokens) => {
        // Text means at least one token, whatever the backend's meter says yet.
        if (first === undefined && text.length > 0) first = { at: now(), tokens: Math.max(tokens, 1) };
        return undefined;
      },
    });
    const end = now();
    const loaded = `${isServerTier(tier) ? 'server reached' : 'loaded'} in ${Math.round(loadMs)} ms`;
    if (first === undefined || generation.tokens === 0) {
      return { ok: true, text: `no tokens generated (stopped: ${generation.stopReason}); ${loaded}` };
    }
    const after = generation.tokens - first.tokens;
    const afterSeconds = (end - first.at) / 1000;
    const rate = after > 0 && afterSeconds > 0 ? after / afterSeconds : generation.tokens / Math.max((end - genStart) / 1000, 1e-3);
    const tokens = `${generation.tokens} token${generation.tokens === 1 ? '' : 's'}`;
    return { ok: true, text: `first token after ${Math.round(first.at - genStart)} ms; ${tokens} at ${rate.toFixed(1)} tokens/s (${loaded})` };
  } catch (error) {
    return { ok: false, text: error instanceof Error ? error.message : String(error) };
  }
}
