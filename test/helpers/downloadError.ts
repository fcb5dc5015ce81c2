import assert from 'node:assert/strict';
import { ModelDownloadError } from '../../src/engine/errors';

/** An `assert.rejects` check: a ModelDownloadError with this `reason` whose message holds every fragment. */
export const downloadError =
  (reason: ModelDownloadError['reason'], ...fragments: string[]) =>
  (error: unknown): true => {
    assert.ok(error instanceof ModelDownloadError, `expected ModelDownloadError, got ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    for (const fragment of fragments) assert.ok(error.message.includes(fragment), `"${error.message}" lacks "${fragment}"`);
    return true;
  };
