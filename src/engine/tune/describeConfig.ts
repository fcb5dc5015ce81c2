import path from 'node:path';
import type { ConfigChoice } from './evaluateConfig';
import type { RecordedRun } from './groupRuns';
import type { TierOption } from './TierOption';

/** One tier's option in words: `k=3 t=4 θ=0.9`, or `greedy` for k = 0. */
export function describeOption(option: TierOption): string {
  return option.k === 0 ? 'greedy' : `k=${option.k} t=${option.t} θ=${option.threshold}`;
}

/** A configuration in words: the tiers used in order, e.g. `a.gguf k=3 t=4 θ=0.9 → b.gguf greedy`. */
export function describeConfig(run: RecordedRun, options: TierOption[], choice: ConfigChoice): string {
  return Array.from(choice)
    .flatMap((index, tier) => (index < 0 ? [] : [`${path.basename(run.tiers[tier].model)} ${describeOption(options[index])}`]))
    .join(' → ');
}
