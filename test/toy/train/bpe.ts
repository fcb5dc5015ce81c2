// Byte-level BPE for the toy models: GPT-2's byte-to-unicode alphabet (the 256 byte tokens the
// project's GGUF writer already uses) plus merges learned on the training text. llama.cpp
// splits text with the pre-tokenizer named in the GGUF (`tokenizer.ggml.pre`) before it applies
// merges, so the merges are learned on the same split: qwen2's, which suits code — single
// digits, a word with one leading non-letter (`.deepStrictEqual`, `(add`), runs of punctuation
// with their newlines (`);\n`, `{\n`), whitespace runs before a newline or the end.
import { byteToUnicode } from '../../fixtures/llamaGguf.mjs';

/** The `tokenizer.ggml.pre` value whose split {@link preTokenize} reproduces (llama-vocab.cpp, LLAMA_VOCAB_PRE_TYPE_QWEN2). */
export const PRE_TOKENIZER = 'qwen2';

const SPLIT =
  /(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

const BYTE_TEXT = byteToUnicode();
const encoder = new TextEncoder();

/** The pieces llama.cpp applies merges within, each in byte-to-unicode form. */
export function preTokenize(text: string): string[] {
  const pieces: string[] = [];
  for (const match of text.matchAll(SPLIT)) {
    let piece = '';
    for (const byte of encoder.encode(match[0])) piece += BYTE_TEXT[byte];
    pieces.push(piece);
  }
  return pieces;
}

/** Learned merges, in rank order; merge i makes token `left + right`. */
export interface Bpe {
  merges: Array<[left: string, right: string]>;
}

interface Word {
  symbols: string[];
  count: number;
}

/**
 * Learns up to `maxMerges` merges from `texts` (each pre-tokenised on its own): each round
 * merges the most frequent adjacent pair of symbols within the pieces (ties: the pair that
 * sorts first, so the result depends on the texts alone), until no pair occurs `minCount` times.
 */
export function learnBpe(texts: Iterable<string>, maxMerges: number, minCount = 2): Bpe {
  const counts = new Map<string, number>();
  for (const text of texts) for (const piece of preTokenize(text)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
  const words: Word[] = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([piece, count]) => ({ symbols: [...piece], count }));
  const pairCounts = new Map<string, number>();
  const pairWords = new Map<string, Set<number>>();
  const key = (a: string, b: string) => `${a} ${b}`; // byte-to-unicode text never holds a plain space
  const account = (index: number, sign: 1 | -1) => {
    const { symbols, count } = words[index];
    for (let i = 0; i + 1 < symbols.length; i++) {
      const k = key(symbols[i], symbols[i + 1]);
      pairCounts.set(k, (pairCounts.get(k) ?? 0) + sign * count);
      if (sign > 0) {
        let set = pairWords.get(k);
        if (!set) pairWords.set(k, (set = new Set()));
        set.add(index);
      }
    }
  };
  words.forEach((_, index) => account(index, 1));
  const merges: Bpe['merges'] = [];
  while (merges.length < maxMerges) {
    let best: string | undefined;
    let bestCount = minCount - 1;
    for (const [k, c] of pairCounts) {
      if (c > bestCount || (c === bestCount && best !== undefined && k < best)) [best, bestCount] = [k, c];
    }
    if (best === undefined) break;
    const [left, right] = best.split(' ');
    merges.push([left, right]);
    const merged = left + right;
    for (const index of pairWords.get(best) ?? []) {
      account(index, -1);
      const { symbols } = words[index];
      const next: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === left && symbols[i + 1] === right) {
          next.push(merged);
          i++;
        } else next.push(symbols[i]);
      }
      words[index].symbols = next;
      account(index, 1);
    }
    pairWords.delete(best);
    pairCounts.delete(best);
    for (const [k, c] of pairCounts) if (c <= 0) pairCounts.delete(k);
  }
  return { merges };
}

/**
 * Token texts in id order: the 256 bytes, `control` (after them, e.g. end of text and the FIM
 * markers), then one token per merge.
 */
export function vocabulary(bpe: Bpe, control: readonly string[]): string[] {
  return [...BYTE_TEXT, ...control, ...bpe.merges.map(([a, b]) => a + b)];
}

/**
 * Tokenises `text` as llama.cpp's BPE does with these merges (lowest-ranked pair first within
 * each piece) — for checking that the GGUF's tokenizer is understood; the training data itself
 * is tokenised by node-llama-cpp.
 */
export function encoderOf(bpe: Bpe, control: readonly string[]): (text: string) => number[] {
  const ids = new Map(vocabulary(bpe, control).map((t, i) => [t, i]));
  const rank = new Map(bpe.merges.map(([a, b], i) => [`${a} ${b}`, i]));
  const cache = new Map<string, number[]>();
  return (text) => {
    const out: number[] = [];
    for (const piece of preTokenize(text)) {
      let tokens = cache.get(piece);
      if (!tokens) {
        let symbols = [...piece];
        for (;;) {
          let bestRank = Infinity;
          let at = -1;
          for (let i = 0; i + 1 < symbols.length; i++) {
            const r = rank.get(`${symbols[i]} ${symbols[i + 1]}`);
            if (r !== undefined && r < bestRank) [bestRank, at] = [r, i];
          }
          if (at < 0) break;
          symbols = [...symbols.slice(0, at), symbols[at] + symbols[at + 1], ...symbols.slice(at + 2)];
        }
        tokens = symbols.map((s) => ids.get(s)!);
        cache.set(piece, tokens);
      }
      out.push(...tokens);
    }
    return out;
  };
}
