import type { FunctionAtCursor } from '../extract/FunctionAtCursor';

/** A prompt that asks a model for asserts, with the first assert's opening pre-filled. */
export interface TestPrompt {
  prompt: string;
  /** The text the prompt ends with; the model's output continues it. */
  prefill: string;
  /** Generation stops at any of these. */
  stop: string[];
}

/**
 * The paper's test-generation prompt adapted to our languages: the function's doc comment and
 * signature with the body left out, "Create a set of tests for this function:", and the answer
 * pre-filled as the start of an assert that calls the function. JS/TS asserts use Node's
 * `assert` module, which the sandbox provides.
 */
export function buildTestPrompt(fn: FunctionAtCursor): TestPrompt {
  const doc = fn.docComment ? `${fn.docComment}\n` : '';
  if (fn.language === 'python') {
    const prefill = `assert ${fn.name}(`;
    return {
      prompt: `${doc}${fn.header}\n    pass\n\n\n# Create a set of tests for this function:\n${prefill}`,
      prefill,
      stop: ['\n\n\n', '\ndef ', '\nclass ', '\nif __name__'],
    };
  }
  const prefill = `assert.deepStrictEqual(${fn.name}(`;
  const signature = fn.kind === 'method' ? `function ${fn.header.replace(/^(?:(?:public|private|protected|static|readonly|override)\s+)+/, '')}` : fn.header;
  return {
    prompt:
      `${doc}${signature}\n  // implementation omitted\n}\n\n` +
      `// Create a set of tests for this function:\nconst assert = require('node:assert');\n${prefill}`,
    prefill,
    stop: ['\n\n\n', '\nfunction ', '\nclass ', '\nexport ', '```'],
  };
}
