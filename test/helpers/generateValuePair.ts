// Random pairs of JavaScript values, written as source, for property tests of `assert`: the
// same source builds the same value in Node and in the sandbox. A pair is a value and either a
// rebuilt copy, the same reference, or a copy with a small mutation, so that both equal and
// unequal pairs are common.

/** Declarations the value sources refer to; put them before the values in a program. */
export const VALUE_PRELUDE = [
  'class A { constructor() { this.k = 1; } }',
  'class B { constructor() { this.k = 1; } }',
  "const sym = Symbol('sym'), other = Symbol('other');",
  'function fn() {}',
].join('\n');

type Value =
  | { t: 'prim'; src: string }
  | { t: 'array'; items: (Value | undefined)[] }
  | { t: 'object'; entries: [string, Value][]; proto: string }
  | { t: 'date'; ms: number }
  | { t: 'regexp'; source: string; flags: string; lastIndex: number }
  | { t: 'map'; entries: [Value, Value][] }
  | { t: 'set'; items: Value[] }
  | { t: 'boxed'; src: string }
  | { t: 'typed'; ctor: string; items: string[] }
  | { t: 'bytes'; view: 'ArrayBuffer' | 'DataView'; items: string[] }
  | { t: 'error'; ctor: string; message: string; cause?: Value }
  | { t: 'cycle'; base: Value & { t: 'object' | 'array' } };

type Random = () => number;

/** Primitives, with the ones loose equality confuses (`1 == '1' == true`, `0 == '' == '0'`). */
const PRIMITIVES = ['0', '-0', '1', '-1', '1.5', 'NaN', 'Infinity', "'1'", "'0'", "''", "'a'", "'b'", "'-0'",
  "'NaN'", "' 1 '", 'true', 'false', 'null', 'undefined', '1n', '0n', "Symbol.for('s')", 'sym', 'fn'];
/** Keys; `sym`/`other` are symbol keys (computed), the rest string keys. */
const KEYS = ['a', 'b', 'c', '0', '1', 'length', 'sym', 'other'];
const PROTOS = ['Object.prototype', 'null', 'A.prototype', 'B.prototype', 'Array.prototype'];
const TYPED = ['Uint8Array', 'Int8Array', 'Int16Array', 'Float32Array', 'Float64Array'];
const ERRORS = ['Error', 'TypeError', 'RangeError'];
const FLAGS = ['', 'g', 'i', 'gi'];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function primitive(random: Random): Value {
  return { t: 'prim', src: pick(random, PRIMITIVES) };
}

function typedItems(random: Random, ctor: string): string[] {
  const pool = ctor.startsWith('Float') ? ['0', '-0', '1', '1.5', 'NaN', '-2'] : ['0', '1', '2', '-1', '255'];
  return Array.from({ length: Math.floor(random() * 4) }, () => pick(random, pool));
}

/** A random value, nested at most `depth` more levels. */
function value(random: Random, depth: number): Value {
  const kind = depth <= 0 ? 0 : Math.floor(random() * 13);
  const children = (): Value[] => Array.from({ length: Math.floor(random() * 4) }, () => value(random, depth - 1));
  switch (kind) {
    case 1: return { t: 'array', items: children().map((item) => (random() < 0.15 ? undefined : item)) };
    case 2: return { t: 'object', entries: children().map((item) => [pick(random, KEYS), item]), proto: random() < 0.7 ? 'Object.prototype' : pick(random, PROTOS) };
    case 3: return { t: 'date', ms: pick(random, [0, 1, 1e12, NaN]) };
    case 4: return { t: 'regexp', source: pick(random, ['a', 'a+', '\\d']), flags: pick(random, FLAGS), lastIndex: random() < 0.8 ? 0 : 1 };
    case 5: return { t: 'map', entries: children().map((item) => [random() < 0.7 ? primitive(random) : value(random, depth - 1), item]) };
    case 6: return { t: 'set', items: children() };
    case 7: return { t: 'boxed', src: pick(random, ['1', '0', '-0', "'a'", "''", 'true', 'false', '1n', 'sym']) };
    case 8: { const ctor = pick(random, TYPED); return { t: 'typed', ctor, items: typedItems(random, ctor) }; }
    case 9: return { t: 'error', ctor: pick(random, ERRORS), message: pick(random, ['x', 'y', '']), cause: random() < 0.3 ? value(random, depth - 1) : undefined };
    case 11: return { t: 'bytes', view: random() < 0.5 ? 'ArrayBuffer' : 'DataView', items: typedItems(random, 'Uint8Array') };
    case 10: {
      const base = value(random, depth - 1);
      if (base.t === 'object' || base.t === 'array') return { t: 'cycle', base };
      return { t: 'array', items: [base] };
    }
    default: return primitive(random);
  }
}

