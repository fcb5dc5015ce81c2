// A GGUF with Qwen2.5-Coder-0.5B's exact architecture and vocabulary and random Q8_0 weights
// (~531 MB, like the real file), for measuring real prompt and generation speed where no
// model can be downloaded (shared/guides/models-offline.md). Its output is noise; its cost
// per token is the real model's. Written on demand into a cache folder outside the
// repository and reused when present — never committed.
//
// The vocabulary is llama.cpp's models/ggml-vocab-qwen2.gguf, read from the llama.cpp source
// node-llama-cpp ships as a git bundle; Qwen2.5-Coder's FIM tokens are put into its padding
// slots (ids 151659 <|fim_prefix|>, 151660 <|fim_middle|>, 151661 <|fim_suffix|>).
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where generated bench models live: `$CASCADE_BENCH_CACHE`, else `~/.cache/cascade-bench`. */
export const BENCH_CACHE = process.env.CASCADE_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'cascade-bench');
const FILE = 'qwen2.5-coder-0.5b-shaped-random-q8_0.gguf';
const BUNDLE = path.resolve(__dirname, '..', '..', 'node_modules', 'node-llama-cpp', 'llama', 'gitRelease.bundle');

// Qwen2.5-Coder-0.5B (config.json): tied embeddings, q/k/v biases.
const N_EMBD = 896;
const N_FF = 4864;
const N_BLOCKS = 24;
const N_HEADS = 14;
const N_KV_HEADS = 2;
const HEAD_DIM = N_EMBD / N_HEADS;
const FIM = { prefix: 151659, middle: 151660, suffix: 151661 } as const;
const END_OF_TEXT = 151643;
const ALIGNMENT = 32;
// Weights of standard deviation ~0.02, as a fresh initialisation; norms 1, biases 0.
const WEIGHT_STD = 0.02;

const GGML = { F32: 0, Q8_0: 8 } as const;
const GGUF = { U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9 } as const;

/** The bench model's path, written first if it is not there (~20 s, plus ~5 s to read the vocabulary). */
export async function qwenSizedGguf(log: (line: string) => void = () => {}): Promise<string> {
  const file = path.join(BENCH_CACHE, FILE);
  if (existsSync(file)) return file;
  mkdirSync(BENCH_CACHE, { recursive: true });
  log(`writing ${file} (random weights, Qwen2.5-Coder-0.5B shapes; once)`);
  const vocabulary = await readVocabulary(qwenVocabFile());
  const partial = `${file}.partial`;
  writeGguf(partial, metadata(vocabulary), tensors());
  renameSync(partial, file);
  return file;
}

/** llama.cpp's Qwen2 vocabulary GGUF, taken from node-llama-cpp's bundled source (cloned into the cache once). */
function qwenVocabFile(): string {
  const vocab = path.join(BENCH_CACHE, 'ggml-vocab-qwen2.gguf');
  if (existsSync(vocab)) return vocab;
  const clone = path.join(BENCH_CACHE, 'llama.cpp');
  if (!existsSync(clone)) execFileSync('git', ['clone', '--quiet', '--no-checkout', BUNDLE, clone]);
  const bytes = execFileSync('git', ['-C', clone, 'show', 'HEAD:models/ggml-vocab-qwen2.gguf'], { maxBuffer: 64 << 20 });
  const partial = `${vocab}.partial`;
  const fd = openSync(partial, 'w');
  writeSync(fd, bytes);
  closeSync(fd);
  renameSync(partial, vocab);
  return vocab;
}

interface Vocabulary {
  tokens: string[];
  types: number[];
  merges: string[];
}

async function readVocabulary(file: string): Promise<Vocabulary> {
  const { readGgufFileInfo } = await import('node-llama-cpp');
  const info = await readGgufFileInfo(file, { readTensorInfo: false, logWarnings: false });
  const tokenizer = (info.metadata as unknown as { tokenizer: { ggml: { tokens: string[]; token_type: number[]; merges: string[] } } }).tokenizer.ggml;
  const tokens = [...tokenizer.tokens];
  const types = [...tokenizer.token_type];
  for (const [name, id] of Object.entries(FIM)) {
    tokens[id] = `<|fim_${name}|>`;
    types[id] = 3; // control
  }
  return { tokens, types, merges: tokenizer.merges };
}

