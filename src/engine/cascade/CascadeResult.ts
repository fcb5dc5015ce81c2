/** One generated candidate solution. */
export interface CandidateTrace {
  /** Text to insert at the cursor. */
  completion: string;
  /** The whole function the candidate produces (what the sandbox ran). */
  functionText: string;
  /** Whether it parsed into a complete function; when false, `reason` says why. */
  usable: boolean;
  reason?: string;
  tokens: number;
}

/** What one tier did. Tiers are numbered from 0 in traces and results. */
export interface TierTrace {
  tier: number;
  model: string;
  candidates: CandidateTrace[];
  /**
   * Test samples: tokens generated, which pooled asserts came from each, and per assert of the
   * sample the tokens generated when it was complete (a sample stops after its t-th).
   */
  testSamples: { tokens: number; asserts: number[]; assertTokens?: number[] }[];
  /** Pooled, deduplicated asserts. */
  asserts: string[];
  /** candidates × asserts, 1 = pass. */
  matrix: number[][];
  /** Chosen candidate index (-1: none). */
  chosen: number;
  score: number;
  /** θ · k · |T|. */
  required: number;
  accepted: boolean;
  /**
   * accepted: its answer passed its own tests; rejected: it did not (the cascade went on);
   * unverifiable: the function cannot be tested in the sandbox (`reason` says why), so no tests
   * were written and this tier's greedy answer is the result.
   */
  verdict: 'accepted' | 'rejected' | 'unverifiable';
  /** Why the function is unverifiable, e.g. "uses fetch". */
  reason?: string;
  tokens: { solutions: number; tests: number };
  /** Milliseconds per phase. */
  ms: { load: number; solutions: number; tests: number; execute: number; total: number };
  /** Set when the tier could not run (e.g. its model failed to load); the cascade went on. */
  error?: string;
}

export interface CascadeResult {
  /** Text to insert at the cursor; empty when no tier produced anything. */
  completion: string;
  /** Index of the tier whose answer passed its own tests, or null when the answer is the fallback. */
  acceptedTier: number | null;
  /**
   * verified: a tier's answer passed its own tests; unverified: the fallback, no tier's did;
   * unverifiable: the function cannot be tested here (`reason`), the first tier's greedy answer.
   */
  verdict: 'verified' | 'unverified' | 'unverifiable';
  /** Why the function is unverifiable ("uses fetch"). */
  reason?: string;
  /** Which tier's candidate the completion is (undefined when there is none). */
  answer?: { tier: number; candidate: number };
  /** Passed asserts of the returned candidate, out of the tier's pool. */
  passed: { passed: number; total: number };
  /** The asserts of the tier that answered (to show the user the generated tests). */
  asserts: string[];
  trace: TierTrace[];
}

/** Progress events, for status bars and progress notifications. */
export interface CascadeProgress {
  tier: number;
  tiers: number;
  model: string;
  phase: 'load' | 'solutions' | 'tests' | 'execute' | 'done';
}
