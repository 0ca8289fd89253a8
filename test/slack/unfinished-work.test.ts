import { describe, expect, it } from 'vitest';
import { createUnfinishedWork } from '../../src/slack/unfinished-work';

describe('the count of unfinished work', () => {
  it('is idle at once when nothing runs, and once the last of several units has settled, failures included', async () => {
    const work = createUnfinishedWork();
    await expect(work.idle(10)).resolves.toBe(true);
    let finishA!: () => void;
    let failB!: (error: Error) => void;
    const a = work.run(() => new Promise<string>((resolve) => (finishA = () => resolve('A'))));
    const b = work.run(() => new Promise<never>((_, reject) => (failB = reject)));
    const idle = work.idle(5_000);
    finishA();
    await expect(a).resolves.toBe('A');
    let settled = false;
    void idle.then(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    failB(new Error('the database went away'));
    await expect(b).rejects.toThrow('the database went away');
    await expect(idle).resolves.toBe(true);
  });

  it('gives up after the longest wait while a unit still runs', async () => {
    const work = createUnfinishedWork();
    let finish!: () => void;
    const unit = work.run(() => new Promise<void>((resolve) => (finish = resolve)));
    await expect(work.idle(20)).resolves.toBe(false);
    finish();
    await unit;
    await expect(work.idle(20)).resolves.toBe(true);
  });
});
