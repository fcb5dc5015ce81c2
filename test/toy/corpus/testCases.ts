import { literal } from './literal';
import { renderVariant, type Variant } from './renderVariant';
import type { Rng } from './TaskKind';

/** One test of a variant: the call's arguments as source and the expected value, computed in Node. */
export interface TestCase {
  /** Constructor arguments (class kinds) and call arguments, as source. */
  ctor?: string;
  args: string;
  expected: string;
}

const compiled = new Map<string, unknown>();

/** The variant's declaration evaluated in Node: its function, or its class. */
function reference(variant: Variant): unknown {
  const js = renderVariant({ ...variant.choice, language: 'javascript' }).source;
  let value = compiled.get(js);
  if (value === undefined) {
    value = new Function(`${js}\nreturn ${variant.className ?? variant.name};`)();
    compiled.set(js, value);
  }
  return value;
}

/** The variant's reference implementation (its JavaScript source, run in Node) on one input. */
export function callReference(variant: Variant, input: { ctor?: unknown[]; args: unknown[] }): unknown {
  if (variant.className) {
    const Class = reference(variant) as new (...a: unknown[]) => Record<string, (...a: unknown[]) => unknown>;
    return new Class(...(input.ctor ?? []))[variant.name](...input.args);
  }
  return (reference(variant) as (...a: unknown[]) => unknown)(...input.args);
}

/** Runs the reference implementation on one input; undefined when the input or result has no literal (NaN, -0 …). */
function runCase(variant: Variant, rng: Rng): TestCase | undefined {
  const { kind } = variant.choice;
  const input = kind.type === 'class' ? kind.inputs(rng) : { ctor: undefined, args: kind.inputs(rng, variant.choice.value) };
  try {
    // Source first: the reference may mutate its arguments (a stack's items).
    const ctor = input.ctor && input.ctor.map(literal).join(', ');
    const args = input.args.map(literal).join(', ');
    const result = callReference(variant, structuredClone(input));
    return { ...(ctor === undefined ? {} : { ctor }), args, expected: literal(result) };
  } catch {
    return undefined;
  }
}

/** Up to `count` test cases with distinct inputs (fewer when the kind has fewer distinct inputs). */
export function testCases(variant: Variant, rng: Rng, count: number): TestCase[] {
  const cases: TestCase[] = [];
  const seen = new Set<string>();
  for (let tries = 0; tries < count * 30 && cases.length < count; tries++) {
    const test = runCase(variant, rng);
    const key = test && `${test.ctor ?? ''}|${test.args}`;
    if (!test || seen.has(key!)) continue;
    seen.add(key!);
    cases.push(test);
  }
  return cases;
}

/**
 * A test as Cascade's test prompt asks for it: `assert.deepStrictEqual(name(args), expected);`,
 * or for a method a block that builds the instance (named as the engine names it).
 */
export function assertText(variant: Variant, test: TestCase, instance?: string): string {
  if (!variant.className) return `assert.deepStrictEqual(${variant.name}(${test.args}), ${test.expected});`;
  const obj = instance ?? 'instance';
  return `{\n  const ${obj} = new ${variant.className}(${test.ctor});\n  assert.deepStrictEqual(${obj}.${variant.name}(${test.args}), ${test.expected});\n}`;
}
