// Training examples with their segments apart, and their token ids as the trainer reads them.
// Each segment is tokenised on its own by node-llama-cpp, exactly as LlamaCppBackend tokenises a
// prompt's prefix and suffix (`model.tokenize(text, false, 'trimLeadingSpace')`), and the
// control tokens go in as ids — so training sees the token boundaries inference sees.
import { readFileSync, writeFileSync } from 'node:fs';
import type { LlamaModel } from 'node-llama-cpp';
import { TOKEN } from '../../fixtures/llamaGguf.mjs';

/** One training example. */
export type Example =
  | { kind: 'fim'; prefix: string; suffix: string; middle: string; task?: string }
  | { kind: 'test'; prompt: string; completion: string; task?: string }
  | { kind: 'text'; text: string; task?: string };

const EOT = '<|endoftext|>';
const PRE = '<|fim_prefix|>';
const SUF = '<|fim_suffix|>';
const MID = '<|fim_middle|>';

/** The texts an example is made of (what the tokenizer is learned on). */
export function segmentsOf(example: Example): string[] {
  switch (example.kind) {
    case 'fim':
      return [example.prefix, example.suffix, example.middle];
    case 'test':
      return [example.prompt, example.completion];
    default:
      return [example.text];
  }
}

/**
 * Where a test example's prompt ends: after buildTestPrompt's prefill, the first `(` after
 * `assert.deepStrictEqual(name` or after `new Name` on the line after the `require` of assert.
 */
function splitTest(text: string): Example {
  const require = "const assert = require('node:assert');\n";
  const from = text.indexOf(require);
  if (from < 0) return { kind: 'text', text };
  const rest = from + require.length;
  const line = text.slice(rest);
  const m = /^assert\.deepStrictEqual\([\w$.]+\(|^\{\n\s*const [\w$]+ = new [\w$]+\(/.exec(line);
  if (!m) return { kind: 'text', text };
  const cut = rest + m[0].length;
  return { kind: 'test', prompt: text.slice(0, cut), completion: text.slice(cut) };
}

/** Examples of the corpus's flat text format (see /work/toy-corpus-format.md): `<|endoftext|>`-terminated, FIM markers literal. */
export function parseCorpusText(text: string): Example[] {
  const out: Example[] = [];
  for (const chunk of text.split(EOT)) {
    if (chunk === '') continue;
    if (chunk.startsWith(PRE)) {
      const s = chunk.indexOf(SUF);
      const m = chunk.indexOf(MID);
      if (s < 0 || m < s) throw new Error(`malformed FIM example: ${chunk.slice(0, 80)}`);
      out.push({ kind: 'fim', prefix: chunk.slice(PRE.length, s), suffix: chunk.slice(s + SUF.length, m), middle: chunk.slice(m + MID.length) });
    } else out.push(splitTest(chunk));
  }
  return out;
}

/** Reads examples from JSON Lines (`.jsonl`) or the flat text format. */
export function readExamples(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.jsonl')) return parseCorpusText(text);
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Example);
}

/** An example's token ids, from end of text to end of text. */
export function exampleTokens(model: LlamaModel, example: Example): number[] {
  const tok = (text: string) => (text === '' ? [] : Array.from(model.tokenize(text, false, 'trimLeadingSpace'), Number));
  switch (example.kind) {
    case 'fim':
      return [TOKEN.endOfText, TOKEN.fimPrefix, ...tok(example.prefix), TOKEN.fimSuffix, ...tok(example.suffix), TOKEN.fimMiddle, ...tok(example.middle), TOKEN.endOfText];
    case 'test':
      return [TOKEN.endOfText, ...tok(example.prompt), ...tok(example.completion), TOKEN.endOfText];
    default:
      return [TOKEN.endOfText, ...tok(example.text), TOKEN.endOfText];
  }
}

/** Writes documents in trainToy.py's format: u32 count, then per document u32 length and u32 ids. */
export function writeDocs(file: string, docs: number[][]): void {
  const total = docs.reduce((n, d) => n + 1 + d.length, 1);
  const out = new Uint32Array(total);
  let at = 0;
  out[at++] = docs.length;
  for (const d of docs) {
    out[at++] = d.length;
    out.set(d, at);
    at += d.length;
  }
  writeFileSync(file, new Uint8Array(out.buffer));
}