function key(name: string): string {
  return name === 'sym' || name === 'other' ? `[${name}]` : JSON.stringify(name);
}

/** JavaScript source of an expression that builds `v`. */
function source(v: Value): string {
  switch (v.t) {
    case 'prim': return v.src;
    case 'array': {
      const items = v.items.map((item) => (item ? source(item) : ''));
      return `[${items.join(', ')}${v.items.length > 0 && !v.items[v.items.length - 1] ? ',' : ''}]`;
    }
    case 'object': {
      const literal = `{ ${v.entries.map(([k, item]) => `${key(k)}: ${source(item)}`).join(', ')} }`;
      return v.proto === 'Object.prototype' ? literal : `Object.assign(Object.create(${v.proto}), ${literal})`;
    }
    case 'date': return `new Date(${v.ms})`;
    case 'regexp': {
      const re = `new RegExp(${JSON.stringify(v.source)}, '${v.flags}')`;
      return v.lastIndex === 0 ? re : `Object.assign(${re}, { lastIndex: ${v.lastIndex} })`;
    }
    case 'map': return `new Map([${v.entries.map(([k, item]) => `[${source(k)}, ${source(item)}]`).join(', ')}])`;
    case 'set': return `new Set([${v.items.map(source).join(', ')}])`;
    case 'boxed': return `Object(${v.src})`;
    case 'typed': return `new ${v.ctor}([${v.items.join(', ')}])`;
    case 'bytes': {
      const buffer = `new Uint8Array([${v.items.join(', ')}]).buffer`;
      return v.view === 'ArrayBuffer' ? buffer : `new DataView(${buffer})`;
    }
    case 'error': return `new ${v.ctor}(${JSON.stringify(v.message)}${v.cause ? `, { cause: ${source(v.cause)} }` : ''})`;
    case 'cycle': {
      const close = v.base.t === 'array' ? 'o.push(o)' : 'o.self = o';
      return `(() => { const o = ${source(v.base)}; ${close}; return o; })()`;
    }
  }
}

/** Replaces item `index` of `items` (a copy) by `make(old)`; appends when the list is empty. */
function replaceAt<T>(items: T[], index: number, make: (old: T | undefined) => T): T[] {
  const copy = items.slice();
  copy[items.length === 0 ? 0 : index % items.length] = make(items[index % Math.max(1, items.length)]);
  return copy;
}

