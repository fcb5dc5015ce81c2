import type { QuickJSContext, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';
import type { ResolvedLimits } from '../limits';
import { type BoundRun, SandboxControl } from './SandboxControl';
import type { WasmLayout } from './wasmLayout';

/** The part of a `WebAssembly.Memory` used here; @types/node 20 leaves the type undeclared. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** Granularity of the memory image: one wasm page. */
const PAGE_BYTES = 64 * 1024;

/** The C stack of the QuickJS build: quickjs-emscripten links it with STACK_SIZE=5MB. */
const C_STACK_BYTES = 5 * 1024 * 1024;

/**
 * How much of the C stack, below its base, is not written back. Between calls the stack is
 * dead (the stack pointer is back at its base), so restoring it would only cost time (it is
 * most of the image). The stack's last 64 KiB is restored anyway, a margin over the layout
 * (a run reaches at most its QuickJS stack limit below the base, 4 MiB: MAX_STACK_BYTES).
 */
const SKIPPED_STACK_BYTES = C_STACK_BYTES - 64 * 1024;

/**
 * One QuickJS runtime and context, built once and then started afresh for every run from a
 * copy of its memory.
 *
 * Building it evaluates the prelude, compiles every lazy guest module and initialises the
 * assert module; then it copies the wasm memory from address 0 to the end of the last page
 * holding a non-zero byte: the module's static data, its C stack and the whole heap with the
 * allocator's bookkeeping (everything the allocator has handed out or tracks lies below its
 * last non-zero header). `begin()` writes that copy back before each run — all of it but the
 * dead part of the C stack — so every run starts from the same bytes: no global, prototype,
 * heap object, atom, pending job or free list of an earlier run survives, and the prelude
 * costs nothing per run (compiling it and the assert module was most of a small run's time).
 *
 * Outside the copy are the wasm instance (its code, and one mutable global: the C stack
 * pointer, back at its base whenever a call returns), the C stack below the base (dead
 * between calls: C code writes a frame before it reads it), memory above the image that an
 * earlier run used (free as far as the restored allocator knows; QuickJS initialises memory
 * before a program can read it, as it did when each run had a fresh runtime in a reused
 * instance), and the host side's wrappers: the runtime and context objects, the handles this
 * class keeps and the table of host functions, all made while building, holding no program
 * data. A run must therefore create no host function and release every handle it creates
 * before the next `begin()`. A run that crashes the wasm instance (a trap, a host stack
 * overflow) leaves it unusable: the worker is replaced.
 */
export class PristineVM {
  private constructor(
    private readonly memory: WasmMemory,
    /** The image: memory from 0 up to the dead part of the C stack, and from the stack's base on. */
    private readonly below: Uint8Array,
    private readonly above: { at: number; bytes: Uint8Array },
    readonly runtime: QuickJSRuntime,
    readonly context: QuickJSContext,
    private readonly control: SandboxControl,
  ) {}

  /**
   * Builds the VM in a fresh instance of `module` whose memory is `memory` (untouched but for
   * the module's own start-up: the image's end is found by scanning for non-zero bytes), laid
   * out as `layout` says. Throws if the layout is not the one the image relies on.
   */
  static create(module: QuickJSWASMModule, memory: WasmMemory, layout: WasmLayout): PristineVM {
    if (layout.dataEnd > layout.stackBase - C_STACK_BYTES) {
      throw new Error(`unexpected QuickJS wasm layout: static data ends at ${layout.dataEnd}, inside the ${C_STACK_BYTES}-byte C stack below ${layout.stackBase}`);
    }
    const runtime = module.newRuntime();
    const context = runtime.newContext();
    const control = SandboxControl.install(context);
    runtime.setInterruptHandler(() => control.shouldInterrupt());
    // quickjs-emscripten allocates the global object's handle on first use: make it part of the image.
    void context.global;
    const end = imageEnd(memory.buffer);
    if (end <= layout.stackBase) throw new Error('unexpected QuickJS wasm layout: no heap above the C stack');
    const below = new Uint8Array(memory.buffer, 0, layout.stackBase - SKIPPED_STACK_BYTES).slice();
    const above = { at: layout.stackBase, bytes: new Uint8Array(memory.buffer, layout.stackBase, end - layout.stackBase).slice() };
    return new PristineVM(memory, below, above, runtime, context, control);
  }

  /** Restores the image, applies `limits` and binds `run`; returns the control for the run. */
  begin(run: BoundRun, limits: ResolvedLimits): SandboxControl {
    // The view is made anew: the memory may have grown, which replaces its buffer.
    const memory = new Uint8Array(this.memory.buffer);
    memory.set(this.below);
    memory.set(this.above.bytes, this.above.at);
    this.runtime.setMemoryLimit(limits.memoryBytes);
    this.runtime.setMaxStackSize(limits.stackBytes);
    this.control.bind(run);
    return this.control;
  }

  /** Ends the run `begin` bound: host functions called after this throw. */
  end(): void {
    this.control.unbind();
  }
}

/** The end of the last page of `buffer` that holds a non-zero byte. */
function imageEnd(buffer: ArrayBuffer): number {
  const zero = new Uint8Array(PAGE_BYTES);
  for (let end = buffer.byteLength; end > 0; end -= PAGE_BYTES) {
    if (!Buffer.from(buffer, end - PAGE_BYTES, PAGE_BYTES).equals(zero)) return end;
  }
  return 0;
}
