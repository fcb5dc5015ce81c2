// Hardware figures as people read them. Pure.
import type { Hardware } from './hardware';

/** How llama.cpp's GPU backends are called in messages. */
export const GPU_BACKEND_NAMES = { cuda: 'CUDA', vulkan: 'Vulkan', metal: 'Metal' } as const;

/** Bytes as GB (GiB, as GPU tools report them): one decimal below 10 GB, e.g. "7.6 GB", "24 GB". */
export function formatGB(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return `${gib.toFixed(gib < 10 ? 1 : 0)} GB`;
}

/** A file size as people read it: KB below 1 MB, MB (one decimal) below 1 GB, else {@link formatGB}. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 ** 2) return `${Math.ceil(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return formatGB(bytes);
}

/** One line for the settings panel, e.g. "NVIDIA H100 (CUDA, 79 GB VRAM, 78 GB free) · 126 GB RAM · 16 CPU cores". */
export function describeHardware(hardware: Hardware): string {
  const machine = `${formatGB(hardware.ramBytes)} RAM · ${hardware.cpuCores} CPU cores`;
  if (!hardware.gpu) return `No GPU that llama.cpp can use · ${machine}`;
  const name = hardware.gpuNames.length > 0 ? hardware.gpuNames.join(', ') : 'GPU';
  const vram = hardware.vramTotalBytes === undefined ? '' : `, ${formatGB(hardware.vramTotalBytes)} VRAM`;
  const free = hardware.vramFreeBytes === undefined ? '' : `, ${formatGB(hardware.vramFreeBytes)} free`;
  return `${name} (${GPU_BACKEND_NAMES[hardware.gpu]}${vram}${free}) · ${machine}`;
}