/** A copy of `v` with one small change (which may still be equal, e.g. a reordering). */
function mutate(random: Random, v: Value): Value {
  const at = Math.floor(random() * 8);
  const change = <T>(old: T | undefined, fallback: () => T, inner: (o: T) => T): T => (old === undefined ? fallback() : inner(old));
  if (random() < 0.08) return value(random, 2);
  switch (v.t) {
    case 'prim': return primitive(random);
    case 'array':
      if (at < 2) return { ...v, items: v.items.slice(0, -1) };
      if (at < 3) return { ...v, items: [...v.items, primitive(random)] };
      if (at < 4) return { ...v, items: v.items.map((item): Value => item ?? { t: 'prim', src: 'undefined' }) };
      if (at < 5) return { ...v, items: v.items.slice().reverse() };
      return { ...v, items: replaceAt(v.items, at, (old) => change(old, () => primitive(random), (o) => mutate(random, o))) };
    case 'object':
      if (at < 1) return { ...v, proto: pick(random, PROTOS) };
      if (at < 2) return { ...v, entries: v.entries.slice(1) };
      if (at < 3) return { ...v, entries: v.entries.slice().reverse() };
      if (at < 4) return { ...v, entries: replaceAt(v.entries, at, (old) => [pick(random, KEYS), old?.[1] ?? primitive(random)]) };
      return { ...v, entries: replaceAt(v.entries, at, (old) => [old?.[0] ?? pick(random, KEYS), change(old?.[1], () => primitive(random), (o) => mutate(random, o))]) };
    case 'date': return { ...v, ms: pick(random, [v.ms + 1, NaN, 0]) };
    case 'regexp':
      if (at < 3) return { ...v, flags: pick(random, FLAGS) };
      if (at < 5) return { ...v, lastIndex: 1 - v.lastIndex };
      return { ...v, source: pick(random, ['a', 'b', '\\d']) };
    case 'map':
      if (at < 2) return { ...v, entries: v.entries.slice(1) };
      if (at < 3) return { ...v, entries: v.entries.slice().reverse() };
      if (at < 5) return { ...v, entries: replaceAt(v.entries, at, (old) => [change(old?.[0], () => primitive(random), (o) => mutate(random, o)), old?.[1] ?? primitive(random)]) };
      return { ...v, entries: replaceAt(v.entries, at, (old) => [old?.[0] ?? primitive(random), change(old?.[1], () => primitive(random), (o) => mutate(random, o))]) };
    case 'set':
      if (at < 2) return { ...v, items: v.items.slice(1) };
      if (at < 3) return { ...v, items: v.items.slice().reverse() };
      return { ...v, items: replaceAt(v.items, at, (old) => change(old, () => primitive(random), (o) => mutate(random, o))) };
    case 'boxed': return at < 3 ? { t: 'prim', src: v.src } : { ...v, src: pick(random, ['1', '0', '-0', "'1'", "'a'", 'true', '1n']) };
    case 'typed':
      if (at < 3) return { ...v, ctor: pick(random, TYPED) };
      if (at < 4) return { t: 'array', items: v.items.map((src) => ({ t: 'prim', src })) };
      return { ...v, items: replaceAt(v.items, at, () => pick(random, ['0', '-0', '1', 'NaN'])) };
    case 'bytes':
      if (at < 2) return { ...v, view: v.view === 'ArrayBuffer' ? 'DataView' : 'ArrayBuffer' };
      if (at < 3) return { t: 'typed', ctor: 'Uint8Array', items: v.items };
      return { ...v, items: replaceAt(v.items, at, () => pick(random, ['0', '1', '2'])) };
    case 'error':
      if (at < 2) return { ...v, ctor: pick(random, ERRORS) };
      if (at < 4) return { ...v, message: pick(random, ['x', 'y', '']) };
      if (at < 5) return { t: 'object', entries: [['message', { t: 'prim', src: JSON.stringify(v.message) }]], proto: `${v.ctor}.prototype` };
      return { ...v, cause: change(v.cause, () => primitive(random), (o) => mutate(random, o)) };
    case 'cycle': return at < 3 ? v.base : { t: 'cycle', base: mutate(random, v.base) as typeof v.base };
  }
}

/** Sources of two values: `b` is `'a'` when it is the same reference. */
export function generateValuePair(random: Random): { a: string; b: string } {
  const a = value(random, 3);
  const roll = random();
  if (roll < 0.1) return { a: source(a), b: 'a' };
  if (roll < 0.4) return { a: source(a), b: source(a) };
  let b = mutate(random, a);
  if (random() < 0.3) b = mutate(random, b);
  return { a: source(a), b: source(b) };
}
