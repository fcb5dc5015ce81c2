import assert from 'node:assert/strict';
import { readEvents } from '../../src/engine/server/readEvents';

const encoder = new TextEncoder();

async function* chunksOf(parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? encoder.encode(part) : part;
}

async function events(parts: (string | Uint8Array)[]): Promise<string[]> {
  const out: string[] = [];
  for await (const data of readEvents(chunksOf(parts))) out.push(data);
  return out;
}

/** `bytes` cut at every offset `at` in `cuts`. */
const cut = (bytes: Uint8Array, cuts: number[]): Uint8Array[] => {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const at of cuts) {
    pieces.push(bytes.slice(start, at));
    start = at;
  }
  pieces.push(bytes.slice(start));
  return pieces;
};

describe('readEvents', () => {
  it('yields the data of each event, in order', async () => {
    assert.deepEqual(await events(['data: {"a":1}\n\ndata: {"b":2}\n\n']), ['{"a":1}', '{"b":2}']);
  });

  it('yields nothing for an empty body', async () => {
    assert.deepEqual(await events([]), []);
    assert.deepEqual(await events(['']), []);
  });

  it('joins events split across chunks, at any point', async () => {
    assert.deepEqual(await events(['da', 'ta: hel', 'lo\n', '\ndata', ': world\n\n']), ['hello', 'world']);
    const stream = 'data: first\n\ndata: second\n\n';
    for (let i = 0; i <= stream.length; i++) {
      assert.deepEqual(await events([stream.slice(0, i), stream.slice(i)]), ['first', 'second'], `split at ${i}`);
    }
  });

  it('decodes multi-byte UTF-8 characters split across chunks, even byte by byte', async () => {
    const text = 'é 中 😀 ｜fim▁end｜';
    const bytes = encoder.encode(`data: ${text}\n\n`);
    for (let i = 0; i <= bytes.length; i++) {
      assert.deepEqual(await events(cut(bytes, [i])), [text], `split at byte ${i}`);
    }
    const oneByteEach = Array.from(bytes, (_, i) => i + 1).slice(0, -1);
    assert.deepEqual(await events(cut(bytes, oneByteEach)), [text]);
  });

  it('accepts CRLF and CR line endings as well as LF', async () => {
    assert.deepEqual(await events(['data: a\r\n\r\ndata: b\r\n\r\n']), ['a', 'b']);
    assert.deepEqual(await events(['data: a\r\rdata: b\r\r']), ['a', 'b']);
    assert.deepEqual(await events(['data: a\r\ndata: b\r\n\r\n']), ['a\nb']);
    assert.deepEqual(await events(['data: a\n\r\ndata: b\r\r']), ['a', 'b']);
  });

  it('accepts a CRLF split between chunks where it ends an event', async () => {
    assert.deepEqual(await events(['data: a\r\n\r', '\ndata: b\r\n\r\n']), ['a', 'b']);
  });

  // Regression (readEvents.ts, found by these tests): a "\r" at the end of a chunk is taken as a whole line
  // ending, so the "\n" that starts the next chunk reads as a blank line and dispatches early.
  it('keeps a multi-line event whole when its CRLF is split between chunks', async () => {
    assert.deepEqual(await events(['data: a\r', '\ndata: b\r\n\r\n']), ['a\nb']);
  });

  it('skips comments and pings', async () => {
    assert.deepEqual(await events([':\n\n', 'data: a\n\n', ': ping - 2024-01-01\n\n', ':\n\ndata: b\n\n']), ['a', 'b']);
    assert.deepEqual(await events([':\n\n:\n\n']), []);
  });

  it('skips other fields but keeps the data beside them', async () => {
    assert.deepEqual(await events(['event: message\nid: 7\nretry: 1000\ndata: x\n\n']), ['x']);
    assert.deepEqual(await events(['event: ping\n\n']), []);
  });

  it('joins multi-line data with newlines', async () => {
    assert.deepEqual(await events(['data: line 1\ndata: line 2\n: comment\ndata: line 3\n\n']), ['line 1\nline 2\nline 3']);
  });

  it('takes "data:" without a space, and strips only one space', async () => {
    assert.deepEqual(await events(['data:{"a":1}\n\n']), ['{"a":1}']);
    assert.deepEqual(await events(['data:  indented\n\n']), [' indented']);
    assert.deepEqual(await events(['data: a:b: c\n\n']), ['a:b: c']);
  });

  it('does not take a field that merely starts with "data"', async () => {
    assert.deepEqual(await events(['database: x\ndata: y\n\n']), ['y']);
  });

  it('yields a final event that has no trailing newline', async () => {
    assert.deepEqual(await events(['data: a\n\ndata: [DONE]']), ['a', '[DONE]']);
    assert.deepEqual(await events(['data: multi\ndata: line']), ['multi\nline']);
  });

  // Regression (readEvents.ts, found by these tests): the final flush only dispatches when the buffer
  // holds an unterminated line, so "data: x\n" at the end (one newline, no blank line) is
  // dropped although "data: x" is yielded.
  it('yields a final event that ends with a single newline', async () => {
    assert.deepEqual(await events(['data: a\n\ndata: [DONE]\n']), ['a', '[DONE]']);
  });

  it('passes [DONE] through as data and goes on reading after it', async () => {
    assert.deepEqual(await events(['data: {"x":1}\n\ndata: [DONE]\n\n']), ['{"x":1}', '[DONE]']);
    assert.deepEqual(await events(['data: [DONE]\n\ndata: late\n\n']), ['[DONE]', 'late']);
  });

  it('yields each event as soon as its blank line arrives, before the body ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let secondSent = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      yield encoder.encode('data: early\n\ndata: la');
      await held;
      secondSent = true;
      yield encoder.encode('te\n\n');
    }
    const reader = readEvents(body());
    assert.deepEqual(await reader.next(), { value: 'early', done: false });
    assert.equal(secondSent, false);
    release();
    assert.deepEqual(await reader.next(), { value: 'late', done: false });
    assert.equal((await reader.next()).done, true);
  });

  it('stops reading the body when the caller stops early', async () => {
    let finished = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      try {
        yield encoder.encode('data: a\n\n');
        yield encoder.encode('data: b\n\n');
      } finally {
        finished = true;
      }
    }
    for await (const data of readEvents(body())) {
      assert.equal(data, 'a');
      break;
    }
    assert.equal(finished, true);
  });
});
