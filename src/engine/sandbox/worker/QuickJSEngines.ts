import { readFile } from 'node:fs/promises';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, type QuickJSWASMModule } from 'quickjs-emscripten';

const WASM_PAGE_BYTES = 64 * 1024;

/** The parts of the WebAssembly global used here; @types/node 20 leaves it undeclared. */
interface WasmGlobal {
  compile(bytes: Uint8Array): Promise<unknown>;
  Memory: new (descriptor: { initial: number; maximum: number }) => unknown;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;

/**
 * Wasm memory beyond the QuickJS heap limit, in bytes: the module's static data, the C
 * stack and allocator overhead (the build's own default memory is 16 MiB).
 */
const OVERHEAD_BYTES = 16 * 1024 * 1024;

/** wasm32 ceiling of the prebuilt module (32768 pages). */
const MAX_WASM_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * QuickJS instances with FIXED-size wasm memories, one per memory limit.
 *
 * quickjs-emscripten 0.32's `setMemoryLimit` bounds single allocations only (the
 * emscripten build reports a usable size of 0, so QuickJS's byte count never grows;
 * justjake/quickjs-emscripten#271): a loop of small allocations would grow the wasm memory
 * to 2 GiB. A memory whose `maximum` equals its `initial` size cannot grow, so malloc fails
 * and QuickJS throws "out of memory" at the limit. Such a memory is sized for one limit; a
 * request with another limit gets a fresh instance of the same compiled module (~30 ms).
 * The pages are only virtual until touched.
 */
export class QuickJSEngines {
  private compiled: Promise<unknown> | undefined;
  private current: { bytes: number; engine: Promise<QuickJSWASMModule> } | undefined;

  /** `wasmPath`: the QuickJS wasm file (dist/quickjs.wasm next to the bundled worker). */
  constructor(private readonly wasmPath: string) {}

  /** An engine whose wasm memory holds a QuickJS heap of `memoryBytes`. */
  forLimit(memoryBytes: number): Promise<QuickJSWASMModule> {
    const bytes = memoryBytesFor(memoryBytes);
    if (this.current?.bytes !== bytes) {
      // The previous instance (and its memory) is dropped: runs are sequential.
      this.current = { bytes, engine: this.instantiate(bytes) };
    }
    return this.current.engine;
  }

  private async instantiate(bytes: number): Promise<QuickJSWASMModule> {
    this.compiled ??= readFile(this.wasmPath).then((data) => wasm.compile(data));
    const pages = bytes / WASM_PAGE_BYTES;
    const variant = newVariant(RELEASE_SYNC, {
      wasmModule: await this.compiled,
      wasmMemory: new wasm.Memory({ initial: pages, maximum: pages }),
    });
    return newQuickJSWASMModuleFromVariant(variant);
  }
}

function memoryBytesFor(heapBytes: number): number {
  const pages = Math.ceil((heapBytes + OVERHEAD_BYTES) / WASM_PAGE_BYTES);
  return Math.min(pages * WASM_PAGE_BYTES, MAX_WASM_BYTES);
}
