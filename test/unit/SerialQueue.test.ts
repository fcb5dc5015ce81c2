import assert from 'node:assert/strict';
import { AbortError } from '../../src/engine/errors';
import { SerialQueue } from '../../src/engine/model/SerialQueue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SerialQueue', () => {
  it('runs tasks one at a time in arrival order', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([queue.run(task('a')), queue.run(task('b')), queue.run(task('c'))]);
    assert.deepEqual(results, ['a', 'b', 'c']);
    assert.deepEqual(log, ['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('moves on after a failing task', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'next');
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 'next');
  });

  it('an aborted waiter leaves at once and never runs', async () => {
    const queue = new SerialQueue();
    let release = (): void => undefined;
    const running = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    let ran = false;
    const waiting = queue.run(async () => {
      ran = true;
    }, controller.signal);
    const after = queue.run(async () => 'after');
    controller.abort();
    await assert.rejects(waiting, AbortError);
    release();
    await running;
    assert.equal(await after, 'after');
    assert.equal(ran, false);
    await assert.rejects(queue.run(async () => 1, AbortSignal.abort()), AbortError);
  });
});
