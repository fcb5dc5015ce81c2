import type { TestSubject } from '../context/DocumentContext';
import { toStandaloneFunction } from '../context/toStandaloneFunction';
import type { FunctionAtCursor } from '../extract/FunctionAtCursor';

/** A prompt that asks a model for asserts, with the first assert's opening pre-filled. */
export interface TestPrompt {
  prompt: string;
  /** The text the prompt ends with; the model's output continues it. */
  prefill: string;
  /** Generation stops at any of these. */
  stop: string[];
}

const JS_STOP = ['\n\n\n', '\nfunction ', '\nclass ', '\nexport ', '```'];
const ASK = '// Create a set of tests for this function:';
const REQUIRE_ASSERT = "const assert = require('node:assert');";

/**
 * The paper's test-generation prompt adapted to our languages: the function's doc comment and
 * signature with the body left out, "Create a set of tests for this function:", and the answer
 * pre-filled as the start of an assert that calls the function. JS/TS asserts use Node's
 * `assert` module, which the sandbox provides. A method is shown in an outline of its class
 * (or object); for an instance method the answer starts a block that builds an instance, as
 * the asserts must.
 */
export function buildTestPrompt(fn: FunctionAtCursor, subject: TestSubject = { kind: 'function', callee: fn.name }): TestPrompt {
  const doc = fn.docComment ? `${fn.docComment}\n` : '';
  if (fn.language === 'python') {
    const prefill = `assert ${fn.name}(`;
    return {
      prompt: `${doc}${fn.header}\n    pass\n\n\n# Create a set of tests for this function:\n${prefill}`,
      prefill,
      stop: ['\n\n\n', '\ndef ', '\nclass ', '\nif __name__'],
    };
  }
  if (subject.kind === 'instance') {
    const prefill = `{\n  const ${subject.instance} = new ${subject.className}(`;
    const ask = `// Create a set of tests for ${subject.className}.prototype.${subject.method}. Each test is a block that builds an instance:`;
    return { prompt: `${subject.outline}\n\n${ask}\n${REQUIRE_ASSERT}\n${prefill}`, prefill, stop: JS_STOP };
  }
  const prefill = `assert.deepStrictEqual(${subject.callee}(`;
  // A method tests cannot reach in its class (one nested in a function) runs as a plain function.
  const header = fn.kind === 'method' ? toStandaloneFunction(fn, fn.header) : fn.header;
  const shown = subject.kind === 'member' ? subject.outline : `${doc}${header}\n  // implementation omitted\n}`;
  return { prompt: `${shown}\n\n${ASK}\n${REQUIRE_ASSERT}\n${prefill}`, prefill, stop: JS_STOP };
}
