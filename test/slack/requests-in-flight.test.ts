import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAfterAckQueue } from '../../src/slack/after-ack-queue';
import { createRequestsInFlight } from '../../src/slack/requests-in-flight';

const servers: Array<{ close(): void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server whose responses wait until the test answers them, counted by `requests`. */
async function holdingServer(requests = createRequestsInFlight()) {
  const held: ServerResponse[] = [];
  const server = createServer(requests.track((_req, res) => held.push(res)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const arrived = async (n: number) => {
    while (held.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { requests, held, url, arrived };
}

describe('work after an ack waits for the requests still arriving', () => {
  it('starts a unit only once every request received so far has been answered', async () => {
    const { requests, held, url, arrived } = await holdingServer();
    const afterAck = createAfterAckQueue({ concurrency: 1, requests, maxDeferMs: 60_000 }).run;
    const answers = [fetch(url), fetch(url)];
    await arrived(2);
    const started: string[] = [];
    const unit = afterAck(async () => {
      started.push('unit');
    });
    held[0]?.end('ok');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(started).toEqual([]);
    held[1]?.end('ok');
    await unit;
    expect(started).toEqual(['unit']);
    await Promise.all(answers);
  });

  it('starts a unit after the longest deferral even while a request is still unanswered', async () => {
    const { requests, held, url, arrived } = await holdingServer();
    const afterAck = createAfterAckQueue({ concurrency: 1, requests, maxDeferMs: 20 }).run;
    const answer = fetch(url);
    await arrived(1);
    await expect(afterAck(async () => 'ran')).resolves.toBe('ran');
    held[0]?.end('ok');
    await answer;
  });

  it('counts a request whose client hung up before its answer as done', async () => {
    const { requests, url, arrived } = await holdingServer();
    const aborted = new AbortController();
    const answer = fetch(url, { signal: aborted.signal }).catch(() => 'hung up');
    await arrived(1);
    aborted.abort();
    await expect(answer).resolves.toBe('hung up');
    const afterAck = createAfterAckQueue({ concurrency: 1, requests, maxDeferMs: 60_000 }).run;
    await expect(afterAck(async () => 'ran')).resolves.toBe('ran');
  });

  it('keeps a unit waiting through the short lulls of a burst, until no request has come for a while', async () => {
    const { requests, held, url, arrived } = await holdingServer(createRequestsInFlight({ quietMs: 80 }));
    const afterAck = createAfterAckQueue({ concurrency: 1, requests, maxDeferMs: 60_000 }).run;
    const first = fetch(url);
    await arrived(1);
    let started = false;
    const unit = afterAck(async () => {
      started = true;
    });
    held[0]?.end('ok');
    await first;
    // The next request of the burst comes within the quiet window: the unit still waits.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = fetch(url);
    await arrived(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started).toBe(false);
    held[1]?.end('ok');
    await second;
    await unit;
    expect(started).toBe(true);
  });

  it('counts the longest deferral from when a unit was queued, so units queued together do not each wait it out', async () => {
    const { requests, held, url, arrived } = await holdingServer();
    const afterAck = createAfterAckQueue({ concurrency: 1, requests, maxDeferMs: 80 }).run;
    const answer = fetch(url);
    await arrived(1);
    const queuedAt = performance.now();
    const finished: number[] = [];
    const units = [1, 2, 3].map(() => afterAck(async () => void finished.push(performance.now() - queuedAt)));
    await Promise.all(units);
    // All three ran once the first had waited its 80 ms, not at 80, 160 and 240 ms.
    expect(finished[0]).toBeGreaterThanOrEqual(75);
    expect(finished[2]).toBeLessThan(150);
    held[0]?.end('ok');
    await answer;
  });
});
