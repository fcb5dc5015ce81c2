import type { Llama, LlamaCompletion } from 'node-llama-cpp';
import { ModelLoadError } from '../errors';

/** How the process-wide llama.cpp runtime is started. */
export interface LlamaRuntimeOptions {
  /** `"auto"` uses a GPU (CUDA, Vulkan, Metal) when one works; `false` forces the CPU. Default `"auto"`. */
  gpu?: 'auto' | false;
}

/** The parts of node-llama-cpp that the backend needs, loaded once. */
export interface LlamaRuntime {
  llama: Llama;
  LlamaCompletion: typeof LlamaCompletion;
}

// One runtime per GPU mode for the whole process: getLlama loads a native binary and probes
// the GPU, which takes ~0.5 s and must not be repeated per model.
const runtimes = new Map<'auto' | false, Promise<LlamaRuntime>>();

/** The shared llama.cpp runtime, started on first use. */
export function getLlamaRuntime({ gpu = 'auto' }: LlamaRuntimeOptions = {}): Promise<LlamaRuntime> {
  let runtime = runtimes.get(gpu);
  if (!runtime) {
    const started = startRuntime(gpu);
    runtime = started;
    runtimes.set(gpu, started);
    // A failure (e.g. no binary for this platform) may be fixed without a restart: retry next time.
    started.catch(() => {
      if (runtimes.get(gpu) === started) runtimes.delete(gpu);
    });
  }
  return runtime;
}

async function startRuntime(gpu: 'auto' | false): Promise<LlamaRuntime> {
  try {
    // node-llama-cpp is ESM-only and our bundles are CommonJS: esbuild keeps this a real import().
    const { getLlama, LlamaCompletion } = await import('node-llama-cpp');
    // build 'never': an editor must not silently start a long llama.cpp source build.
    const llama = await getLlama({ gpu, build: 'never', skipDownload: true, progressLogs: false });
    return { llama, LlamaCompletion };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelLoadError(
      `node-llama-cpp could not start llama.cpp (${reason}) — reinstall the extension for this platform, or set GPU use off`,
    );
  }
}
