import { DataFormatError } from '../errors';
import type { RunRecord } from './runRecord';

/** One tier of a recorded run. */
export interface RecordedTier {
  /** The tier index in the bench's tiers file. */
  tier: number;
  model: string;
  /** Mean of the records' costPerToken, or the override. */
  costPerToken: number;
  temperature: number;
  maxTokens: number;
  /** Smallest K and T over the tier's records: the largest k and t that can be simulated. */
  samples: number;
  testsPerSample: number;
  /** One record per problem, in the order of RecordedRun.problems. */
  records: RunRecord[];
}

/** A recorded run arranged for simulation: the problems every tier has a record for. */
export interface RecordedRun {
  problems: string[];
  tiers: RecordedTier[];
  /** Problems left out because some tier has no record for them (an unfinished run). */
  incomplete: string[];
}

/**
 * Groups run records by tier (in tier order) and keeps the problems recorded for every tier,
 * in order of first appearance. A repeated (problem, tier) keeps its first record.
 * Throws DataFormatError for an empty run or a tier recorded with two different models.
 * @param costPerToken per-tier prices replacing the recorded ones (in tier order); default none
 */
export function groupRuns(records: RunRecord[], costPerToken?: number[]): RecordedRun {
  if (records.length === 0) throw new DataFormatError('the run has no records');
  const byTier = new Map<number, Map<string, RunRecord>>();
  const order = new Map<string, number>();
  for (const record of records) {
    if (!order.has(record.problem)) order.set(record.problem, order.size);
    const tier = byTier.get(record.tier) ?? new Map<string, RunRecord>();
    byTier.set(record.tier, tier);
    if (!tier.has(record.problem)) tier.set(record.problem, record);
  }
  const tierIds = [...byTier.keys()].sort((a, b) => a - b);
  if (costPerToken && costPerToken.length !== tierIds.length) {
    throw new DataFormatError(`${costPerToken.length} prices were given for the run's ${tierIds.length} tiers`);
  }
  const all = [...order.keys()];
  const problems = all.filter((p) => tierIds.every((id) => byTier.get(id)!.has(p)));
  const tiers = tierIds.map((id, i) => recordedTier(id, problems.map((p) => byTier.get(id)!.get(p)!), costPerToken?.[i]));
  return { problems, tiers, incomplete: all.filter((p) => !problems.includes(p)) };
}

function recordedTier(tier: number, records: RunRecord[], price: number | undefined): RecordedTier {
  const models = new Set(records.map((r) => r.model));
  if (models.size > 1) throw new DataFormatError(`tier ${tier} was recorded with several models: ${[...models].join(', ')}`);
  const first = records[0];
  return {
    tier,
    model: first?.model ?? '',
    costPerToken: price ?? records.reduce((sum, r) => sum + r.costPerToken, 0) / Math.max(1, records.length),
    temperature: first?.temperature ?? 0,
    maxTokens: first?.maxTokens ?? 1,
    samples: Math.min(...records.map((r) => Math.min(r.candidates.length, r.testSamples.length))),
    testsPerSample: Math.min(...records.map((r) => r.testsPerSample)),
    records,
  };
}
