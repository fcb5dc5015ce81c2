// The three toy models: architecture and training schedule of each (see models/toy/README.md
// for how these were chosen and what they reached).
import type { ToySize } from './toyGguf';

/** How one size is trained by trainToy.py. */
export interface ToyTraining extends ToySize {
  /** Optimizer steps; each step is `batch` windows of CONTEXT tokens. */
  steps: number;
  batch: number;
  /** Peak learning rate (AdamW), reached after `warmup` steps, then cosine decay to `lrMin`. */
  lr: number;
  lrMin: number;
  warmup: number;
  /** Seed of the initialisation and of the document order. */
  seed: number;
}

/** Tokens per training window, and the models' context length. */
export const CONTEXT = 256;
/** BPE merges learned on the training text (vocabulary = 256 bytes + 4 control tokens + merges). */
export const MERGES = 1500;
/** Megabytes of training text the corpus generator writes. */
export const TRAIN_MB = 20;
export const VALID_MB = 0.3;
export const CORPUS_SEED = 1;

// Sized for about an hour of training on one CPU core each (PyTorch, 2 cores in all): the same
// ~2.0M training tokens for every size, so that what differs is the model.
export const SIZES: readonly ToyTraining[] = [
  { name: 'toy-s', nEmbd: 32, nBlocks: 2, nHeads: 4, nFf: 96, steps: 1000, batch: 8, lr: 4e-3, lrMin: 2e-4, warmup: 50, seed: 11 },
  { name: 'toy-m', nEmbd: 64, nBlocks: 4, nHeads: 4, nFf: 192, steps: 1000, batch: 8, lr: 3e-3, lrMin: 1.5e-4, warmup: 50, seed: 12 },
  { name: 'toy-l', nEmbd: 96, nBlocks: 4, nHeads: 4, nFf: 256, steps: 1000, batch: 8, lr: 2.5e-3, lrMin: 1.2e-4, warmup: 50, seed: 13 },
];
