/**
 * The fake Slack on a worker thread of its own. Slack's servers do not run on the bot's CPU, so a
 * bench that times the dispatcher must not charge it the fake's request handling either: sharing
 * one thread, the fake's work alone would take a third of each second at 300 posts a second.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { reminderKeysOf } from '../../src/reminders/dispatch/reminder-metadata';
import { startTypeScriptWorker } from '../../src/threads/typescript-worker';
import { type FakeSlackOptions, startFakeSlack } from '../../test/support/fake-slack';

/** What the bench counts: posts Slack took per reminder key, and posts it refused with 429. */
export interface PostTally {
  postsPerKey: Map<string, number>;
  rateLimited: number;
  /** Date.now() of the first and the last post Slack took (the threads share the clock). */
  firstAt: number;
  lastAt: number;
  /** The mean time between two posts Slack took in one channel. */
  meanGapMs: number;
}

export interface FakeSlackThread {
  url: string;
  tally(): Promise<PostTally>;
  close(): Promise<void>;
}

type Request = { kind: 'tally' } | { kind: 'close' };
type Reply =
  | { kind: 'ready'; url: string }
  | {
      kind: 'tally';
      posts: Array<[string, number]>;
      rateLimited: number;
      firstAt: number;
      lastAt: number;
      meanGapMs: number;
    };

export async function startFakeSlackThread(options: FakeSlackOptions): Promise<FakeSlackThread> {
  const worker = startTypeScriptWorker(import.meta.url, options);
  const replies: Array<(reply: Reply) => void> = [];
  worker.on('message', (reply: Reply) => replies.shift()?.(reply));
  const next = () => new Promise<Reply>((resolve) => replies.push(resolve));
  const ready = await next();
  if (ready.kind !== 'ready') throw new Error('fake Slack thread did not start');
  return {
    url: ready.url,
    async tally() {
      const reply = next();
      worker.postMessage({ kind: 'tally' } satisfies Request);
      const answer = await reply;
      if (answer.kind !== 'tally') throw new Error('fake Slack thread answered out of turn');
      const { posts, ...times } = answer;
      return { postsPerKey: new Map(posts), ...times };
    },
    async close() {
      worker.postMessage({ kind: 'close' } satisfies Request);
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

async function serve(): Promise<void> {
  const fake = await startFakeSlack(workerData as FakeSlackOptions);
  const port = parentPort;
  if (!port) return;
  port.on('message', async (request: Request) => {
    if (request.kind === 'close') {
      await fake.close();
      port.close();
      return;
    }
    const posts = new Map<string, number>();
    let rateLimited = 0;
    let firstAt = Number.POSITIVE_INFINITY;
    let lastAt = Number.NEGATIVE_INFINITY;
    const lastInChannel = new Map<string, number>();
    let gaps = 0;
    let gapsMs = 0;
    for (const call of fake.callsTo('chat.postMessage')) {
      if (call.httpStatus === 429) rateLimited += 1;
      if ((call.response as { ok?: boolean }).ok !== true) continue;
      firstAt = Math.min(firstAt, call.at);
      lastAt = Math.max(lastAt, call.at);
      const channel = String(call.args.channel);
      const previous = lastInChannel.get(channel);
      if (previous !== undefined) {
        gaps += 1;
        gapsMs += call.at - previous;
      }
      lastInChannel.set(channel, call.at);
      for (const key of reminderKeysOf(call.args)) posts.set(key, (posts.get(key) ?? 0) + 1);
    }
    const meanGapMs = gaps > 0 ? gapsMs / gaps : 0;
    port.postMessage({ kind: 'tally', posts: [...posts], rateLimited, firstAt, lastAt, meanGapMs } satisfies Reply);
  });
  port.postMessage({ kind: 'ready', url: fake.url } satisfies Reply);
}

if (!isMainThread) await serve();