type Kv = [key: string, type: number, value: unknown, elementType?: number];

function metadata(vocabulary: Vocabulary): Kv[] {
  return [
    ['general.architecture', GGUF.STRING, 'qwen2'],
    ['general.name', GGUF.STRING, 'cascade-bench-qwen2.5-coder-0.5b-shaped-random'],
    ['general.alignment', GGUF.U32, ALIGNMENT],
    ['general.file_type', GGUF.U32, 7], // mostly Q8_0
    ['qwen2.block_count', GGUF.U32, N_BLOCKS],
    ['qwen2.context_length', GGUF.U32, 32768],
    ['qwen2.embedding_length', GGUF.U32, N_EMBD],
    ['qwen2.feed_forward_length', GGUF.U32, N_FF],
    ['qwen2.attention.head_count', GGUF.U32, N_HEADS],
    ['qwen2.attention.head_count_kv', GGUF.U32, N_KV_HEADS],
    ['qwen2.attention.layer_norm_rms_epsilon', GGUF.F32, 1e-6],
    ['qwen2.rope.freq_base', GGUF.F32, 1_000_000],
    ['tokenizer.ggml.model', GGUF.STRING, 'gpt2'],
    ['tokenizer.ggml.pre', GGUF.STRING, 'qwen2'],
    ['tokenizer.ggml.tokens', GGUF.ARRAY, vocabulary.tokens, GGUF.STRING],
    ['tokenizer.ggml.token_type', GGUF.ARRAY, vocabulary.types, GGUF.I32],
    ['tokenizer.ggml.merges', GGUF.ARRAY, vocabulary.merges, GGUF.STRING],
    ['tokenizer.ggml.bos_token_id', GGUF.U32, END_OF_TEXT],
    ['tokenizer.ggml.eos_token_id', GGUF.U32, END_OF_TEXT],
    ['tokenizer.ggml.padding_token_id', GGUF.U32, END_OF_TEXT],
    ['tokenizer.ggml.add_bos_token', GGUF.BOOL, false],
    ['tokenizer.ggml.fim_pre_token_id', GGUF.U32, FIM.prefix],
    ['tokenizer.ggml.fim_suf_token_id', GGUF.U32, FIM.suffix],
    ['tokenizer.ggml.fim_mid_token_id', GGUF.U32, FIM.middle],
  ];
}

/** A tensor: name, ggml dims (fastest first), type, and a writer of its data. */
interface Tensor {
  name: string;
  dims: number[];
  type: number;
  bytes: number;
  fill: (out: Buffer) => void;
}

function tensors(): Tensor[] {
  const random = xorshift(0x5eed);
  const q8 = (name: string, cols: number, rows: number): Tensor => ({ name, dims: [cols, rows], type: GGML.Q8_0, bytes: (cols * rows * 34) / 32, fill: (out) => fillQ8(out, random) });
  const f32 = (name: string, n: number, value: number): Tensor => ({ name, dims: [n], type: GGML.F32, bytes: n * 4, fill: (out) => fillF32(out, value) });
  const kv = N_KV_HEADS * HEAD_DIM;
  const list: Tensor[] = [q8('token_embd.weight', N_EMBD, 151936)];
  for (let i = 0; i < N_BLOCKS; i++) {
    const p = `blk.${i}.`;
    list.push(
      f32(`${p}attn_norm.weight`, N_EMBD, 1),
      q8(`${p}attn_q.weight`, N_EMBD, N_EMBD),
      f32(`${p}attn_q.bias`, N_EMBD, 0),
      q8(`${p}attn_k.weight`, N_EMBD, kv),
      f32(`${p}attn_k.bias`, kv, 0),
      q8(`${p}attn_v.weight`, N_EMBD, kv),
      f32(`${p}attn_v.bias`, kv, 0),
      q8(`${p}attn_output.weight`, N_EMBD, N_EMBD),
      f32(`${p}ffn_norm.weight`, N_EMBD, 1),
      q8(`${p}ffn_gate.weight`, N_EMBD, N_FF),
      q8(`${p}ffn_up.weight`, N_EMBD, N_FF),
      q8(`${p}ffn_down.weight`, N_FF, N_EMBD),
    );
  }
  // Tied embeddings: no output.weight, llama.cpp reuses token_embd.
  list.push(f32('output_norm.weight', N_EMBD, 1));
  return list;
}

