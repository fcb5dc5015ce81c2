import assert from 'node:assert/strict';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { DEFAULT_CORPUS, prepareCorpusCase, readCorpus } from '../helpers/contextCorpus';
import { runCorpusCase } from '../helpers/runCorpusCase';

// The project's own context corpus (test/fixtures/context/cases.json): every function in the
// context it needs — same-file helpers, its class, sibling modules, npm packages — verifies
// with its correct body, its mutant is rejected by an assert, and the functions that need the
// outside world are unverifiable for the right reason. `npm run bench:context` tabulates it.
describe('context corpus: verifyCompletion on functions in their real context', function () {
  this.timeout(60_000);
  let pool: SandboxPool;
  before(() => {
    pool = new SandboxPool({ size: 2 });
  });
  after(() => pool.dispose());

  for (const corpusCase of readCorpus(DEFAULT_CORPUS)) {
    it(`${corpusCase.id} (${corpusCase.kind})`, async () => {
      const request = await prepareCorpusCase(DEFAULT_CORPUS, corpusCase);
      const outcome = await runCorpusCase(request, pool);
      if (outcome.problems.length > 0) {
        const program = outcome.correctOk ? '' : `\nprogram the asserts ran after:\n${outcome.correct?.program ?? '(none)'}`;
        assert.fail(`${corpusCase.file} ${corpusCase.function}:\n${outcome.problems.join('\n')}${program}`);
      }
      assert.ok(outcome.correctOk && outcome.mutantOk);
    });
  }
});
