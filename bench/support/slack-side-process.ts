/**
 * The child process behind bench/support/slack-side.ts: runs the fake Slack Web API on its main
 * thread and, on a thread of its own (command-sender-thread.ts), sends signed slash commands to
 * the app, timing each until its HTTP response (the ack). Started only by
 * startSlackSide; every connection it makes goes to 127.0.0.1.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { RESPONSE_URL_METHOD, startFakeSlack } from '../../test/support/fake-slack';
import { type SentCommand, startCommandSender } from './command-sender-thread';
import type { AckSample, Reply, ReplyDrain, SlackSideMessage, SlackSideRequest } from './slack-side';

const signingSecret = process.env.BENCH_SIGNING_SECRET ?? '';
const fake = await startFakeSlack();
const sender = await startCommandSender({ signingSecret, fakeUrl: fake.url });
let closing: Promise<void> | null = null;
const closeFake = () => {
  closing ??= fake.close().catch(() => {});
  return closing;
};

const say = (message: SlackSideMessage) => process.send?.(message);

/** Each response_url path handed out, and when its command was sent (epoch ms). */
const sentAtByResponsePath = new Map<string, number>();
/** The fake's call log is append-only; this is how far reply matching has read it. */
let callCursor = 0;

function isLoopback(appUrl: string): boolean {
  const host = new URL(appUrl).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/** Notes each command's response_url, so its reply can be timed, and hands back the ack samples. */
function remember(sent: SentCommand[]): AckSample[] {
  return sent.map(({ responsePath, ...sample }) => {
    sentAtByResponsePath.set(responsePath, sample.sentAt);
    return sample;
  });
}

/** Reads the fake's new calls and returns the reply times of the response_url posts among them. */
function collectReplies(replies: Reply[]): void {
  for (; callCursor < fake.calls.length; callCursor++) {
    const call = fake.calls[callCursor];
    if (call?.method !== RESPONSE_URL_METHOD) continue;
    const path = String(call.args.response_url ?? '');
    const sentAt = sentAtByResponsePath.get(path);
    if (sentAt === undefined) continue;
    sentAtByResponsePath.delete(path);
    replies.push({ sentAt, ms: call.at - sentAt });
  }
}

async function drainReplies(timeoutMs: number): Promise<ReplyDrain> {
  const replies: Reply[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    collectReplies(replies);
    if (sentAtByResponsePath.size === 0 || Date.now() >= deadline) break;
    await sleep(100);
  }
  const missing = sentAtByResponsePath.size;
  // A reply still missing now belongs to no later drain either.
  sentAtByResponsePath.clear();
  return { replies, missing };
}

async function handle(request: SlackSideRequest): Promise<unknown> {
  switch (request.kind) {
    case 'burst':
    case 'stream-start':
      if (!isLoopback(request.appUrl)) throw new Error(`refusing to send to ${request.appUrl}: benches stay local`);
      if (request.kind === 'burst')
        return remember(await sender.burst(request.appUrl, request.commands, request.concurrency));
      await sender.startStream(request.appUrl, request.commands, request.options);
      return null;
    case 'stream-stop':
      return remember(await sender.stopStream());
    case 'drain-replies':
      return drainReplies(request.timeoutMs);
    case 'add-users':
      for (const user of request.users) fake.addUser(user);
      return null;
    case 'call-counts': {
      const counts: Record<string, number> = {};
      for (const call of fake.calls) counts[call.method] = (counts[call.method] ?? 0) + 1;
      return counts;
    }
    case 'close':
      await sender.stopStream();
      await sender.close();
      await closeFake();
      // Answered after the fake is closed, then the IPC channel goes, and with it the process.
      setImmediate(() => process.disconnect?.());
      return null;
  }
}

process.on('message', (raw) => {
  const { id, ...request } = raw as SlackSideRequest & { id: number };
  handle(request as SlackSideRequest).then(
    (result) => say({ kind: 'answer', id, ok: true, result: result ?? null }),
    (error: unknown) =>
      say({ kind: 'answer', id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The parent went away without closing: nothing is left to serve.
process.on('disconnect', () => {
  void closeFake().then(() => process.exit(0));
});

say({ kind: 'ready', fakeUrl: fake.url });
