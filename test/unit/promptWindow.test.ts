import assert from 'node:assert/strict';
import { capLines, promptWindow } from '../../src/engine/model/promptWindow';

/** One token per character: token counts are text lengths, and tokens read back as the text. */
const chars = (text: string): string[] => [...text];
const join = (tokens: string[]): string => tokens.join('');

/** A file of `n` numbered lines. */
const lines = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => `line ${from + i}\n`).join('');

describe('promptWindow', () => {
  it('keeps a prompt that fits whole', () => {
    const prompt = promptWindow('let a = 1;\n', '}\n', { budget: 100, suffixLines: 64 }, chars);
    assert.equal(join(prompt.prefix), 'let a = 1;\n');
    assert.equal(join(prompt.suffix), '}\n');
    assert.equal(prompt.window, 'let a = 1;\n');
  });

  it('caps the suffix at suffixLines lines, the cursor line counting as the first', () => {
    const prompt = promptWindow('x', ' rest\n' + lines(100), { budget: 10_000, suffixLines: 3 }, chars);
    assert.equal(join(prompt.suffix), ' rest\nline 0\nline 1');
    assert.equal(capLines('a\nb', 5), 'a\nb');
    assert.equal(capLines('a\nb\nc', 1), 'a');
  });

  it('starts a window that must move at a line start, leaving an eighth of the budget free', () => {
    const prefix = lines(200);
    const prompt = promptWindow(prefix, undefined, { budget: 400, suffixLines: 64 }, chars);
    const text = join(prompt.prefix);
    assert.ok(prefix.endsWith(text) && (text === prefix || prefix[prefix.length - text.length - 1] === '\n'), 'starts at a line');
    assert.ok(text.length <= 350, `${text.length} tokens leave less than an eighth of 400 free`);
    assert.ok(text.length > 300, `${text.length} tokens waste the budget`);
    assert.equal(prompt.window, text);
  });

  it('does not move the window while typing fits: the tokens before the cursor stay the same', () => {
    let prefix = lines(200);
    const first = promptWindow(prefix, undefined, { budget: 400, suffixLines: 64 }, chars);
    let previous = first.window;
    let moves = 0;
    for (let typed = 0; typed < 120; typed++) {
      const before = previous;
      prefix += typed % 10 === 9 ? '\n' : 'x';
      const next = promptWindow(prefix, undefined, { budget: 400, suffixLines: 64, previous }, chars);
      if (!next.window.startsWith(before.slice(0, 20))) moves++;
      else assert.equal(join(next.prefix), before + prefix.slice(prefix.length - (next.window.length - before.length)));
      assert.ok(next.prefix.length <= 400);
      previous = next.window;
    }
    // 120 characters typed into a window with 50 free: it moves at most three times, by steps.
    assert.ok(moves >= 1 && moves <= 3, `${moves} moves`);
  });

  it('finds its start again when the text before it changes or a line is typed above the cursor', () => {
    const head = lines(100);
    const prefix = head + lines(50, 1000);
    const first = promptWindow(prefix, undefined, { budget: 400, suffixLines: 64 }, chars);
    // The editor's own window dropped lines at the top; the user typed inside the window.
    const cutTop = prefix.slice(prefix.indexOf('\n', 200) + 1);
    const edited = cutTop.replace('line 1040\n', 'line 1040 edited\n');
    const next = promptWindow(edited, undefined, { budget: 400, suffixLines: 64, previous: first.window }, chars);
    assert.equal(join(next.prefix).slice(0, 100), first.window.slice(0, 100));
  });

  it('picks the right occurrence when the window starts with a repeated line', () => {
    const prefix = '}\n'.repeat(300) + 'a'.repeat(150);
    const first = promptWindow(prefix, undefined, { budget: 400, suffixLines: 64 }, chars);
    const next = promptWindow(prefix + 'b', undefined, { budget: 400, suffixLines: 64, previous: first.window }, chars);
    assert.equal(next.window, first.window + 'b');
  });

  it('gives the suffix what the prefix leaves, and at least a quarter of the budget when both are long', () => {
    const short = promptWindow('ab', lines(100), { budget: 400, suffixLines: 1000 }, chars);
    assert.equal(short.prefix.length + short.suffix.length, 400);
    const long = promptWindow(lines(100), lines(100), { budget: 400, suffixLines: 1000 }, chars);
    assert.equal(long.prefix.length + long.suffix.length, 400);
    assert.ok(long.suffix.length >= 100 && long.prefix.length <= 300, `${long.prefix.length} + ${long.suffix.length}`);
  });

  it('cuts inside a line longer than the budget', () => {
    const prompt = promptWindow('y'.repeat(5000), undefined, { budget: 100, suffixLines: 64 }, chars);
    assert.ok(prompt.prefix.length > 0 && prompt.prefix.length <= 100);
    assert.ok('y'.repeat(5000).endsWith(prompt.window));
  });
});
