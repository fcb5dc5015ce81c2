import assert from 'node:assert/strict';
import { parseFlags } from '../../src/cli/parseFlags';
import { CascadeError } from '../../src/engine/errors';

describe('parseFlags', () => {
  const spec = { jsonl: 'string', 'timeout-ms': 'number', json: 'boolean' } as const;

  it('reads string, number and boolean flags, in both spellings, and positionals', () => {
    const { flags, positionals } = parseFlags(['a', '--jsonl', 'x.jsonl', '--timeout-ms=250', '--json', 'b', '--', '--jsonl'], spec);
    assert.deepEqual(flags, { jsonl: 'x.jsonl', 'timeout-ms': 250, json: true });
    assert.deepEqual(positionals, ['a', 'b', '--jsonl']);
  });

  it('leaves flags that were not given undefined', () => {
    assert.deepEqual(parseFlags([], spec).flags, {});
  });

  for (const [argv, message] of [
    [['--nope'], /unknown flag --nope/],
    [['--jsonl'], /--jsonl needs a value/],
    [['--jsonl', '--json'], /--jsonl needs a value/],
    [['--timeout-ms', 'soon'], /--timeout-ms needs a number/],
    [['--json=yes'], /--json takes no value/],
  ] as const) {
    it(`rejects ${argv.join(' ')}`, () => {
      assert.throws(() => parseFlags(argv, spec), (error: unknown) => error instanceof CascadeError && message.test(error.message));
    });
  }
});
