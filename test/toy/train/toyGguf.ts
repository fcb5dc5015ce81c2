// The toy models' GGUF files: metadata (llama architecture, byte-level BPE tokenizer with the
// end-of-text and FIM control tokens), the tensor list with a seeded random initialisation
// (the vocabulary model, and the names and shapes an export checks), and reading the weights
// trainToy.py writes. Written with the project's GGUF writer.
import { readFileSync } from 'node:fs';
import { CONTROL_TOKENS, GGUF_VALUE as V, TOKEN, ggufBytes, mulberry32, type GgufKv, type GgufTensor } from '../../fixtures/llamaGguf.mjs';
import { PRE_TOKENIZER, vocabulary, type Bpe } from './bpe';

/** One model size of the llama architecture. */
export interface ToySize {
  /** File name without `.gguf`. */
  name: string;
  nEmbd: number;
  nBlocks: number;
  nHeads: number;
  nFf: number;
}

/** Control token ids: the writer's (256 end of text, also BOS/EOS; 257–259 FIM prefix, suffix, middle). */
export { TOKEN };

/** Parameters of a size with `nVocab` tokens (token embedding and output layer included). */
export function parameterCount(size: ToySize, nVocab: number): number {
  const { nEmbd: d, nBlocks, nFf } = size;
  const block = 4 * d * d + 3 * d * nFf + 2 * d;
  return 2 * nVocab * d + nBlocks * block + d;
}

/** Metadata of a toy model: llama hyperparameters and the tokenizer (see shared/guides/models-offline.md for the required keys). */
export function toyMetadata(size: ToySize, bpe: Bpe, contextLength: number, description: string): GgufKv[] {
  const tokens = vocabulary(bpe, CONTROL_TOKENS);
  // 1 normal, 3 control (the end-of-text and FIM tokens).
  const types = tokens.map((_, id) => (id >= 256 && id < 256 + CONTROL_TOKENS.length ? 3 : 1));
  return [
    ['general.architecture', V.STRING, 'llama'],
    ['general.name', V.STRING, size.name],
    ['general.description', V.STRING, description],
    ['general.alignment', V.U32, 32],
    ['llama.context_length', V.U32, contextLength],
    ['llama.embedding_length', V.U32, size.nEmbd],
    ['llama.block_count', V.U32, size.nBlocks],
    ['llama.feed_forward_length', V.U32, size.nFf],
    ['llama.attention.head_count', V.U32, size.nHeads],
    ['llama.attention.head_count_kv', V.U32, size.nHeads],
    ['llama.attention.layer_norm_rms_epsilon', V.F32, 1e-5],
    ['llama.rope.dimension_count', V.U32, size.nEmbd / size.nHeads],
    ['llama.rope.freq_base', V.F32, 10000],
    ['tokenizer.ggml.model', V.STRING, 'gpt2'],
    ['tokenizer.ggml.pre', V.STRING, PRE_TOKENIZER],
    ['tokenizer.ggml.tokens', V.ARRAY, tokens, V.STRING],
    ['tokenizer.ggml.token_type', V.ARRAY, types, V.I32],
    ['tokenizer.ggml.merges', V.ARRAY, bpe.merges.map(([a, b]) => `${a} ${b}`), V.STRING],
    ['tokenizer.ggml.bos_token_id', V.U32, TOKEN.endOfText],
    ['tokenizer.ggml.eos_token_id', V.U32, TOKEN.endOfText],
    ['tokenizer.ggml.add_bos_token', V.BOOL, true],
    ['tokenizer.ggml.add_eos_token', V.BOOL, false],
    ['tokenizer.ggml.fim_pre_token_id', V.U32, TOKEN.fimPrefix],
    ['tokenizer.ggml.fim_suf_token_id', V.U32, TOKEN.fimSuffix],
    ['tokenizer.ggml.fim_mid_token_id', V.U32, TOKEN.fimMiddle],
  ];
}

/** Standard normal draws from a seeded uniform source (Box–Muller). */
function gaussian(rand: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - rand();
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** Initialisation settings (defaults: the guide's — std 0.02, output projections / √(2·blocks), norms 1). */
export interface InitOptions {
  seed: number;
  std?: number;
}

/** The tensors of a freshly initialised model, f32, in the order llama.cpp lists them. */
export function initTensors(size: ToySize, nVocab: number, { seed, std = 0.02 }: InitOptions): GgufTensor[] {
  const normal = gaussian(mulberry32(seed));
  const { nEmbd: d, nFf, nBlocks } = size;
  const random = (n: number, s: number) => Float32Array.from({ length: n }, () => normal() * s);
  const ones = (n: number) => new Float32Array(n).fill(1);
  const projection = std / Math.sqrt(2 * nBlocks);
  const t = (name: string, dims: number[], data: Float32Array): GgufTensor => ({ name, dims, type: 'f32', data });
  const list: GgufTensor[] = [t('token_embd.weight', [d, nVocab], random(d * nVocab, std))];
  for (let i = 0; i < nBlocks; i++) {
    const p = `blk.${i}.`;
    list.push(
      t(`${p}attn_norm.weight`, [d], ones(d)),
      t(`${p}attn_q.weight`, [d, d], random(d * d, std)),
      t(`${p}attn_k.weight`, [d, d], random(d * d, std)),
      t(`${p}attn_v.weight`, [d, d], random(d * d, std)),
      t(`${p}attn_output.weight`, [d, d], random(d * d, projection)),
      t(`${p}ffn_norm.weight`, [d], ones(d)),
      t(`${p}ffn_gate.weight`, [d, nFf], random(d * nFf, std)),
      t(`${p}ffn_up.weight`, [d, nFf], random(d * nFf, std)),
      t(`${p}ffn_down.weight`, [nFf, d], random(nFf * d, projection)),
    );
  }
  list.push(t('output_norm.weight', [d], ones(d)), t('output.weight', [d, nVocab], random(d * nVocab, std)));
  return list;
}

/** A GGUF of `tensors` with the toy metadata. */
export function toyGgufBytes(size: ToySize, bpe: Bpe, contextLength: number, description: string, tensors: GgufTensor[]): Buffer {
  return ggufBytes(toyMetadata(size, bpe, contextLength, description), tensors);
}

/**
 * The weights trainToy.py writes: a u32 header length, a JSON header listing every tensor's
 * name and GGUF dims, then each tensor's little-endian f32 data in that order.
 */
export function readTrainedTensors(file: string): Map<string, { dims: number[]; data: Float32Array }> {
  const buf = readFileSync(file);
  const headerLength = buf.readUInt32LE(0);
  const { tensors } = JSON.parse(buf.toString('utf8', 4, 4 + headerLength)) as { tensors: Array<{ name: string; dims: number[] }> };
  const out = new Map<string, { dims: number[]; data: Float32Array }>();
  let at = 4 + headerLength;
  for (const { name, dims } of tensors) {
    const n = dims.reduce((x, y) => x * y, 1);
    if (at + 4 * n > buf.length) throw new Error(`${file} is truncated at tensor ${name}`);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = buf.readFloatLE(at + 4 * i);
    out.set(name, { dims, data });
    at += 4 * n;
  }
  if (at !== buf.length) throw new Error(`${file} has ${buf.length - at} bytes after its last tensor`);
  return out;
}
