/** Difficulty: 1 one-expression arithmetic and comparisons, 2 conditionals and built-ins, 3 loops, 4 recursion, objects, classes. */
export type Level = 1 | 2 | 3 | 4;

/** A kind's parameterisation ("multiply by 3", "clamp to [0, 10]", "count the 'a's"). */
export type Param = number | string | readonly [number, number];

export type Language = 'javascript' | 'typescript';

/** What a phrasing or a body is written from. */
export interface Naming {
  /** The function's (method's) name. */
  name: string;
  /** Parameter names, in order (a method's own parameters for a class kind). */
  p: readonly string[];
  /** The parameterisation, for kinds that have one. */
  v?: Param;
  /** TypeScript: locals get type annotations where TypeScript needs them. */
  ts: boolean;
}

/** A doc line (without the comment markers) for one naming. */
export type Phrasing = (n: Naming) => string;

/** Shared by function and class kinds. By convention the LAST phrasing and the LAST name are held out. */
interface KindBase {
  id: string;
  level: Level;
  /** Doc lines; the last one is held out (never trained on). */
  phrasings: readonly Phrasing[];
  /** Parameterisations seen in training, for kinds that have them. */
  values?: readonly Param[];
  /** Parameterisations held out (never trained on). */
  heldValues?: readonly Param[];
  /** Body lines, nested lines indented by two spaces per level, without the closing brace. */
  body: (n: Naming) => readonly string[];
}

/** A top-level function. */
export interface FunctionKind extends KindBase {
  type: 'function';
  /** Function names; `{v}` / `{V}` stand for the parameterisation (capitalised). The last is held out. */
  names: readonly string[];
  /** Parameter-name sets (all trained). */
  params: readonly (readonly string[])[];
  /** TypeScript annotations of the parameters and the return type. */
  types: { params: readonly string[]; returns: string };
  /** One argument tuple for the function (for the parameterisation `v`). */
  inputs: (rng: Rng, v: Param | undefined) => unknown[];
}

/** A class with a constructor and the method to complete (an instance method). */
export interface ClassKind extends KindBase {
  type: 'class';
  /** [class name, method name]; the last pair is held out. */
  names: readonly (readonly [string, string])[];
  /** A doc line above the class. */
  classDoc: string;
  /** Fields the constructor sets, with their TypeScript types. */
  fields: readonly { name: string; type: string }[];
  /** Constructor parameter-name sets, their TypeScript types, and the constructor body. */
  ctorParams: readonly (readonly string[])[];
  ctorTypes: readonly string[];
  ctorBody: (p: readonly string[]) => readonly string[];
  /** The method's parameter-name sets (one empty set for none), their types and return type. */
  params: readonly (readonly string[])[];
  types: { params: readonly string[]; returns: string };
  /** Constructor arguments and method arguments of one test. */
  inputs: (rng: Rng) => { ctor: unknown[]; args: unknown[] };
}

export type TaskKind = FunctionKind | ClassKind;

/** A seeded random source (mulberry32): the same seed gives the same sequence everywhere. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An array of `length` integers in [lo, hi]. */
  ints(length: number, lo: number, hi: number): number[] {
    return Array.from({ length }, () => this.int(lo, hi));
  }
}
