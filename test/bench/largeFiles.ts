// Large inputs: a 10,000-line JavaScript file with an unfinished function in the middle, and a
// file with a 200,000-character line before and after one. Prints the time of each engine step
// that sees the whole document — findFunctionAtCursor, building the prompt as LlamaCppBackend
// does (promptWindow, fresh and with the last window; the whole document's tokenisation beside
// it for reference), a one-token generation through LlamaCppBackend (the same prompt each run, so
// llama.cpp reuses its evaluation: the row shows the main-thread part), buildTestPrompt,
// fitCandidate, and the verification's context: indexDocument (once per request, the whole
// file) and planProgram (once per candidate) — as the median of a few runs after a warm-up.
//
//   npm run bench:large-files        # builds first (the tree-sitter wasm loads from dist/)
import path from 'node:path';
import { setAssetDir } from '../../src/engine/assets';
import { fitCandidate } from '../../src/engine/cascade/fitCandidate';
import { indexDocument } from '../../src/engine/context/indexDocument';
import { planProgram } from '../../src/engine/context/planProgram';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { LlamaCppBackend } from '../../src/engine/model/LlamaCppBackend';
import { getLlamaRuntime } from '../../src/engine/model/llamaRuntime';
import { DEFAULT_SUFFIX_LINES } from '../../src/engine/model/ModelBackend';
import { promptWindow } from '../../src/engine/model/promptWindow';
import { buildTestPrompt } from '../../src/engine/testgen/buildTestPrompt';
import { writeTinyGguf } from '../fixtures/makeTinyGguf.mjs';
import { type LargeSource, longLine, manyLines } from '../helpers/largeSources';

const root = path.resolve(__dirname, '..', '..');
const RUNS = 5;
const CONTEXT_SIZE = 2048;
const CANDIDATE = 'return Math.min(hi, Math.max(lo, x));\n}\n';

/** Median wall time of `runs` calls of `task`, in ms. */
async function median(task: () => unknown, runs = RUNS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const ms = (value: number): string => `${value.toFixed(1)} ms`.padStart(10);

async function main(): Promise<void> {
  setAssetDir(path.join(root, 'dist'));
  const modelFile = path.join(root, 'test', 'fixtures', 'generated', 'tiny-a.gguf');
  writeTinyGguf(modelFile, { seed: 1 });
  const { llama } = await getLlamaRuntime({ gpu: false });
  const model = await llama.loadModel({ modelPath: modelFile });
  const backend = new LlamaCppBackend({ model: modelFile, contextSize: CONTEXT_SIZE }, { gpu: false });
  await backend.load();
  await findFunctionAtCursor('function f() {\n  ', 17, 'javascript'); // loads the grammar

  const inputs: [string, LargeSource][] = [
    ['10,000 lines', manyLines(10_000)],
    ['200,000-char line', longLine(200_000)],
  ];
  console.log(`${'input'.padEnd(20)} ${'chars'.padStart(9)}  step`);
  for (const [label, { text, cursor }] of inputs) {
    const fn = await findFunctionAtCursor(text, cursor, 'javascript');
    if (!fn || fn.name !== 'clamp' || fn.end !== undefined) throw new Error(`${label}: the unfinished clamp() was not found`);
    const prefix = text.slice(0, cursor);
    const suffix = text.slice(cursor);
    const row = (step: string, value: number) => console.log(`${label.padEnd(20)} ${String(text.length).padStart(9)}  ${step.padEnd(44)} ${ms(value)}`);
    row('findFunctionAtCursor', await median(() => findFunctionAtCursor(text, cursor, 'javascript')));
    const tokenize = (part: string) => model.tokenize(part, false, 'trimLeadingSpace');
    row('tokenize the whole prefix + suffix (reference)', await median(() => [tokenize(prefix), tokenize(suffix)]));
    const windowOptions = { budget: CONTEXT_SIZE, suffixLines: DEFAULT_SUFFIX_LINES };
    const { window } = promptWindow(prefix, suffix, windowOptions, tokenize);
    row(`prompt: promptWindow (${CONTEXT_SIZE}), fresh`, await median(() => promptWindow(prefix, suffix, windowOptions, tokenize)));
    row(`prompt: promptWindow (${CONTEXT_SIZE}), window kept`, await median(() => promptWindow(prefix, suffix, { ...windowOptions, previous: window }, tokenize)));
    row(`generate 1 token, same prompt again (eval cached)`, await median(() => backend.generate({ prefix, suffix, maxTokens: 1, temperature: 0 }), 3));
    row('buildTestPrompt', await median(() => buildTestPrompt(fn)));
    row('fitCandidate', await median(() => fitCandidate(text, fn, CANDIDATE)));
    row('indexDocument (whole file, once per request)', await median(() => indexDocument({ document: text, fn })));
    const context = await indexDocument({ document: text, fn });
    const fitted = await fitCandidate(text, fn, CANDIDATE);
    row('planProgram (per candidate)', await median(() => planProgram({ ...context, needs: new Map() }, fitted.functionText)));
  }
  await backend.dispose();
  await model.dispose();
}

void main();
