import assert from 'node:assert/strict';
import type { TierConfig } from '../../src/engine/config/TierConfig';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { runCascade } from '../../src/engine/cascade/runCascade';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import type { SourceLanguage } from '../../src/engine/extract/FunctionAtCursor';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { isTestPrompt, ScriptedBackend } from '../helpers/ScriptedBackend';

/** A scripted model: `solution` for completion prompts, `tests` (continuing the prefill) for test prompts. */
const model = (name: string, solution: string, tests = ''): ScriptedBackend =>
  new ScriptedBackend(name, (options) => (isTestPrompt(options) ? tests : solution));

describe('runCascade in the function\'s context (scripted models, real slicing and sandbox)', function () {
  this.timeout(30000);
  let sandbox: SandboxPool;
  before(() => {
    sandbox = new SandboxPool({ size: 2 });
  });
  after(() => sandbox.dispose());

  async function cascade(marked: string, tiers: Partial<TierConfig>[], models: ScriptedBackend[], language: SourceLanguage = 'javascript') {
    const cursor = marked.indexOf('|');
    const document = marked.slice(0, cursor) + marked.slice(cursor + 1);
    const fn = await findFunctionAtCursor(document, cursor, language);
    assert.ok(fn);
    return runCascade({
      document,
      fn,
      tiers: validateTiers(tiers.map((t, i) => ({ model: `m${i}.gguf`, ...t }))),
      modelFor: (_tier, i) => models[i],
      sandbox,
    });
  }

  it('a function that uses same-file helpers and constants is verified at the first tier', async () => {
    const small = model('small', "  return words(s).join(SEP);\n}\n", "'a b'), 'a-b');\nassert.deepStrictEqual(slug(' x  y '), 'x-y');\n");
    const large = model('large', '');
    const result = await cascade(
      "const SEP = '-';\nfunction words(s) { return s.trim().split(/\\s+/); }\nfunction slug(s) {\n|\nmain();\n",
      [{ samples: 1, testsPerSample: 2 }, { samples: 1 }],
      [small, large],
    );
    assert.equal(result.verdict, 'verified');
    assert.equal(result.acceptedTier, 0);
    assert.deepEqual(result.trace[0].matrix, [[1, 1]]);
    assert.equal(large.calls.length, 0);
  });

  it('a method is verified inside its class with block tests that build an instance', async () => {
    const tests = '5);\n  counter.inc();\n  assert.strictEqual(counter.value, 6);\n}\n{\n  const counter = new Counter(0);\n  assert.strictEqual(counter.inc(), 1);\n}\n';
    const small = model('small', '    this.count += 1;\n    return this.count;\n  }\n', tests);
    const result = await cascade(
      'class Counter {\n  constructor(start) { this.count = start; }\n  inc() {\n|\n  }\n  get value() { return this.count; }\n}\n',
      [{ samples: 1, testsPerSample: 4 }],
      [small],
    );
    const prompt = small.calls.find(isTestPrompt)?.prefix ?? '';
    assert.match(prompt, /constructor\(start\) \{ this\.count = start; \}/, 'the test prompt shows the class');
    assert.match(prompt, /\{\n  const counter = new Counter\($/, 'and asks for a block that builds an instance');
    assert.equal(result.trace[0].asserts.length, 2);
    assert.match(result.trace[0].asserts[0], /^\{\n  const counter = new Counter\(5\);/);
    assert.equal(result.verdict, 'verified');
    assert.deepEqual(result.trace[0].matrix, [[1, 1]]);
  });

  it('an unverifiable function costs one greedy generation: no tests, no other tier, and says why', async () => {
    const small = model('small', '  return (await fetch(url)).json();\n}\n', "'x'), 1);\n");
    const large = model('large', '');
    const result = await cascade('async function getJSON(url) {\n|\n', [{ samples: 3, testsPerSample: 2 }, { samples: 3 }], [small, large]);
    assert.equal(result.verdict, 'unverifiable');
    assert.equal(result.reason, 'uses fetch');
    assert.equal(result.completion, '  return (await fetch(url)).json();\n}');
    assert.equal(small.calls.length, 1, 'one generation');
    assert.equal(small.calls[0].temperature, 0, 'the greedy answer');
    assert.equal(large.calls.length, 0);
    assert.equal(result.trace.length, 1);
    assert.equal(result.trace[0].verdict, 'unverifiable');
    assert.equal(result.trace[0].reason, 'uses fetch');
    assert.deepEqual(result.trace[0].tokens, { solutions: small.calls.length && result.trace[0].candidates[0].tokens, tests: 0 });
  });

  it('a Python function is unverifiable before anything is generated: one greedy answer whatever k is', async () => {
    const small = model('small', 'return a + b\n');
    const result = await cascade('def add(a, b):\n    |\n', [{ samples: 5, testsPerSample: 4 }, { samples: 3 }], [small, model('large', '')], 'python');
    assert.equal(result.verdict, 'unverifiable');
    assert.match(result.reason ?? '', /Python/);
    assert.equal(small.calls.length, 1);
    assert.equal(small.calls[0].temperature, 0);
  });

  it('falls back to nothing, never to text that does not parse, when no tier wrote a complete function', async () => {
    const result = await cascade('function f(a) {\n|\n', [{ samples: 2, testsPerSample: 2 }, { samples: 1 }], [model('a', '  return (a +\n'), model('b', '  return [a,\n')]);
    assert.equal(result.completion, '');
    assert.equal(result.verdict, 'unverified');
    assert.equal(result.trace.length, 2);
  });

  it('writes no tests when no candidate is a complete function', async () => {
    const broken = model('broken', '  return (a +\n', "1), 1);\n");
    const result = await cascade('function f(a) {\n|\n', [{ samples: 2, testsPerSample: 2 }], [broken]);
    assert.equal(broken.calls.filter(isTestPrompt).length, 0);
    assert.equal(result.trace[0].testSamples.length, 0);
    assert.equal(result.trace[0].verdict, 'rejected');
  });
});
