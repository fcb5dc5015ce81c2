import assert from 'node:assert/strict';
import { parseAsserts } from '../../src/engine/testgen/parseAsserts';

const js = { language: 'javascript' as const, functionName: 'add', max: 10 };

describe('parseAsserts', () => {
  it('prepends the prefill the prompt ended with', async () => {
    const asserts = await parseAsserts('1, 2), 3);\nassert.deepStrictEqual(add(0, 0), 0);\n', {
      ...js,
      prefill: 'assert.deepStrictEqual(add(',
    });
    assert.deepEqual(asserts, ['assert.deepStrictEqual(add(1, 2), 3);', 'assert.deepStrictEqual(add(0, 0), 0);']);
  });

  it('keeps assert(), assert.x() and console.assert() and drops other statements, comments and prose', async () => {
    const text = [
      '// basic cases',
      'assert(add(1, 1) === 2)',
      'const r = add(2, 2);',
      'console.log(add(1, 2));',
      'assert.strict.equal(add(2, 3), 5);  // five',
      'Here are some more tests:',
      'console.assert(add(-1, 1) === 0);',
      'expect(add(1, 2)).toBe(3);',
    ].join('\n');
    assert.deepEqual(await parseAsserts(text, js), [
      'assert(add(1, 1) === 2);',
      'assert.strict.equal(add(2, 3), 5);',
      'console.assert(add(-1, 1) === 0);',
    ]);
  });

  it('drops asserts that do not parse, without losing the next one', async () => {
    const text = 'assert.equal(add(1, 2), 3\nassert.equal(add(2, 2), 4);\nassert.equal(add(1 2), 3);\n';
    assert.deepEqual(await parseAsserts(text, js), ['assert.equal(add(2, 2), 4);']);
  });

  it('keeps asserts spanning several lines', async () => {
    const text = 'assert.deepStrictEqual(\n  add(1, 2),\n  3,\n);\nassert.ok(add(0, 0) === 0);';
    assert.deepEqual(await parseAsserts(text, js), ['assert.deepStrictEqual(\n  add(1, 2),\n  3,\n);', 'assert.ok(add(0, 0) === 0);']);
  });

  it('splits several asserts on one line', async () => {
    const text = 'assert.equal(add(1, 2), 3); assert.equal(add(2, 2), 4);';
    assert.deepEqual(await parseAsserts(text, js), ['assert.equal(add(1, 2), 3);', 'assert.equal(add(2, 2), 4);']);
  });

  it('drops asserts that do not mention the function (a string does not count)', async () => {
    const text = 'assert.equal(sub(1, 2), -1);\nassert.ok(true, "add works");\nassert.equal(adder(1), 1);\nassert.equal(math.add(1, 2), 3);';
    assert.deepEqual(await parseAsserts(text, js), ['assert.equal(math.add(1, 2), 3);']);
  });

  it('dedupes after normalisation and stops at max', async () => {
    const text = 'assert(add(1, 2) === 3);\n  assert(add(1, 2) === 3)\nassert(add(2, 2) === 4);\nassert(add(3, 2) === 5);\nassert(add(4, 2) === 6);';
    assert.deepEqual(await parseAsserts(text, { ...js, max: 3 }), ['assert(add(1, 2) === 3);', 'assert(add(2, 2) === 4);', 'assert(add(3, 2) === 5);']);
    assert.deepEqual(await parseAsserts(text, { ...js, max: 0 }), []);
  });

  it('parses TypeScript asserts with the TypeScript grammar', async () => {
    const text = 'assert.equal(add(1 as number, 2), 3);\nassert.equal(add(<number>1, 2), 3);';
    assert.deepEqual(await parseAsserts(text, { ...js, language: 'typescript' }), [
      'assert.equal(add(1 as number, 2), 3);',
      'assert.equal(add(<number>1, 2), 3);',
    ]);
  });

  it('parses Python asserts, indented or spanning lines, without adding `;`', async () => {
    const text = [
      '1, 2) == 3',
      'def test_add():',
      '    assert add(2, 2) == 4, "two and two"',
      'assert (add(1, 1) ==',
      '        2)',
      'assert sub(1, 1) == 0',
      'assert add(1 == 2',
      'print(add(1, 2))',
    ].join('\n');
    const asserts = await parseAsserts(text, { language: 'python', functionName: 'add', max: 10, prefill: 'assert add(' });
    assert.deepEqual(asserts, ['assert add(1, 2) == 3', 'assert add(2, 2) == 4, "two and two"', 'assert (add(1, 1) ==\n        2)']);
  });

  describe('test blocks (how methods are tested)', () => {
    const method = { language: 'javascript' as const, functionName: 'inc', max: 10 };

    it('keeps a block that builds an instance and asserts on it, whole', async () => {
      const text = '{\n  const c = new Counter(2);\n  c.inc();\n  assert.strictEqual(c.value, 3);\n}\n{\n  const c = new Counter(0);\n  assert.equal(c.inc(), 1);\n}\n';
      assert.deepEqual(await parseAsserts(text, method), [
        '{\n  const c = new Counter(2);\n  c.inc();\n  assert.strictEqual(c.value, 3);\n}',
        '{\n  const c = new Counter(0);\n  assert.equal(c.inc(), 1);\n}',
      ]);
    });

    it('continues the pre-filled opening of a block', async () => {
      const asserts = await parseAsserts('5);\n  counter.inc();\n  assert.strictEqual(counter.value, 6);\n}\n', { ...method, prefill: '{\n  const counter = new Counter(' });
      assert.deepEqual(asserts, ['{\n  const counter = new Counter(5);\n  counter.inc();\n  assert.strictEqual(counter.value, 6);\n}']);
    });

    it('drops a block without an assertion or without the method, and an unclosed block does not swallow the next', async () => {
      const text = [
        '{', '  const c = new Counter(1);', '  c.inc();', '}',
        '{', '  const c = new Counter(1);', '  assert.equal(c.value, 1);', '}',
        '{', '  const c = new Counter(1);', '  assert.equal(c.inc(), 2);',
        '{', '  const d = new Counter(3);', '  assert.equal(d.inc(), 4);', '}',
      ].join('\n');
      assert.deepEqual(await parseAsserts(text, method), ['{\n  const d = new Counter(3);\n  assert.equal(d.inc(), 4);\n}']);
    });

    it('counts each block as one test towards the maximum', async () => {
      const block = (n: number) => `{\n  const c = new Counter(${n});\n  assert.equal(c.inc(), ${n + 1});\n}`;
      assert.equal((await parseAsserts([1, 2, 3].map(block).join('\n'), { ...method, max: 2 })).length, 2);
    });
  });
});
