/** Where the QuickJS wasm module keeps its static data and its C stack, read from the binary. */
export interface WasmLayout {
  /** Initial value of the stack pointer: the top of the C stack, which grows down from here. */
  stackBase: number;
  /** End of the highest initialised data segment (zero-initialised data follows it). */
  dataEnd: number;
}

const GLOBAL_SECTION = 6;
const DATA_SECTION = 11;
const I32 = 0x7f;
const I32_CONST = 0x41;
const END = 0x0b;

/**
 * Reads the memory layout of an emscripten-built wasm module: its one mutable global is the
 * stack pointer (`__stack_pointer`), its active data segments hold the static data. Throws
 * when the module does not have that shape, so a QuickJS build laid out otherwise is noticed.
 */
export function readWasmLayout(bytes: Uint8Array): WasmLayout {
  const reader = new Reader(bytes, 8);
  let stackBase: number | undefined;
  let dataEnd = 0;
  while (!reader.done()) {
    const id = reader.byte();
    const end = reader.u32() + reader.at;
    if (id === GLOBAL_SECTION) stackBase = readStackBase(reader);
    if (id === DATA_SECTION) dataEnd = readDataEnd(reader);
    reader.at = end;
  }
  if (stackBase === undefined) throw new Error('the QuickJS wasm module has no stack pointer global');
  return { stackBase, dataEnd };
}

function readStackBase(reader: Reader): number {
  const bases: number[] = [];
  for (let count = reader.u32(); count > 0; count--) {
    const type = reader.byte();
    const mutable = reader.byte() === 1;
    const init = readConstInit(reader);
    if (mutable && type === I32) bases.push(init);
  }
  if (bases.length !== 1) throw new Error(`the QuickJS wasm module has ${bases.length} mutable globals, expected the stack pointer alone`);
  return bases[0];
}

function readDataEnd(reader: Reader): number {
  let end = 0;
  for (let count = reader.u32(); count > 0; count--) {
    const flags = reader.u32();
    if (flags === 2) reader.u32(); // memory index
    // A passive segment (flags 1) is copied at run time, by code: the build has none.
    if (flags === 1) throw new Error('unexpected passive data segment in the QuickJS module');
    const offset = readConstInit(reader);
    const length = reader.u32();
    reader.at += length;
    end = Math.max(end, offset + length);
  }
  return end;
}

/** An `i32.const N; end` initialiser's N (the only kind an emscripten build uses for these). */
function readConstInit(reader: Reader): number {
  if (reader.byte() !== I32_CONST) throw new Error('unexpected wasm initialiser in the QuickJS module');
  const value = reader.s32();
  if (reader.byte() !== END) throw new Error('unexpected wasm initialiser in the QuickJS module');
  return value;
}

class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
  ) {}

  done(): boolean {
    return this.at >= this.bytes.length;
  }

  byte(): number {
    return this.bytes[this.at++];
  }

  u32(): number {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
    }
  }

  s32(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.byte();
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return shift < 32 && b & 0x40 ? result | (-1 << shift) : result;
  }
}
