import os from 'node:os';
import { getLlamaRuntime } from '../model/llamaRuntime';
import type { HardwareFigures } from './presets';

/** What the machine offers, as node-llama-cpp sees it, plus the GPU's device names. */
export interface Hardware extends HardwareFigures {
  /** GPU device names (empty without a GPU). */
  gpuNames: string[];
}

/**
 * Reads the machine's figures: the GPU backend llama.cpp picked (`llama.gpu`), its VRAM
 * (`llama.getVramState()`), total RAM and usable CPU cores. Starts the shared llama.cpp runtime
 * when it is not running yet (~0.5 s); throws ModelLoadError when it cannot start.
 */
export async function detectHardware(): Promise<Hardware> {
  const { llama } = await getLlamaRuntime({ gpu: 'auto' });
  const cpu = { ramBytes: os.totalmem(), cpuCores: os.availableParallelism() };
  if (!llama.gpu) return { gpu: false, gpuNames: [], ...cpu };
  const [vram, gpuNames] = await Promise.all([llama.getVramState(), llama.getGpuDeviceNames().catch(() => [])]);
  return { gpu: llama.gpu, vramTotalBytes: vram.total, vramFreeBytes: vram.free, gpuNames, ...cpu };
}
