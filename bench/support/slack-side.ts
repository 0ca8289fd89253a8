/**
 * "Slack" for the ack benches, in a process of its own: the fake Web API (test/support/fake-slack.ts)
 * that the app and its clocks call, and the sender of signed slash commands whose ack it times.
 * Kept out of the app's process on purpose: real Slack does not share the app's event loop, so a
 * loop blocked by a clock pass must show up as a late ack, not as a command that was sent late.
 *
 * The child is bench/support/slack-side-process.ts; this module forks it and speaks to it over IPC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeUserInput } from '../../test/support/fake-slack';

/** One slash command to send: `/cs <text>` from a user in a channel. */
export interface CommandSpec {
  text: string;
  userId: string;
  channelId: string;
}

export interface AckSample {
  /** Epoch ms at which the command was due to be sent (for a stream, its slot; for a burst, its start). */
  sentAt: number;
  /** From that moment until the HTTP response (Bolt's ack) was read in full. */
  ackMs: number;
  /** HTTP status; 0 when no response came within the request timeout. */
  status: number;
}

export interface StreamOptions {
  intervalMs: number;
  /** Bounds: the stream ends after this many commands or this long, whichever comes first. */
  maxCount: number;
  maxMs: number;
}

export interface Reply {
  /** Epoch ms the command was sent (as in its AckSample, to the millisecond). */
  sentAt: number;
  /** From sending until the app posted its answer to the command's response_url. */
  ms: number;
}

export interface ReplyDrain {
  /** The commands sent since the previous drain that were answered. */
  replies: Reply[];
  /** Of those, how many had no response_url post when the drain gave up. */
  missing: number;
}

/** What the parent asks; each request carries an id its answer repeats. */
export type SlackSideRequest =
  | { kind: 'burst'; appUrl: string; commands: CommandSpec[]; concurrency: number }
  | { kind: 'stream-start'; appUrl: string; commands: CommandSpec[]; options: StreamOptions }
  | { kind: 'stream-stop' }
  | { kind: 'drain-replies'; timeoutMs: number }
  | { kind: 'add-users'; users: FakeUserInput[] }
  | { kind: 'call-counts' }
  | { kind: 'close' };

export type SlackSideMessage =
  | { kind: 'ready'; fakeUrl: string }
  | { kind: 'answer'; id: number; ok: true; result: unknown }
  | { kind: 'answer'; id: number; ok: false; error: string };

export interface SlackSide {
  /** SLACK_API_URL for the app: the fake Web API, on 127.0.0.1. */
  fakeUrl: string;
  /** Sends every command with `concurrency` in flight at once; resolves with each one's ack time. */
  burst(appUrl: string, commands: CommandSpec[], concurrency: number): Promise<AckSample[]>;
  /** Starts sending one command every intervalMs (cycling through `commands`) until stopped or a bound is hit. */
  startStream(appUrl: string, commands: CommandSpec[], options: StreamOptions): Promise<void>;
  /** Ends the stream, waits for its requests in flight, and returns every command's ack. */
  stopStream(): Promise<AckSample[]>;
  /** Waits (bounded) until every command sent so far has had its reply posted to its response_url. */
  drainReplies(timeoutMs: number): Promise<ReplyDrain>;
  addUsers(users: FakeUserInput[]): Promise<void>;
  /** How many calls the fake Web API took, by method. */
  callCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./slack-side-process.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;
/** No single request to the child may take longer than this: a bench must end. */
const REQUEST_TIMEOUT_MS = 30 * 60_000;

export async function startSlackSide(signingSecret: string): Promise<SlackSide> {
  const child: ChildProcess = fork(CHILD, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_SIGNING_SECRET: signingSecret },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;

  const fakeUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Slack side did not start in time')), START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Slack side exited with ${code} before it was ready`));
    });
    child.on('message', (raw) => {
      const message = raw as SlackSideMessage;
      if (message.kind === 'ready') {
        clearTimeout(timer);
        resolve(message.fakeUrl);
        return;
      }
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`Slack side: ${message.error}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  child.once('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('the Slack side exited'));
    pending.clear();
  });

  function ask<T>(request: SlackSideRequest): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`Slack side: ${request.kind} did not answer within ${REQUEST_TIMEOUT_MS / 60_000} min`));
      }, REQUEST_TIMEOUT_MS);
      pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      child.send({ id, ...request });
    });
  }

  return {
    fakeUrl,
    burst: (appUrl, commands, concurrency) => ask({ kind: 'burst', appUrl, commands, concurrency }),
    startStream: (appUrl, commands, options) => ask({ kind: 'stream-start', appUrl, commands, options }),
    stopStream: () => ask({ kind: 'stream-stop' }),
    drainReplies: (timeoutMs) => ask({ kind: 'drain-replies', timeoutMs }),
    addUsers: (users) => ask({ kind: 'add-users', users }),
    callCounts: () => ask({ kind: 'call-counts' }),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      try {
        await ask({ kind: 'close' }).catch(() => {});
        await exited;
      } finally {
        clearTimeout(killer);
      }
    },
  };
}
