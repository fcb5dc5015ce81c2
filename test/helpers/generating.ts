import type { GenerateOptions } from '../../src/engine/model/ModelBackend';

/**
 * `options` with a `stopAt` that resolves `started` when the first text arrives — the moment a
 * generation is known to be running — so that a test can cancel, dispose or break the model
 * mid-generation without guessing how long it takes to start. A `stopAt` already in `options`
 * still decides where to stop.
 */
export function whenGenerating(options: GenerateOptions): { options: GenerateOptions; started: Promise<void> } {
  let resolve!: () => void;
  const started = new Promise<void>((r) => (resolve = r));
  const inner = options.stopAt;
  return {
    started,
    options: {
      ...options,
      stopAt: (text, tokens) => {
        resolve();
        return inner?.(text, tokens);
      },
    },
  };
}
