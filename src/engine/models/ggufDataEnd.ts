import type { GgufTensorInfo } from 'node-llama-cpp';

// [elements per block, bytes per block] of the ggml tensor types whose layout is fixed (ggml's
// type traits). Other types (the IQ family, repacked variants) only bound the end from below.
const BLOCK_LAYOUT: Readonly<Record<number, readonly [number, number]>> = {
  0: [1, 4], // F32
  1: [1, 2], // F16
  2: [32, 18], // Q4_0
  3: [32, 20], // Q4_1
  6: [32, 22], // Q5_0
  7: [32, 24], // Q5_1
  8: [32, 34], // Q8_0
  9: [32, 36], // Q8_1
  10: [256, 84], // Q2_K
  11: [256, 110], // Q3_K
  12: [256, 144], // Q4_K
  13: [256, 176], // Q5_K
  14: [256, 210], // Q6_K
  15: [256, 292], // Q8_K
  24: [1, 1], // I8
  25: [1, 2], // I16
  26: [1, 4], // I32
  27: [1, 8], // I64
  28: [1, 8], // F64
  30: [1, 2], // BF16
};

/** Bytes of a tensor's data, or undefined when its type's layout is not known here. */
export function tensorDataBytes(tensor: Pick<GgufTensorInfo, 'ggmlType' | 'dimensions'>): number | undefined {
  const layout = BLOCK_LAYOUT[tensor.ggmlType];
  const [first = 1, ...rest] = tensor.dimensions.map(Number);
  if (!layout || first % layout[0] !== 0) return undefined;
  return (first / layout[0]) * layout[1] * rest.reduce((product, n) => product * n, 1);
}

/**
 * The smallest file size that holds every tensor's data, from the GGUF header alone (no model
 * load): a file shorter than this is truncated. Tensors of unknown types count from their start.
 */
export function ggufDataEnd(infoEndOffset: number, tensors: readonly Pick<GgufTensorInfo, 'ggmlType' | 'dimensions' | 'fileOffset'>[]): number {
  return tensors.reduce((end, tensor) => Math.max(end, Number(tensor.fileOffset) + (tensorDataBytes(tensor) ?? 0)), infoEndOffset);
}
