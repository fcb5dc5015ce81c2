import assert from 'node:assert/strict';
import { cursorWindow } from '../../src/engine/complete/cursorWindow';
import { LruCache } from '../../src/engine/complete/LruCache';
import { SuggestionMemory } from '../../src/engine/complete/SuggestionMemory';
import { trimSuffixOverlap } from '../../src/engine/complete/trimSuffixOverlap';

describe('trimSuffixOverlap', () => {
  const cases: [string, string, string, string][] = [
    ['closing paren the editor already inserted', 'a, b)', ')\n', 'a, b'],
    ['call inside an auto-closed paren stays intact', 'foo()', ')\n', 'foo()'],
    ['brace and semicolon', 'return 1;\n});', '});\n', 'return 1;\n'],
    ['nothing after the cursor', 'x + 1)', '\nnext()', 'x + 1)'],
    ['text after the cursor that is not punctuation', 'a)', 'b)', 'a)'],
    ['closing quote', "abc'", "')", 'abc'],
  ];
  for (const [name, completion, suffix, expected] of cases) {
    it(name, () => assert.equal(trimSuffixOverlap(completion, suffix), expected));
  }
});

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1); // refresh a
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    assert.equal(cache.size, 2);
  });

  it('rejects a zero capacity', () => {
    assert.throws(() => new LruCache(0), RangeError);
  });
});

describe('SuggestionMemory', () => {
  const at = (prefix: string, suffix = '\n}') => ({ prefix, suffix });

  it('recalls the exact position instantly', () => {
    const memory = new SuggestionMemory();
    memory.remember(at('function f() {\n  ret'), 'urn 1;');
    assert.equal(memory.recall(at('function f() {\n  ret')), 'urn 1;');
    assert.equal(memory.recall(at('function f() {\n  ret', '\n}\nmore')), undefined, 'a different suffix is a different position');
  });

  it('keeps a suggestion while the user types what it predicted', () => {
    const memory = new SuggestionMemory();
    memory.remember(at('  ret'), 'urn a + b;');
    assert.equal(memory.recall(at('  retu')), 'rn a + b;');
    assert.equal(memory.recall(at('  return a')), ' + b;');
    assert.equal(memory.recall(at('  retx')), undefined, 'typing something else drops it');
    assert.equal(memory.recall(at('  return a + b;')), undefined, 'nothing left to suggest');
  });

  it('does not step back over a line break', () => {
    const memory = new SuggestionMemory();
    memory.remember(at('a'), '\nb');
    assert.equal(memory.recall(at('a\n')), undefined);
  });

  it('forgets everything on clear', () => {
    const memory = new SuggestionMemory();
    memory.remember(at('x'), 'y');
    memory.clear();
    assert.equal(memory.recall(at('x')), undefined);
  });
});

describe('cursorWindow', () => {
  const lines = Array.from({ length: 2000 }, (_, i) => `line ${i};`).join('\n');

  it('returns a small document as it is', () => {
    assert.deepEqual(cursorWindow('abc\ndef', 5), { text: 'abc\ndef', cursor: 5, offset: 0 });
  });

  it('keeps whole lines around the cursor and maps the cursor into the window', () => {
    const cursor = lines.indexOf('line 1000;') + 4;
    const window = cursorWindow(lines, cursor, 100, 50);
    assert.ok(window.text.length <= 150);
    assert.equal(window.text.slice(window.cursor - 4, window.cursor + 6), 'line 1000;');
    assert.equal(lines.slice(window.offset, window.offset + window.text.length), window.text, 'offset says where the window starts');
    assert.match(window.text, /^line \d+;\n/, 'starts at a line start');
    assert.match(window.text, /;$/, 'ends at a line end');
  });

  it('clamps at the start and the end of the document', () => {
    assert.equal(cursorWindow(lines, 3, 100, 50).cursor, 3);
    const end = cursorWindow(lines, lines.length, 100, 50);
    assert.equal(end.text.length, end.cursor);
    assert.ok(lines.endsWith(end.text));
  });
});
