// Which node-llama-cpp prebuilt binaries a platform's .vsix carries. Pure.

/** VS Code's platform targets that node-llama-cpp has prebuilt binaries for. */
export type VsixTarget = 'linux-x64' | 'linux-arm64' | 'linux-armhf' | 'darwin-x64' | 'darwin-arm64' | 'win32-x64' | 'win32-arm64';

/**
 * The `@node-llama-cpp/*` packages shipped per target: the CPU build and, where there is one,
 * Vulkan. CUDA builds (180–360 MB each) only with `cuda`.
 */
const BINARIES: Record<VsixTarget, { always: string[]; cuda: string[] }> = {
  'linux-x64': { always: ['linux-x64', 'linux-x64-vulkan'], cuda: ['linux-x64-cuda', 'linux-x64-cuda-ext'] },
  'linux-arm64': { always: ['linux-arm64'], cuda: [] },
  'linux-armhf': { always: ['linux-armv7l'], cuda: [] },
  'darwin-x64': { always: ['mac-x64'], cuda: [] },
  'darwin-arm64': { always: ['mac-arm64-metal'], cuda: [] },
  'win32-x64': { always: ['win-x64', 'win-x64-vulkan'], cuda: ['win-x64-cuda', 'win-x64-cuda-ext'] },
  'win32-arm64': { always: ['win-arm64'], cuda: [] },
};

export const VSIX_TARGETS = Object.keys(BINARIES) as VsixTarget[];

/** The target of the machine this runs on (`process.platform`, `process.arch`); throws for one without binaries. */
export function hostTarget(platform: string = process.platform, arch: string = process.arch): VsixTarget {
  const target = `${platform}-${arch === 'arm' ? 'armhf' : arch}`;
  if (!(VSIX_TARGETS as string[]).includes(target)) {
    throw new Error(`node-llama-cpp has no prebuilt binaries for ${platform}-${arch}; targets: ${VSIX_TARGETS.join(', ')}`);
  }
  return target as VsixTarget;
}

/** The `@node-llama-cpp/<name>` packages a target's .vsix ships. */
export function shippedBinaries(target: VsixTarget, { cuda = false } = {}): string[] {
  const { always, cuda: cudaBuilds } = BINARIES[target];
  return cuda ? [...always, ...cudaBuilds] : always;
}

/**
 * `.vscodeignore` lines that leave out the installed `@node-llama-cpp/*` packages a target does
 * not ship (npm installs several per OS: other CPUs, CUDA).
 */
export function binaryIgnoreLines(installed: string[], target: VsixTarget, options: { cuda?: boolean } = {}): string[] {
  const keep = new Set(shippedBinaries(target, options));
  return installed.filter((name) => !keep.has(name)).map((name) => `node_modules/@node-llama-cpp/${name}/**`);
}
