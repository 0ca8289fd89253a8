import { describe, expect, it } from 'vitest';
import { createAfterAckQueue } from '../../src/slack/after-ack-queue';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
};

describe('the queue for work after an ack', () => {
  it('runs units one at a time, in the order they came, and passes their results and errors through', async () => {
    const afterAck = createAfterAckQueue({ concurrency: 1, slowMs: 60_000 }).run;
    const started: string[] = [];
    const first = deferred();
    const a = afterAck(async () => {
      started.push('a');
      await first.promise;
      return 'A';
    });
    const b = afterAck(async () => {
      started.push('b');
      throw new Error('b failed');
    });
    const c = afterAck(async () => {
      started.push('c');
      return 'C';
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toEqual(['a']);
    first.resolve();
    await expect(a).resolves.toBe('A');
    await expect(b).rejects.toThrow('b failed');
    await expect(c).resolves.toBe('C');
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('lets the next unit start once a slow one has held its slot too long', async () => {
    const afterAck = createAfterAckQueue({ concurrency: 1, slowMs: 30 }).run;
    const stuck = deferred();
    const slow = afterAck(() => stuck.promise);
    const next = await afterAck(async () => 'ran while the slow unit was still waiting');
    expect(next).toBe('ran while the slow unit was still waiting');
    stuck.resolve();
    await slow;
    // The released slot is not given back twice: the queue still runs one at a time.
    const order: string[] = [];
    const gate = deferred();
    const x = afterAck(async () => {
      order.push('x');
      await gate.promise;
    });
    const y = afterAck(async () => {
      order.push('y');
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['x']);
    gate.resolve();
    await Promise.all([x, y]);
    expect(order).toEqual(['x', 'y']);
  });

  it('says when every queued unit is done, and gives up saying so after the longest wait', async () => {
    const queue = createAfterAckQueue({ concurrency: 1, slowMs: 60_000 });
    await expect(queue.idle(10)).resolves.toBe(true);
    const gate = deferred();
    let laterRan = false;
    const first = queue.run(() => gate.promise);
    const later = queue.run(async () => {
      laterRan = true;
    });
    await expect(queue.idle(20)).resolves.toBe(false);
    const idle = queue.idle(5_000);
    gate.resolve();
    await expect(idle).resolves.toBe(true);
    expect(laterRan).toBe(true);
    await Promise.all([first, later]);
  });
});
