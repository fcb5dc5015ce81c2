import assert from 'node:assert/strict';
import { stopWhenFunctionComplete } from '../../src/engine/cascade/stopWhenFunctionComplete';
import type { SourceLanguage } from '../../src/engine/extract/FunctionAtCursor';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';

/**
 * Streams `chunks` into the stopAt of the function at `|` in `source`; returns the length it
 * stopped at and how many chunks it took, and how many checks reached tree-sitter.
 */
async function streamInto(source: string, language: SourceLanguage, chunks: string[]) {
  const cursor = source.indexOf('|');
  const document = source.replace('|', '');
  const fn = await findFunctionAtCursor(document, cursor, language);
  assert.ok(fn, 'a function at the cursor');
  const stopAt = stopWhenFunctionComplete(document, fn);
  let text = '';
  let parses = 0;
  for (const [i, chunk] of chunks.entries()) {
    text += chunk;
    const result = stopAt(text, i + 1);
    if (result === undefined) continue;
    parses++;
    const at = await result;
    if (at !== undefined) return { completion: text.slice(0, at), chunks: i + 1, parses };
  }
  return { completion: undefined, chunks: chunks.length, parses };
}

describe('stopWhenFunctionComplete', () => {
  it('stops a JavaScript candidate at the chunk after its closing brace, parsing only at braces', async () => {
    const result = await streamInto('function add(a, b) {\n  |', 'javascript', ['if ', '(a) ', '{ a++; }', '\n  return ', 'a + b;', '\n}', '\n\n', 'function ', 'more() {}\n']);
    assert.deepEqual(result, { completion: 'if (a) { a++; }\n  return a + b;\n}', chunks: 7, parses: 2 });
  });

  it('keeps the semicolon after an arrow function held by a const', async () => {
    const result = await streamInto('const add = (a, b) => {\n  |', 'javascript', ['return a + b;\n', '}', ';', '\n', 'x']);
    assert.equal(result.completion, 'return a + b;\n};');
  });

  it('stops when the model closes a function the document already closes (what fitCandidate then trims)', async () => {
    const result = await streamInto('class A {\n  m() {\n    |\n  }\n}\n', 'typescript', ['return 1;\n', '  }\n', '  n() {}']);
    assert.equal(result.completion, 'return 1;\n  }');
  });

  it('never stops a candidate that has not closed the function', async () => {
    const result = await streamInto('function f() {\n  |', 'javascript', ['const o = { a: 1 };\n', '  return o', '.a;\n']);
    assert.equal(result.completion, undefined);
  });

  it('stops a Python candidate at the first dedented line, checking only then', async () => {
    const result = await streamInto('def add(a, b):\n    |', 'python', ['total = a', ' + b\n', '    return total\n', '\n', '\n', 'print', '(add(1, 2))\n']);
    assert.deepEqual(result, { completion: 'total = a + b\n    return total', chunks: 6, parses: 1 });
  });

  it('a Python method ends at the next line at its own column', async () => {
    const result = await streamInto('class A:\n    def m(self):\n        |', 'python', ['return 1\n', '\n', '    def n', '(self):\n']);
    assert.equal(result.completion, 'return 1');
  });
});
