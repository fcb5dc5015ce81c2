import { checkTiers } from '../../engine';
import type { EngineSession } from '../EngineSession';

// A short fixed prompt: enough tokens to measure speed, small enough to answer in seconds.
const PROMPT = '// Returns the n-th Fibonacci number.\nfunction fibonacci(n) {\n';
const TOKENS = 48;

/** "Test tier": loads the tier's model and runs one generation, reporting load time and speed. */
export async function testTier(session: EngineSession, raw: unknown): Promise<{ ok: boolean; text: string }> {
  const { tiers, problems } = checkTiers([raw], 'tier');
  if (problems.length > 0) return { ok: false, text: problems.map((p) => p.text).join('; ') };
  try {
    const model = session.modelFor(tiers[0]);
    const loadStart = performance.now();
    await model.load();
    const loadMs = performance.now() - loadStart;
    const genStart = performance.now();
    const generation = await model.generate({ prefix: PROMPT, maxTokens: TOKENS, temperature: 0 });
    const seconds = (performance.now() - genStart) / 1000;
    const rate = generation.tokens / Math.max(seconds, 1e-3);
    return { ok: true, text: `loaded in ${Math.round(loadMs)} ms; ${generation.tokens} tokens at ${rate.toFixed(1)} tokens/s` };
  } catch (error) {
    return { ok: false, text: error instanceof Error ? error.message : String(error) };
  }
}
