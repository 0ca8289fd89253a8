/**
 * The child process behind bench/support/slack-side.ts: runs the fake Slack Web API and sends
 * signed slash commands to the app, timing each until its HTTP response (the ack). Started only by
 * startSlackSide; every connection it makes goes to 127.0.0.1.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { RESPONSE_URL_METHOD, startFakeSlack } from '../../test/support/fake-slack';
import { signSlackRequest, slashCommandBody } from '../../test/support/slack-signer';
import type {
  AckSample,
  CommandSpec,
  Reply,
  ReplyDrain,
  SlackSideMessage,
  SlackSideRequest,
  StreamOptions,
} from './slack-side';

/** Slack gives up on an ack after 3 s; a request still open after this counts as lost (status 0). */
const REQUEST_TIMEOUT_MS = 30_000;

const signingSecret = process.env.BENCH_SIGNING_SECRET ?? '';
const fake = await startFakeSlack();
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

/** One signed slash command; `dueAt` is when it should have left (performance.now() clock). */
async function sendCommand(appUrl: string, spec: CommandSpec, dueAt: number): Promise<AckSample> {
  const responseUrl = fake.newResponseUrl();
  const body = slashCommandBody({ ...spec, responseUrl });
  const signature = signSlackRequest({ signingSecret, body });
  const sentAt = performance.timeOrigin + dueAt;
  sentAtByResponsePath.set(new URL(responseUrl).pathname, Math.round(sentAt));
  try {
    const response = await fetch(new URL('/slack/events', appUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signature },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.text();
    return { sentAt, ackMs: performance.now() - dueAt, status: response.status };
  } catch {
    return { sentAt, ackMs: performance.now() - dueAt, status: 0 };
  }
}

/** Closed loop: `concurrency` senders, each sending its next command as soon as the last is acked. */
async function burst(appUrl: string, commands: CommandSpec[], concurrency: number): Promise<AckSample[]> {
  const samples: AckSample[] = [];
  let next = 0;
  const sender = async () => {
    while (next < commands.length) {
      const spec = commands[next++];
      if (spec) samples.push(await sendCommand(appUrl, spec, performance.now()));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, sender));
  return samples;
}

interface Stream {
  stop: boolean;
  done: Promise<AckSample[]>;
}
let stream: Stream | null = null;

/**
 * Open loop: command i is due at start + i * interval, whatever happened to the ones before, and
 * its ack is timed from that slot, so a stalled app cannot slow the sender down and hide its stall.
 */
function startStream(appUrl: string, commands: CommandSpec[], options: StreamOptions): Stream {
  const state: Stream = { stop: false, done: Promise.resolve([]) };
  state.done = (async () => {
    const samples: AckSample[] = [];
    const inFlight = new Set<Promise<void>>();
    const start = performance.now();
    for (let i = 0; i < options.maxCount && commands.length > 0; i++) {
      const dueAt = start + i * options.intervalMs;
      if (dueAt - start > options.maxMs) break;
      const wait = dueAt - performance.now();
      if (wait > 0) await sleep(wait);
      if (state.stop) break;
      const spec = commands[i % commands.length] as CommandSpec;
      const request = sendCommand(appUrl, spec, dueAt).then((sample) => {
        samples.push(sample);
      });
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    }
    await Promise.all([...inFlight]);
    return samples;
  })();
  return state;
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
      if (request.kind === 'burst') return burst(request.appUrl, request.commands, request.concurrency);
      if (stream) throw new Error('a stream is already running');
      stream = startStream(request.appUrl, request.commands, request.options);
      return null;
    case 'stream-stop': {
      if (!stream) return [];
      const running = stream;
      running.stop = true;
      stream = null;
      return running.done;
    }
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
      if (stream) {
        stream.stop = true;
        await stream.done;
      }
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
