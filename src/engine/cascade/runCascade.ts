import { type TierConfig, tierName } from '../config/TierConfig';
import type { DocumentContext, ProjectLocation } from '../context/DocumentContext';
import { indexDocument, type IndexRequest } from '../context/indexDocument';
import { AbortError, CascadeError, throwIfAborted } from '../errors';
import type { FunctionAtCursor } from '../extract/FunctionAtCursor';
import type { ModelBackend } from '../model/ModelBackend';
import type { Sandbox } from '../sandbox/Sandbox';
import type { CandidateTrace, CascadeProgress, CascadeResult, TierTrace } from './CascadeResult';
import { bestFallback } from '../select/bestFallback';
import { runTier, type Classification } from './runTier';

export interface CascadeRequest {
  /** The document text (the editor passes a window of a large file; see `whole`). */
  document: string;
  /** The function at the cursor (from findFunctionAtCursor on the same document). */
  fn: FunctionAtCursor;
  /** Where the document lives (its imports resolve from there); default: nowhere (an unsaved document). */
  project?: ProjectLocation;
  /** The whole file, when `document` is a window of it (the editor's large-file window). */
  whole?: IndexRequest['whole'];
  /** Validated tiers, in order. */
  tiers: TierConfig[];
  /** The model of a tier. May throw (e.g. ModelLoadError): that tier is skipped. */
  modelFor: (tier: TierConfig, index: number) => ModelBackend;
  sandbox: Sandbox;
  signal?: AbortSignal;
  /** Base sampling seed. Default 1. */
  seed?: number;
  /** Wall-clock limit per (candidate, assert) sandbox run in ms. Default 1000 (the paper's 1 s). */
  runTimeoutMs?: number;
  onProgress?: (progress: CascadeProgress) => void;
  /**
   * Called with each candidate as soon as it is generated and fitted, before it is tested:
   * the editor shows the first complete one at once and upgrades it when a tier accepts.
   */
  onCandidate?: (candidate: CandidateTrace, tier: number) => void;
  /** Called with each tier's trace as soon as the tier finishes (before the next one starts). */
  onTierDone?: (trace: TierTrace) => void;
}

/**
 * Runs the tiers in order and stops at the first whose chosen candidate passes its own tests
 * (score ≥ θ·k·|T|). Otherwise the best complete function of the tiers that ran is the
 * fallback (bestFallback), or nothing when no candidate parsed. When the function cannot be tested in the sandbox (it uses `fetch`, the DOM, …;
 * Python), the cascade stops at the first greedy answer without writing tests, and the result
 * says why. A tier whose model cannot be loaded or fails is recorded in the trace with its
 * error and skipped; cancellation (AbortError) ends the whole cascade.
 */
export async function runCascade(request: CascadeRequest): Promise<CascadeResult> {
  const { tiers, signal } = request;
  const context = await indexDocument({ document: request.document, fn: request.fn, project: request.project, whole: request.whole });
  const classification: Classification = { pending: true };
  const trace: TierTrace[] = [];
  for (const [index, configured] of tiers.entries()) {
    throwIfAborted(signal);
    // Known untestable before anything is generated: one greedy answer is all it is worth.
    const tier = context.unverifiable ? { ...configured, samples: 0, testsPerSample: 0 } : configured;
    const tierTrace = await runOneTier(request, context, classification, tier, index);
    trace.push(tierTrace);
    request.onTierDone?.(tierTrace);
    request.onProgress?.({ tier: index, tiers: tiers.length, model: tierTrace.model, phase: 'done' });
    if (tierTrace.verdict === 'unverifiable' || (context.unverifiable && !tierTrace.error)) {
      return unverifiableResult(trace, tierTrace, tierTrace.reason ?? context.unverifiable ?? '');
    }
    if (tierTrace.accepted) return resultFrom(trace, tierTrace, tierTrace.chosen, index);
  }
  const fallback = bestFallback(trace);
  if (!fallback) return { completion: '', acceptedTier: null, verdict: 'unverified', passed: { passed: 0, total: 0 }, asserts: [], trace };
  return resultFrom(trace, trace.find((t) => t.tier === fallback.tier)!, fallback.candidate, null);
}

async function runOneTier(
  request: CascadeRequest,
  context: DocumentContext,
  classification: Classification,
  tier: TierConfig,
  index: number,
): Promise<TierTrace> {
  const { tiers, signal } = request;
  let model: ModelBackend | undefined;
  const onPhase = (phase: CascadeProgress['phase']) =>
    request.onProgress?.({ tier: index, tiers: tiers.length, model: model?.name ?? tierName(tier), phase });
  try {
    model = request.modelFor(tier, index);
    return await runTier(tier, index, model, {
      document: request.document,
      fn: request.fn,
      context,
      classification,
      sandbox: request.sandbox,
      seed: request.seed ?? 1,
      runTimeoutMs: request.runTimeoutMs ?? 1000,
      signal,
      onPhase,
      onCandidate: request.onCandidate && ((candidate) => request.onCandidate!(candidate, index)),
    });
  } catch (error) {
    if (error instanceof AbortError || signal?.aborted) throw error instanceof AbortError ? error : new AbortError();
    return failedTier(index, model?.name ?? tierName(tier), error);
  }
}

function failedTier(index: number, model: string, error: unknown): TierTrace {
  const message = error instanceof CascadeError ? error.message : `Tier ${index + 1} failed: ${(error as Error)?.message ?? String(error)}`;
  return {
    tier: index,
    model,
    candidates: [],
    testSamples: [],
    asserts: [],
    matrix: [],
    chosen: -1,
    score: 0,
    required: 0,
    accepted: false,
    verdict: 'rejected',
    tokens: { solutions: 0, tests: 0 },
    ms: { load: 0, solutions: 0, tests: 0, execute: 0, total: 0 },
    error: message,
  };
}

function resultFrom(trace: TierTrace[], tier: TierTrace, candidate: number, acceptedTier: number | null): CascadeResult {
  const row = tier.matrix[candidate] ?? [];
  return {
    completion: tier.candidates[candidate].completion,
    acceptedTier,
    answer: { tier: tier.tier, candidate },
    verdict: acceptedTier === null ? 'unverified' : 'verified',
    passed: { passed: row.reduce((n, v) => n + v, 0), total: tier.asserts.length },
    asserts: tier.asserts,
    trace,
  };
}

/** The answer to an untestable function: the tier's greedy candidate, if it is a complete function. */
function unverifiableResult(trace: TierTrace[], tier: TierTrace, reason: string): CascadeResult {
  const candidate = tier.candidates[tier.chosen];
  return {
    completion: candidate?.usable ? candidate.completion : '',
    acceptedTier: null,
    verdict: 'unverifiable',
    reason,
    passed: { passed: 0, total: 0 },
    asserts: [],
    trace,
  };
}
