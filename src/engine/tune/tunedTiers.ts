import type { TierConfig } from '../config/TierConfig';
import { validateTiers } from '../config/validateTiers';
import type { ConfigChoice } from './evaluateConfig';
import type { RecordedRun } from './groupRuns';
import type { TierOption } from './TierOption';

/**
 * The tiers file entries of a configuration: one per tier used, with the recorded model,
 * temperature and maxTokens and the chosen k, t and θ (a k = 0 tier leaves θ at its default).
 * Validated with validateTiers, so the result loads in the editor and the CLI as it is.
 */
export function tunedTiers(run: RecordedRun, options: TierOption[], choice: ConfigChoice): TierConfig[] {
  const tiers = Array.from(choice).flatMap((index, tier) => {
    if (index < 0) return [];
    const { k, t, threshold } = options[index];
    const { model, temperature, maxTokens } = run.tiers[tier];
    return [k === 0
      ? { model, samples: 0, testsPerSample: 0, temperature, maxTokens }
      : { model, samples: k, testsPerSample: t, threshold, temperature, maxTokens }];
  });
  // Defaults are merged first by validateTiers: put the model back in front for readers.
  return validateTiers(tiers, 'tuned tiers').map(({ model, ...rest }) => ({ model, ...rest }));
}
