import assert from 'node:assert/strict';
import { StopAtFailure, StreamStopper } from '../../src/engine/model/StreamStopper';

/** Feeds `chunks` one by one (a token each), as node-llama-cpp's onTextChunk would, until the stopper's signal fires. */
function feed(stopper: StreamStopper, chunks: string[], tokens: { n: number }): number {
  for (const chunk of chunks) {
    if (stopper.signal.aborted) break;
    tokens.n++;
    stopper.onText(chunk);
  }
  return tokens.n;
}

describe('StreamStopper', () => {
  it('stops at the first stop string, even one split over chunks, and leaves it out', async () => {
    const tokens = { n: 0 };
    const stopper = new StreamStopper({ stop: ['\n\n\n', 'END'] }, () => tokens.n);
    feed(stopper, ['a\n', '\n', 'b E', 'ND c'], tokens);
    assert.equal(stopper.signal.aborted, true);
    assert.deepEqual(await stopper.finish(), { text: 'a\n\nb ', reason: 'stop' });
    assert.equal(tokens.n, 4);
  });

  it('stops at once where a synchronous stopAt says, passing the tokens so far', async () => {
    const seen: number[] = [];
    const tokens = { n: 0 };
    const stopper = new StreamStopper({ stopAt: (text, n) => (seen.push(n), text.includes('}') ? text.indexOf('}') + 1 : undefined) }, () => tokens.n);
    feed(stopper, ['a ', 'b', '} c', 'd'], tokens);
    assert.deepEqual(seen, [1, 2, 3]);
    assert.deepEqual(await stopper.finish(), { text: 'a b}', reason: 'complete' });
  });

  it('waits for asynchronous checks, and the earliest cut wins', async () => {
    const stopper = new StreamStopper({ stopAt: async (text) => (text.length >= 3 ? 3 : undefined) }, () => 0);
    stopper.onText('ab');
    stopper.onText('cd');
    stopper.onText('ef');
    assert.deepEqual(await stopper.finish(), { text: 'abc', reason: 'complete' });
  });

  it('returns nothing when neither fires, and follows the caller signal', async () => {
    const controller = new AbortController();
    const stopper = new StreamStopper({ stop: ['x'], stopAt: () => undefined, signal: controller.signal }, () => 0);
    stopper.onText('abc');
    assert.equal(stopper.signal.aborted, false);
    controller.abort();
    assert.equal(stopper.signal.aborted, true);
    assert.equal(await stopper.finish(), undefined);
  });

  it('reports a failing check as StopAtFailure with the cause', async () => {
    const boom = new Error('boom');
    const stopper = new StreamStopper({ stopAt: async () => { throw boom; } }, () => 0);
    stopper.onText('a');
    assert.equal(await Promise.resolve(), undefined);
    await assert.rejects(stopper.finish(), (error: unknown) => error instanceof StopAtFailure && error.error === boom);
    assert.equal(stopper.signal.aborted, true);
  });
});
