/**
 * The sender of signed slash commands, on a worker thread of the Slack-side process. The fake Web
 * API on that process's main thread answers the app's posts and replies; an ack timed on the same
 * thread would wait behind that work, so a cs-bot that posts (and the bare Bolt app never does)
 * would be charged the fake's CPU as ack latency.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startTypeScriptWorker } from '../../src/threads/typescript-worker';
import { signSlackRequest, slashCommandBody } from '../../test/support/slack-signer';
import type { AckSample, CommandSpec, StreamOptions } from './slack-side';

/** Slack gives up on an ack after 3 s; a request still open after this counts as lost (status 0). */
const REQUEST_TIMEOUT_MS = 30_000;

/** A sample and the response_url path its command carried, so replies can be matched to it. */
export type SentCommand = AckSample & { responsePath: string };

export type SenderRequest =
  | { kind: 'burst'; appUrl: string; commands: CommandSpec[]; concurrency: number }
  | { kind: 'stream-start'; appUrl: string; commands: CommandSpec[]; options: StreamOptions }
  | { kind: 'stream-stop' };

interface SenderSetup {
  signingSecret: string;
  /** Where response_urls point: the fake Web API, which records what is posted there. */
  fakeUrl: string;
}

export interface CommandSender {
  burst(appUrl: string, commands: CommandSpec[], concurrency: number): Promise<SentCommand[]>;
  startStream(appUrl: string, commands: CommandSpec[], options: StreamOptions): Promise<void>;
  stopStream(): Promise<SentCommand[]>;
  close(): Promise<void>;
}

export async function startCommandSender(setup: SenderSetup): Promise<CommandSender> {
  const worker = startTypeScriptWorker(import.meta.url, setup);
  const answers: Array<(answer: unknown) => void> = [];
  worker.on('message', (answer: unknown) => answers.shift()?.(answer));
  const ask = <T>(request: SenderRequest | { kind: 'ready?' }) => {
    const answer = new Promise<T>((resolve) => answers.push(resolve as (answer: unknown) => void));
    worker.postMessage(request);
    return answer;
  };
  await ask({ kind: 'ready?' });
  return {
    burst: (appUrl, commands, concurrency) => ask({ kind: 'burst', appUrl, commands, concurrency }),
    startStream: (appUrl, commands, options) => ask({ kind: 'stream-start', appUrl, commands, options }),
    stopStream: () => ask({ kind: 'stream-stop' }),
    close: () => worker.terminate().then(() => undefined),
  };
}

function senderThread(setup: SenderSetup) {
  let responseUrls = 0;

  /** One signed slash command; `dueAt` is when it should have left (performance.now() clock). */
  async function sendCommand(appUrl: string, spec: CommandSpec, dueAt: number): Promise<SentCommand> {
    responseUrls += 1;
    const responsePath = `/response/sender-${responseUrls}`;
    const body = slashCommandBody({ ...spec, responseUrl: new URL(responsePath, setup.fakeUrl).toString() });
    const signature = signSlackRequest({ signingSecret: setup.signingSecret, body });
    const sentAt = Math.round(performance.timeOrigin + dueAt);
    try {
      const response = await fetch(new URL('/slack/events', appUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signature },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.text();
      return { sentAt, ackMs: performance.now() - dueAt, status: response.status, responsePath };
    } catch {
      return { sentAt, ackMs: performance.now() - dueAt, status: 0, responsePath };
    }
  }

  /** Closed loop: `concurrency` senders, each sending its next command as soon as the last is acked. */
  async function burst(appUrl: string, commands: CommandSpec[], concurrency: number): Promise<SentCommand[]> {
    const samples: SentCommand[] = [];
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

  let stream: { stop: boolean; done: Promise<SentCommand[]> } | null = null;

  /**
   * Open loop: command i is due at start + i * interval, whatever happened to the ones before, and
   * its ack is timed from that slot, so a stalled app cannot slow the sender down and hide its stall.
   */
  function startStream(appUrl: string, commands: CommandSpec[], options: StreamOptions) {
    const state = { stop: false, done: Promise.resolve([] as SentCommand[]) };
    state.done = (async () => {
      const samples: SentCommand[] = [];
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

  async function handle(request: SenderRequest | { kind: 'ready?' }): Promise<unknown> {
    switch (request.kind) {
      case 'ready?':
        return null;
      case 'burst':
        return burst(request.appUrl, request.commands, request.concurrency);
      case 'stream-start':
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
    }
  }

  // Requests are answered in the order they came, as the main thread's answer queue expects.
  let chain: Promise<unknown> = Promise.resolve();
  parentPort?.on('message', (request: SenderRequest | { kind: 'ready?' }) => {
    const answer = chain.then(() => handle(request));
    chain = answer.catch(() => {});
    void answer.then(
      (result) => parentPort?.postMessage(result),
      () => parentPort?.postMessage(null),
    );
  });
}

if (!isMainThread) senderThread(workerData as SenderSetup);
