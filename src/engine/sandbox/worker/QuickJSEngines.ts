import { readFile } from 'node:fs/promises';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC } from 'quickjs-emscripten';
import { PristineVM, type WasmMemory } from './PristineVM';
import { readWasmLayout, type WasmLayout } from './wasmLayout';

const WASM_PAGE_BYTES = 64 * 1024;

/** The parts of the WebAssembly global used here; @types/node 20 leaves it undeclared. */
interface WasmGlobal {
  compile(bytes: Uint8Array): Promise<unknown>;
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;

/**
 * Wasm memory beyond the QuickJS heap limit, in bytes: the module's static data, the C
 * stack and allocator overhead (the build's own default memory is 16 MiB).
 */
const OVERHEAD_BYTES = 16 * 1024 * 1024;

/** The smallest memory the prebuilt module accepts (its declared minimum, 256 pages). */
const INITIAL_WASM_BYTES = 16 * 1024 * 1024;

/** wasm32 ceiling of the prebuilt module (32768 pages). */
const MAX_WASM_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * QuickJS VMs (PristineVM) in wasm memories with a FIXED maximum, one per memory limit.
 *
 * quickjs-emscripten 0.32's `setMemoryLimit` bounds single allocations only (the
 * emscripten build reports a usable size of 0, so QuickJS's byte count never grows;
 * justjake/quickjs-emscripten#271): a loop of small allocations would grow the wasm memory
 * to 2 GiB. A memory whose `maximum` is the limit cannot grow past it, so malloc fails and
 * QuickJS throws "out of memory" there. Such a memory is sized for one limit; a request with
 * another limit gets a fresh instance of the same compiled module (~30 ms) and builds its VM
 * anew. The memory starts at the module's minimum and grows as runs need it.
 */
export class QuickJSEngines {
  private compiled: Promise<{ module: unknown; layout: WasmLayout }> | undefined;
  private current: { bytes: number; vm: Promise<PristineVM> } | undefined;

  /** `wasmPath`: the QuickJS wasm file (dist/quickjs.wasm next to the bundled worker). */
  constructor(private readonly wasmPath: string) {}

  /** A VM whose wasm memory holds a QuickJS heap of `memoryBytes`. */
  forLimit(memoryBytes: number): Promise<PristineVM> {
    const bytes = memoryBytesFor(memoryBytes);
    if (this.current?.bytes !== bytes) {
      // The previous instance (and its memory) is dropped: runs are sequential.
      this.current = { bytes, vm: this.instantiate(bytes) };
    }
    return this.current.vm;
  }

  private async instantiate(bytes: number): Promise<PristineVM> {
    this.compiled ??= readFile(this.wasmPath).then(async (data) => ({ module: await wasm.compile(data), layout: readWasmLayout(data) }));
    const { module, layout } = await this.compiled;
    const memory = new wasm.Memory({ initial: INITIAL_WASM_BYTES / WASM_PAGE_BYTES, maximum: bytes / WASM_PAGE_BYTES });
    const variant = newVariant(RELEASE_SYNC, { wasmModule: module, wasmMemory: memory });
    return PristineVM.create(await newQuickJSWASMModuleFromVariant(variant), memory, layout);
  }
}

function memoryBytesFor(heapBytes: number): number {
  const pages = Math.ceil((heapBytes + OVERHEAD_BYTES) / WASM_PAGE_BYTES);
  return Math.min(pages * WASM_PAGE_BYTES, MAX_WASM_BYTES);
}
