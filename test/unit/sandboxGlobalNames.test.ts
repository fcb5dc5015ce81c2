import assert from 'node:assert/strict';
import { SANDBOX_GLOBALS } from '../../src/engine/context/sandboxGlobals';
import { ENVIRONMENT_GLOBALS, sandboxLimitation } from '../../src/engine/context/sandboxLimitation';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';

describe('the classifier\'s global names agree with the real sandbox', function () {
  this.timeout(30000);
  let sandbox: SandboxPool;
  before(() => {
    sandbox = new SandboxPool({ size: 1 });
  });
  after(() => sandbox.dispose());

  // One program per list: a missing name fails it with the names it lacks.
  const check = async (names: Iterable<string>, present: boolean) => {
    const list = JSON.stringify([...names]);
    const test = present ? "typeof globalThis[n] === 'undefined' && !(n in globalThis)" : "typeof globalThis[n] !== 'undefined'";
    const outcome = await sandbox.run({ code: `const wrong = ${list}.filter((n) => ${test});\nif (wrong.length) throw new Error(wrong.join(', '));` });
    assert.equal(outcome.status, 'pass', outcome.message);
  };

  it('every name the classifier lets through exists in the sandbox', () => check(SANDBOX_GLOBALS, true));
  it('every environment global the classifier refuses is missing from the sandbox', () => check(ENVIRONMENT_GLOBALS, false));

  it('refuses host state, the clock and timers even though the sandbox defines stand-ins', () => {
    assert.equal(sandboxLimitation({ name: 'process', property: 'env' }), 'uses process.env');
    assert.equal(sandboxLimitation({ name: 'process', property: 'nextTick' }), undefined);
    assert.equal(sandboxLimitation({ name: 'Date', property: 'now' }), 'uses Date.now()');
    assert.equal(sandboxLimitation({ name: 'Date', constructedWith: 1 }), undefined, 'new Date(x) is a pure conversion');
    assert.match(sandboxLimitation({ name: 'Date', constructedWith: 0 }) ?? '', /current time/);
    assert.equal(sandboxLimitation({ name: 'setTimeout' }), 'uses setTimeout');
    assert.equal(sandboxLimitation({ name: 'Math', property: 'max' }), undefined);
    assert.equal(sandboxLimitation({ name: 'fetch' }), 'uses fetch');
    assert.equal(sandboxLimitation({ name: 'notAGlobalAnywhere' }), undefined, 'undefined names are left to fail at run time');
  });
});
