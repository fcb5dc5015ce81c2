import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readWasmLayout } from '../../src/engine/sandbox/worker/wasmLayout';

/** Unsigned and signed LEB128, as the wasm binary format writes integers. */
function u32(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}
function s32(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}
/** The part of the WebAssembly global used here; @types/node 20 leaves it undeclared. */
const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

const section = (id: number, body: number[]): number[] => [id, ...u32(body.length), ...body];
const i32Const = (value: number): number[] => [0x41, ...s32(value), 0x0b];
const global = (mutable: boolean, value: number): number[] => [0x7f, mutable ? 1 : 0, ...i32Const(value)];
const segment = (offset: number, length: number): number[] => [0, ...i32Const(offset), ...u32(length), ...Array<number>(length).fill(7)];

function module(globals: number[][], segments: number[][]): Uint8Array {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const memory = section(5, [1, 0, 1]);
  const globalSection = section(6, [...u32(globals.length), ...globals.flat()]);
  const dataSection = section(11, [...u32(segments.length), ...segments.flat()]);
  return new Uint8Array([...header, ...memory, ...globalSection, ...dataSection]);
}

describe('readWasmLayout', () => {
  it('reads the stack pointer (the one mutable global) and the end of the static data', () => {
    const bytes = module([global(false, 5), global(true, 5_333_088)], [segment(1024, 16), segment(70_000, 300)]);
    // A valid module, so the reader is checked against what WebAssembly itself accepts.
    assert.ok(wasm.validate(bytes));
    assert.deepEqual(readWasmLayout(bytes), { stackBase: 5_333_088, dataEnd: 70_300 });
  });

  it('refuses a module whose globals leave the stack pointer in doubt', () => {
    assert.throws(() => readWasmLayout(module([global(true, 1), global(true, 2)], [])), /2 mutable globals/);
    assert.throws(() => readWasmLayout(module([global(false, 1)], [])), /0 mutable globals/);
    assert.throws(() => readWasmLayout(module([], [])), /0 mutable globals/);
  });

  it('finds, in the shipped QuickJS build, static data below its 5 MiB C stack', () => {
    const bytes = readFileSync(path.resolve(__dirname, '../../dist/quickjs.wasm'));
    const layout = readWasmLayout(bytes);
    assert.ok(layout.dataEnd > 0 && layout.dataEnd <= layout.stackBase - 5 * 1024 * 1024, JSON.stringify(layout));
  });
});
