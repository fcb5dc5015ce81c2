import path from 'node:path';
import { fitCandidate } from '../cascade/fitCandidate';
import { indexDocument } from '../context/indexDocument';
import { planProgram, withAssert } from '../context/planProgram';
import { sandboxScope } from '../context/sandboxScope';
import { CascadeError, NoFunctionError } from '../errors';
import { findFunctionAtCursor } from '../extract/findFunctionAtCursor';
import type { SourceLanguage } from '../extract/FunctionAtCursor';
import { findProjectRoot } from '../sandbox/modules/findProjectRoot';
import type { RunStatus, Sandbox } from '../sandbox/Sandbox';

export interface VerifyRequest {
  /** The file's text, the completion not yet inserted. */
  document: string;
  language: SourceLanguage;
  /** Offset where the completion is inserted (inside the body of the function it completes). */
  cursor: number;
  /** The text to insert, as a model would write it: it is fitted to the function exactly as a candidate is. */
  completion: string;
  /** Statements (`assert…(…);`) or blocks (`{ … assert…; }`), each run on its own. */
  asserts: string[];
  /** Absolute path of the document: relative imports resolve from it. Default: none (an unsaved document). */
  file?: string;
  /** The project root imports are confined to. Default: the nearest folder with a package.json, else the file's folder. */
  root?: string;
  sandbox: Sandbox;
  /** Wall-clock limit per assert run, ms. Default 1000. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One assert's outcome. */
export interface AssertOutcome {
  assert: string;
  status: RunStatus;
  message?: string;
}

export interface VerifyResult {
  /** verified: a complete function that passes every assert; rejected: it does not; unverifiable: it cannot be tested here. */
  verdict: 'verified' | 'rejected' | 'unverifiable';
  /** Why it was rejected without running (it does not form a complete function) or is unverifiable ("uses fetch"). */
  reason?: string;
  asserts: AssertOutcome[];
  /** The program the asserts were appended to (each runs as `program` + one assert). */
  program?: string;
}

/**
 * Checks one completion the way the cascade checks a candidate — the same fitting, the same
 * test program (the function in its context: helpers, class, imports), the same sandbox —
 * against asserts the caller gives. This is how a user finds out why a completion was
 * rejected (`cascade verify`, the editor's *Show tests*).
 */
export async function verifyCompletion(request: VerifyRequest): Promise<VerifyResult> {
  const { document, language, cursor } = request;
  if (request.asserts.length === 0) throw new CascadeError('There are no asserts to run: give at least one.');
  const fn = await findFunctionAtCursor(document, cursor, language);
  if (!fn) throw new NoFunctionError('The position is not inside a function body: put it where the function\'s body goes.');
  const file = request.file && path.resolve(request.file);
  const root = request.root ?? (file ? (findProjectRoot(file) ?? path.dirname(file)) : undefined);
  const context = await indexDocument({ document, fn, project: { file, root } });
  const fitted = await fitCandidate(document, fn, request.completion);
  if (!fitted.usable) return { verdict: 'rejected', reason: fitted.reason, asserts: [] };
  const plan = await planProgram(context, fitted.functionText, request.asserts);
  if (!plan.testable) return { verdict: 'unverifiable', reason: plan.reason, asserts: [] };
  const scope = sandboxScope(context);
  const outcomes = await Promise.all(
    request.asserts.map(async (assertion): Promise<AssertOutcome> => {
      const outcome = await request.sandbox.run(
        { code: withAssert(plan.program, assertion), timeoutMs: request.timeoutMs ?? 1000, ...scope },
        request.signal,
      );
      return { assert: assertion, status: outcome.status, ...(outcome.message === undefined ? {} : { message: outcome.message }) };
    }),
  );
  const failed = outcomes.find((o) => o.status !== 'pass');
  return {
    verdict: failed ? 'rejected' : 'verified',
    ...(failed ? { reason: `${failed.assert}: ${failed.status}${failed.message ? ` (${failed.message})` : ''}` } : {}),
    asserts: outcomes,
    program: plan.program,
  };
}
