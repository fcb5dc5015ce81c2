import type { Sandbox } from '../../src/engine/sandbox/Sandbox';
import { verifyCompletion, type VerifyResult } from '../../src/engine/verify/verifyCompletion';
import type { CorpusRequest } from './contextCorpus';

/** How the engine judged one corpus case, and whether that is what the case expects. */
export interface CorpusOutcome {
  request: CorpusRequest;
  /** The verdict on the correct body; undefined when verifyCompletion threw. */
  correct?: VerifyResult;
  /** The verdict on the mutant; undefined when verifyCompletion threw. */
  mutant?: VerifyResult;
  /** Testable kinds: verified. Outside world: unverifiable, for the expected reason, with no assert run. */
  correctOk: boolean;
  /** Testable kinds: rejected by an assert that did not pass. Outside world: unverifiable too. */
  mutantOk: boolean;
  /** What went wrong, one entry per problem, with the failing asserts' messages. */
  problems: string[];
}

/**
 * Runs verifyCompletion on the case's correct body and on its mutant, as the editor would ask
 * for them (the document with the body emptied, the cursor after `{`).
 */
export async function runCorpusCase(request: CorpusRequest, sandbox: Sandbox): Promise<CorpusOutcome> {
  const { case: corpusCase } = request;
  const problems: string[] = [];
  const verify = async (label: string, completion: string): Promise<VerifyResult | undefined> => {
    try {
      return await verifyCompletion({
        document: request.document,
        language: request.language,
        cursor: request.cursor,
        completion,
        asserts: corpusCase.asserts,
        file: request.file,
        sandbox,
      });
    } catch (error) {
      problems.push(`${label}: verifyCompletion threw ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return undefined;
    }
  };
  const correct = await verify('correct body', request.completion);
  const mutant = await verify(`mutant (${JSON.stringify(corpusCase.mutant.find)} → ${JSON.stringify(corpusCase.mutant.replace)})`, request.mutantCompletion);
  let correctOk: boolean;
  let mutantOk: boolean;
  if (corpusCase.expect === 'unverifiable') {
    const reasonOk = corpusCase.reason === undefined || (correct?.reason ?? '').includes(corpusCase.reason);
    correctOk = correct?.verdict === 'unverifiable' && reasonOk && correct.asserts.length === 0;
    mutantOk = mutant?.verdict === 'unverifiable';
    if (correct && !correctOk) {
      problems.push(`correct body: expected unverifiable${corpusCase.reason === undefined ? '' : ` with a reason containing ${JSON.stringify(corpusCase.reason)}`}, got ${describe(correct)}`);
    }
    if (mutant && !mutantOk) problems.push(`mutant: expected unverifiable, got ${describe(mutant)}`);
  } else {
    correctOk = correct?.verdict === 'verified';
    mutantOk = mutant?.verdict === 'rejected' && mutant.asserts.some((outcome) => outcome.status !== 'pass');
    if (correct && !correctOk) problems.push(`correct body: expected verified, got ${describe(correct)}`);
    if (mutant && !mutantOk) problems.push(`mutant: expected rejected by a failing assert, got ${describe(mutant)}`);
  }
  return { request, correct, mutant, correctOk, mutantOk, problems };
}

/** The verdict, its reason and every assert that did not pass, with its message. */
function describe(result: VerifyResult): string {
  const lines = [`${result.verdict}${result.reason ? ` (${result.reason})` : ''}`];
  for (const outcome of result.asserts) {
    if (outcome.status !== 'pass') lines.push(`  ${outcome.status}: ${outcome.assert}${outcome.message ? `\n    → ${outcome.message}` : ''}`);
  }
  return lines.join('\n');
}