/** Seeded xorshift32: fast enough for ~500 M random bytes. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

/** Q8_0 blocks of 32 weights: an f16 scale, then 32 int8 values uniform in [−127, 127]. */
function fillQ8(out: Buffer, random: () => number): void {
  // A uniform int8 in [−127, 127] has standard deviation 127/√3.
  const scale = f16Bits((WEIGHT_STD * Math.sqrt(3)) / 127);
  for (let block = 0; block < out.length; block += 34) {
    out.writeUInt16LE(scale, block);
    for (let i = 0; i < 32; i += 4) {
      const r = random();
      for (let b = 0; b < 4; b++) out[block + 2 + i + b] = ((((r >>> (8 * b)) & 0xff) % 255) - 127) & 0xff;
    }
  }
}

function fillF32(out: Buffer, value: number): void {
  for (let i = 0; i < out.length; i += 4) out.writeFloatLE(value, i);
}

/** IEEE half-precision bits of a small positive normal number. */
function f16Bits(value: number): number {
  const exponent = Math.floor(Math.log2(value));
  const mantissa = Math.round((value / 2 ** exponent - 1) * 1024);
  return ((exponent + 15) << 10) | mantissa;
}

/** Writes a GGUF v3 file: header, metadata, tensor infos, then each tensor's data, 32-byte aligned. */
function writeGguf(file: string, kvs: Kv[], list: Tensor[]): void {
  const head = new HeaderWriter();
  head.raw(Buffer.from('GGUF', 'ascii'));
  head.u32(3);
  head.u64(list.length);
  head.u64(kvs.length);
  for (const [key, type, value, elementType] of kvs) head.kv(key, type, value, elementType);
  let offset = 0;
  const offsets = list.map((tensor) => {
    head.str(tensor.name);
    head.u32(tensor.dims.length);
    for (const d of tensor.dims) head.u64(d);
    head.u32(tensor.type);
    head.u64(offset);
    const at = offset;
    offset += align(tensor.bytes);
    return at;
  });
  const header = head.done();
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, header);
    writeSync(fd, Buffer.alloc(align(header.length) - header.length));
    list.forEach((tensor, i) => {
      const data = Buffer.alloc(align(tensor.bytes));
      tensor.fill(data.subarray(0, tensor.bytes));
      writeSync(fd, data, 0, data.length, align(header.length) + offsets[i]);
    });
  } finally {
    closeSync(fd);
  }
}

const align = (n: number): number => Math.ceil(n / ALIGNMENT) * ALIGNMENT;

class HeaderWriter {
  private readonly chunks: Buffer[] = [];
  raw(buf: Buffer): void {
    this.chunks.push(buf);
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.raw(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.raw(b);
  }
  str(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.raw(b);
  }
  kv(key: string, type: number, value: unknown, elementType?: number): void {
    this.str(key);
    this.u32(type);
    if (type !== GGUF.ARRAY) return this.value(type, value);
    const values = value as unknown[];
    this.u32(elementType!);
    this.u64(values.length);
    for (const v of values) this.value(elementType!, v);
  }
  private value(type: number, v: unknown): void {
    const b = Buffer.alloc(4);
    if (type === GGUF.STRING) return this.str(v as string);
    if (type === GGUF.BOOL) return this.raw(Buffer.from([v ? 1 : 0]));
    if (type === GGUF.U32) b.writeUInt32LE(v as number);
    else if (type === GGUF.I32) b.writeInt32LE(v as number);
    else b.writeFloatLE(v as number);
    this.raw(b);
  }
  done(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
