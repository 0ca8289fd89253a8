/**
 * How fast Slack's requests are acknowledged, on PGlite and (with BENCH_DATABASE_URL) PostgreSQL:
 *
 *   1. `/cs log` at 20 in flight: ack p99 within 1.5x of a bare Bolt app (a `/cs` listener that only
 *      acks) measured in the same run, on the same machine, by the same sender.
 *   2. With 10,000 accounts, a `/cs log` every 100 ms while the clocks run as in production (the
 *      first pass over the imported book, then quiet minute passes): ack p99 under 300 ms, none over 3 s.
 *
 * The app is the real one (createCsBot and createClockRuntime wired as src/main.ts wires them) in
 * this process; "Slack" (the fake Web API and the sender of signed commands) runs in a child process,
 * as real Slack does not share the app's event loop. An ack is timed from the moment the command
 * was due to leave until its HTTP response was read. Prints figures; never fails on a target.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- ack-latency
 *
 * Knobs: BENCH_ACK_REQUESTS (3000 per app: one stall holds up all 20 requests in flight at once, so
 * a p99 of 1,200 rested on one or two such events and swung from 0.84x to 1.52x between runs of the
 * same code; with 3,000 it held 0.89–1.27x), BENCH_ACK_WARMUP (50), BENCH_ACK_CONCURRENCY (20),
 * BENCH_ACK_ROUNDS (10: part 1 alternates the two apps this many times),
 * BENCH_ACCOUNTS (10000), BENCH_ACK_INTERVAL_MS (100), BENCH_ACK_QUIET_PASSES (5),
 * BENCH_ACK_TRACKED_SINCE (import | history: import keeps the accounts "added just now", as after
 * `npm run cs -- accounts import`; history backdates them so the first pass plans and sends every
 * task of their past too, the planner bench's worst case, which takes far longer),
 * BENCH_ACK_MAX_MINUTES (20: bound on the command stream), BENCH_ACK_PARTS (1,2: which to run).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { App, LogLevel } from '@slack/bolt';
import { count } from 'drizzle-orm';
import type { NewAccount } from '../src/accounts/account-repository';
import { loadConfig } from '../src/config/env';
import type { DatabaseHandle } from '../src/db/database';
import { tasks } from '../src/db/schema';
import { dayIn } from '../src/domain/calendar-day';
import { type ClockPassReport, createClockRuntime } from '../src/reminders/clock-runtime';
import { createReminderSlackClient } from '../src/reminders/dispatch';
import { createPlannerDeps } from '../src/reminders/run-planner';
import { createCsBot } from '../src/slack/create-app';
import { type BenchDatabase, benchDatabases } from './support/bench-databases';
import { type CountingLogger, countingLogger } from './support/counting-logger';
import { ms, row, seconds, summarize } from './support/latency';
import { formatMs, memoryLine, positiveIntegerFromEnv, timed } from './support/measure';
import { portfolioUsers, seedPortfolio } from './support/seed-portfolio';
import { type AckSample, type CommandSpec, type Reply, type SlackSide, startSlackSide } from './support/slack-side';
import { syntheticPortfolio } from './support/synthetic-portfolio';

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-bench-token';
const TEAM_ZONE = 'Europe/Berlin';

const RATIO_TARGET = 1.5;
const P99_TARGET_MS = 300;
const SLACK_LIMIT_MS = 3000;
/** How long the benches wait, at most, for the replies to commands already acked. */
const REPLY_DRAIN_MS = 180_000;
/** Commands with no clock pass running, before the first pass: the app's own pace under this load. */
const BASELINE_MS = 5_000;
/** A quiet pass is over in a blink; its minute slot lasts at least this long, commands flowing throughout. */
const QUIET_SLOT_MS = 3_000;

interface Settings {
  requests: number;
  warmup: number;
  concurrency: number;
  accounts: number;
  intervalMs: number;
  quietPasses: number;
  rounds: number;
  history: boolean;
  maxStreamMs: number;
  parts: Set<string>;
}

function settingsFromEnv(): Settings {
  const trackedSince = (process.env.BENCH_ACK_TRACKED_SINCE ?? 'import').trim();
  if (trackedSince !== 'history' && trackedSince !== 'import')
    throw new Error(`BENCH_ACK_TRACKED_SINCE must be history or import, not ${JSON.stringify(trackedSince)}`);
  return {
    requests: positiveIntegerFromEnv('BENCH_ACK_REQUESTS', 3000),
    warmup: positiveIntegerFromEnv('BENCH_ACK_WARMUP', 50),
    concurrency: positiveIntegerFromEnv('BENCH_ACK_CONCURRENCY', 20),
    rounds: positiveIntegerFromEnv('BENCH_ACK_ROUNDS', 10),
    accounts: positiveIntegerFromEnv('BENCH_ACCOUNTS', 10_000),
    intervalMs: positiveIntegerFromEnv('BENCH_ACK_INTERVAL_MS', 100),
    quietPasses: positiveIntegerFromEnv('BENCH_ACK_QUIET_PASSES', 5),
    history: trackedSince === 'history',
    maxStreamMs: positiveIntegerFromEnv('BENCH_ACK_MAX_MINUTES', 20) * 60_000,
    parts: new Set((process.env.BENCH_ACK_PARTS ?? '1,2').split(',').map((part) => part.trim())),
  };
}

/** The verdicts, gathered for one table at the end. */
const verdicts: string[][] = [];

function verdict(what: string, engine: string, measured: string, target: string, met: boolean): void {
  verdicts.push([what, engine, measured, target, met ? 'meets' : 'MISSES']);
}

const nowMs = () => performance.timeOrigin + performance.now();

/** The machine may be shared: its load says how far to trust the figures. */
const loadLine = () =>
  `load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`;

/**
 * How long this process's event loop (the app's: Bolt, the clocks and PGlite's WebAssembly all run
 * on it) was held up, worst case, since the last reset: an ack cannot go out while it is.
 */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
function loopStallSinceReset(): number {
  const worst = loopDelay.max / 1e6;
  loopDelay.reset();
  return Number.isFinite(worst) && worst > 0 ? worst : 0;
}

// ---------------------------------------------------------------------------------------------
// The apps under test

interface RunningBolt {
  url: string;
  stop(): Promise<void>;
}

/** The baseline: a Bolt app in HTTP mode whose `/cs` listener only acks, on the same fake Slack. */
async function startBareBolt(fakeUrl: string, logger: CountingLogger): Promise<RunningBolt> {
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    logger,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fakeUrl },
  });
  app.command('/cs', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => app.stop().then(() => undefined) };
}

interface RunningProduct extends RunningBolt {
  bot: ReturnType<typeof createCsBot>;
  clocks: ReturnType<typeof createClockRuntime>;
}

/** cs-bot as src/main.ts starts it (one set of planner dependencies for the app and the clocks), minus the cron. */
async function startProduct(
  database: DatabaseHandle,
  fakeUrl: string,
  logger: CountingLogger,
): Promise<RunningProduct> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fakeUrl,
    PORT: '0',
    CS_TIMEZONE: TEAM_ZONE,
    LOG_LEVEL: 'error',
  });
  const slack = createReminderSlackClient(config.slack.botToken, { slackApiUrl: fakeUrl, logger });
  const planner = createPlannerDeps({ db: database.db, slack, timeZone: config.timeZone });
  const bot = createCsBot({ config, database, planner, logger });
  const { port } = await bot.start();
  const clocks = createClockRuntime({
    db: database.db,
    slack,
    planner,
    timeZone: config.timeZone,
    admins: config.admins,
    logger: bot.app.logger,
  });
  return {
    url: `http://127.0.0.1:${port}`,
    bot,
    clocks,
    async stop() {
      try {
        await clocks.stopDispatching();
      } finally {
        await bot.stop();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 1. `/cs log` at 20 in flight, against a bare Bolt app

const CONCURRENT_ACCOUNTS = 10;
const concurrentAccountName = (n: number) => `Latency Labs ${String(n).padStart(2, '0')}`;

function concurrentAccount(n: number): NewAccount {
  return {
    name: concurrentAccountName(n),
    channelId: `C0ACKLAB${String(n).padStart(3, '0')}`,
    employeeCount: 800,
    salesSegment: 'Large',
    csmSegment: 'Growth',
    priority: 'PR2',
    health: 'green',
    contractStart: '2026-01-15',
    renewalDate: '2027-01-15',
    successServices: false,
    csaAseIdentifiedOn: null,
    successPlanActive: false,
    team: [{ role: 'CSM', slackUserId: `U0ACKCSM${String(n).padStart(3, '0')}` }],
  };
}

function concurrentCommands(total: number, offset: number): CommandSpec[] {
  return Array.from({ length: total }, (_, i) => {
    const n = ((offset + i) % CONCURRENT_ACCOUNTS) + 1;
    return {
      text: `log ${concurrentAccountName(n)} call Bench call ${offset + i}: walked through the rollout plan`,
      userId: `U0ACKCSM${String(n).padStart(3, '0')}`,
      channelId: `C0ACKLAB${String(n).padStart(3, '0')}`,
    };
  });
}

const ACK_WIDTHS = [34, 9, 10, 10, 10, 7, 10];

function ackRow(label: string, samples: readonly AckSample[], stallMs: number): string {
  const summary = summarize(samples.map((sample) => sample.ackMs));
  const failed = samples.filter((sample) => sample.status !== 200).length;
  return row(
    [label, String(summary.count), ms(summary.p50), ms(summary.p99), ms(summary.max), String(failed), ms(stallMs)],
    ACK_WIDTHS,
  );
}

interface Measured {
  samples: AckSample[];
  /** The worst event-loop hold-up while this app's measured bursts ran. */
  stallMs: number;
}

/** One measured burst; a product burst is followed by its replies, so its work does not spill into the next. */
async function measuredBurst(
  slack: SlackSide,
  url: string,
  commands: CommandSpec[],
  settings: Settings,
  into: Measured,
  replies: Reply[] | null,
): Promise<number> {
  loopStallSinceReset();
  into.samples.push(...(await slack.burst(url, commands, settings.concurrency)));
  into.stallMs = Math.max(into.stallMs, loopStallSinceReset());
  if (!replies) return 0;
  const drained = await slack.drainReplies(REPLY_DRAIN_MS);
  replies.push(...drained.replies);
  await slackQuiet(slack);
  return drained.missing;
}

/**
 * Waits until the app has made no Slack call for a second (bounded): after its replies, cs-bot
 * still refreshes Homes and posts summaries, and that work must not run into the other app's turn.
 */
async function slackQuiet(slack: SlackSide, quietMs = 1_000, maxMs = 30_000): Promise<void> {
  const total = async () => Object.values(await slack.callCounts()).reduce((sum, n) => sum + n, 0);
  const deadline = performance.now() + maxMs;
  let last = await total();
  let stableSince = performance.now();
  while (performance.now() < deadline && performance.now() - stableSince < quietMs) {
    await sleep(100);
    const now = await total();
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    }
  }
}

/**
 * Both apps run side by side (one idle while the other is measured) and take turns, in rounds, so
 * a busy neighbour on a shared machine weighs on both alike; each app's samples are pooled.
 */
async function concurrentBench(engine: BenchDatabase, slack: SlackSide, settings: Settings): Promise<void> {
  const rounds = Math.min(settings.rounds, settings.requests);
  console.log(
    `\n--- 1. /cs log at ${settings.concurrency} in flight, ${engine.name}: ${settings.requests} requests to each app ` +
      `in ${rounds} alternating rounds, after ${settings.warmup} of warm-up ---`,
  );
  const logger = countingLogger();
  let bare: RunningBolt | null = null;
  let database: DatabaseHandle | null = null;
  let product: RunningProduct | null = null;
  const bareRun: Measured = { samples: [], stallMs: 0 };
  const productRun: Measured = { samples: [], stallMs: 0 };
  const replies: Reply[] = [];
  let missing = 0;
  try {
    bare = await startBareBolt(slack.fakeUrl, logger);
    database = await engine.create();
    product = await startProduct(database, slack.fakeUrl, logger);
    for (let n = 1; n <= CONCURRENT_ACCOUNTS; n++) await product.bot.deps.accounts.create(concurrentAccount(n));

    // Warm-up: Bolt's first request authorizes (auth.test), and the JIT settles; none of it is counted.
    await slack.burst(bare.url, concurrentCommands(settings.warmup, 0), settings.concurrency);
    // The bare app never replies: left remembered, its commands would hold the drain below for its full timeout.
    await slack.drainReplies(0);
    await slack.burst(product.url, concurrentCommands(settings.warmup, 0), settings.concurrency);
    await slack.drainReplies(REPLY_DRAIN_MS);
    await slackQuiet(slack);

    let sent = settings.warmup;
    for (let round = 0; round < rounds; round++) {
      const size = Math.floor(settings.requests / rounds) + (round < settings.requests % rounds ? 1 : 0);
      await measuredBurst(slack, bare.url, concurrentCommands(size, sent), settings, bareRun, null);
      await slack.drainReplies(0); // The bare app never replies: forget its commands.
      missing += await measuredBurst(slack, product.url, concurrentCommands(size, sent), settings, productRun, replies);
      sent += size;
    }
  } finally {
    await product?.stop();
    await bare?.stop();
    await database?.close();
  }

  const bareSamples = bareRun.samples;
  const productSamples = productRun.samples;
  // A reply (response_url) comes only from cs-bot, after its ack; Slack shows it to the user.
  console.log(row(['', 'requests', 'ack p50', 'ack p99', 'ack max', 'not 200', 'loop stall'], ACK_WIDTHS));
  console.log(ackRow('bare Bolt (listener only acks)', bareSamples, bareRun.stallMs));
  console.log(ackRow('cs-bot /cs log', productSamples, productRun.stallMs));
  const replySummary = summarize(replies.map((reply) => reply.ms));
  console.log(
    row(
      [
        'cs-bot reply on response_url',
        String(replySummary.count),
        ms(replySummary.p50),
        ms(replySummary.p99),
        ms(replySummary.max),
        String(missing),
      ],
      ACK_WIDTHS,
    ),
  );
  const bareP99 = summarize(bareSamples.map((sample) => sample.ackMs)).p99;
  const productP99 = summarize(productSamples.map((sample) => sample.ackMs)).p99;
  const ratio = productP99 / bareP99;
  console.log(
    `ack p99 cs-bot / bare Bolt = ${ratio.toFixed(2)}x   (target: within ${RATIO_TARGET}x)   ` +
      `${ratio <= RATIO_TARGET ? 'meets' : 'MISSES'} the target`,
  );
  console.log(logger.summary());
  console.log(`${memoryLine('memory after part 1')}   ${loadLine()}`);
  verdict(
    `/cs log ack p99 at ${settings.concurrency} concurrent vs bare Bolt`,
    engine.name,
    `${ratio.toFixed(2)}x`,
    `<= ${RATIO_TARGET}x`,
    ratio <= RATIO_TARGET,
  );
}

// ---------------------------------------------------------------------------------------------
// 2. A command every 100 ms across the minute ticks, with 10,000 accounts

/** mulberry32, as the synthetic portfolio uses: the same accounts are logged to every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LOG_TYPES = ['call', 'email', 'meeting', 'cadence call'];

/** `/cs log` to accounts picked at random from the book, typed by someone on the account's team. */
function streamCommands(portfolio: ReturnType<typeof syntheticPortfolio>, total: number): CommandSpec[] {
  const random = seeded(7);
  return Array.from({ length: total }, (_, i) => {
    const { account } = portfolio[Math.floor(random() * portfolio.length)] ?? portfolio[0]!;
    const userId = account.team[0]?.slackUserId ?? 'U0BOTHER01';
    const type = LOG_TYPES[i % LOG_TYPES.length];
    return {
      text: `log ${account.name} ${type} Bench note ${i}: checked in on adoption`,
      userId,
      channelId: account.channelId ?? `D${userId}`,
    };
  });
}

interface Window {
  label: string;
  start: number;
  end: number;
  /** When the window's clock pass returned; null for a window without one. */
  passEnd: number | null;
  /** The event loop's worst hold-up in the window. */
  stallMs: number;
  pass: 'first' | 'later' | null;
}

/** Consecutive windows of the run: each closes when the next opens. */
function windowRecorder() {
  const windows: Window[] = [];
  let open: Omit<Window, 'end' | 'stallMs'> | null = null;
  const close = () => {
    if (open) windows.push({ ...open, end: nowMs(), stallMs: loopStallSinceReset() });
    open = null;
  };
  return {
    windows,
    begin(label: string, pass: Window['pass']) {
      close();
      loopStallSinceReset();
      open = { label, start: nowMs(), passEnd: null, pass };
    },
    passDone() {
      if (open) open.passEnd = nowMs();
    },
    close,
  };
}

const WINDOW_WIDTHS = [30, 8, 8, 6, 7, 9, 9, 9, 6, 10, 10];
const WINDOW_HEADER = [
  'window',
  'pass',
  'window',
  'sent',
  'in pass',
  'ack p50',
  'ack p99',
  'ack max',
  '> 3 s',
  'loop stall',
  'reply p99',
];

interface WindowFigures {
  passMs: number | null;
  windowMs: number | null;
  acks: number[];
  inPass: number | null;
  replies: number[];
  stallMs: number;
}

function windowRow(label: string, figures: WindowFigures): string {
  const summary = summarize(figures.acks, SLACK_LIMIT_MS);
  const reply = summarize(figures.replies);
  return row(
    [
      label,
      figures.passMs === null ? '' : seconds(figures.passMs),
      figures.windowMs === null ? '' : seconds(figures.windowMs),
      String(summary.count),
      figures.inPass === null ? '' : String(figures.inPass),
      ms(summary.p50),
      ms(summary.p99),
      ms(summary.max),
      String(summary.over),
      ms(figures.stallMs),
      ms(reply.p99),
    ],
    WINDOW_WIDTHS,
  );
}

function describePass(report: ClockPassReport): string {
  const p = report.planner;
  const d = report.dispatch;
  return (
    `planned ${p.accounts} account(s): ${p.tasksCreated} task(s) opened, ${p.tasksCompleted} completed, ` +
    `${p.tasksClosed} closed, ${p.messagesQueued} message(s) + ${p.digestsQueued} digest(s) queued; ` +
    (d
      ? `dispatcher sent ${d.sent} (${d.combinedMessages} combined, ${d.failed} failed, ${d.rateLimited} 429s)`
      : 'no dispatcher')
  );
}

async function clockBench(engine: BenchDatabase, slack: SlackSide, settings: Settings): Promise<void> {
  const today = dayIn(new Date(), TEAM_ZONE);
  console.log(
    `\n--- 2. ${settings.accounts} accounts, a /cs log every ${settings.intervalMs} ms across minute passes, ` +
      `${engine.name} (${TEAM_ZONE}; accounts tracked since ${settings.history ? 'before every contract' : 'the import'}) ---`,
  );
  let database: DatabaseHandle | null = null;
  let product: RunningProduct | null = null;
  const logger = countingLogger();
  let streaming = false;
  const recorder = windowRecorder();
  let samples: AckSample[] = [];
  let replies: Reply[] = [];
  let missing = 0;
  try {
    database = await engine.create();
    const portfolio = syntheticPortfolio(settings.accounts, today);
    const longAgo = new Date(Date.now() - 4 * 366 * 86_400_000);
    const seeded = await timed(() => seedPortfolio(database!.db, portfolio, settings.history ? longAgo : null));
    console.log(`seeded ${settings.accounts} accounts and ${seeded.result} activities in ${formatMs(seeded.ms)}`);
    await slack.addUsers(portfolioUsers(portfolio));
    const callsBefore = await slack.callCounts();

    product = await startProduct(database, slack.fakeUrl, logger);
    const { clocks } = product;
    // Bolt's first request authorizes (auth.test); a few commands get that and the JIT out of the way.
    await slack.burst(product.url, streamCommands(portfolio, 20).reverse(), 1);
    await slack.drainReplies(30_000);
    console.log(`${memoryLine('memory before the clocks')}   ${loadLine()}`);

    const streamStart = nowMs();
    await slack.startStream(product.url, streamCommands(portfolio, 1000), {
      intervalMs: settings.intervalMs,
      maxMs: settings.maxStreamMs,
      maxCount: Math.ceil(settings.maxStreamMs / settings.intervalMs) + 1,
    });
    streaming = true;

    recorder.begin('no pass running (baseline)', null);
    await sleep(BASELINE_MS);

    // As at start-up: the first pass at the current instant, then one at each whole minute.
    const firstAt = new Date();
    recorder.begin('first pass (plans the book)', 'first');
    const first = await timed(() => clocks.runPass(firstAt));
    recorder.passDone();
    console.log(`first pass: ${seconds(first.ms)}; ${describePass(first.result)}`);

    const minute = Math.floor(firstAt.getTime() / 60_000) * 60_000;
    for (let k = 1; k <= settings.quietPasses; k++) {
      // The pass and the few seconds after it: a quiet pass is over before the next command is due.
      recorder.begin(`pass at +${k} min`, 'later');
      const pass = await timed(() => clocks.runPass(new Date(minute + k * 60_000)));
      recorder.passDone();
      console.log(`pass at +${k} min: ${formatMs(pass.ms)}; ${describePass(pass.result)}`);
      if (pass.ms < QUIET_SLOT_MS) await sleep(QUIET_SLOT_MS - pass.ms);
    }
    recorder.close();
    samples = await slack.stopStream();
    streaming = false;
    if (nowMs() - streamStart > settings.maxStreamMs)
      console.log(
        `WARNING: the passes outlasted the ${seconds(settings.maxStreamMs)} command stream; late windows saw no commands.`,
      );
    ({ replies, missing } = await slack.drainReplies(REPLY_DRAIN_MS));
    console.log(`${memoryLine('memory after the clocks')}   ${loadLine()}`);
    console.log(logger.summary());
    const [stored] = await database.db.select({ n: count() }).from(tasks);
    const callsAfter = await slack.callCounts();
    const calls = Object.entries(callsAfter).map(([method, n]) => `${method} ${n - (callsBefore[method] ?? 0)}`);
    console.log(`tasks stored: ${stored?.n ?? 0}; fake Slack took ${calls.join(', ')}`);
  } finally {
    recorder.close();
    if (streaming) await slack.stopStream().catch(() => []);
    await product?.stop();
    await database?.close();
  }

  const { windows } = recorder;
  const within = (at: number, chosen: readonly Window[]) =>
    chosen.some((window) => at >= window.start && at < window.end);
  const acksIn = (chosen: readonly Window[]) =>
    samples.filter((sample) => within(sample.sentAt, chosen)).map((sample) => sample.ackMs);
  const figures = (chosen: readonly Window[], single: boolean): WindowFigures => {
    const passes = chosen.filter((window) => window.passEnd !== null);
    return {
      passMs: passes.length === 0 ? null : passes.reduce((sum, w) => sum + ((w.passEnd ?? w.start) - w.start), 0),
      windowMs: single ? chosen.reduce((sum, window) => sum + window.end - window.start, 0) : null,
      acks: acksIn(chosen),
      inPass:
        passes.length === 0
          ? null
          : samples.filter((sample) => passes.some((w) => sample.sentAt >= w.start && sample.sentAt < (w.passEnd ?? 0)))
              .length,
      replies: replies.filter((reply) => within(reply.sentAt, chosen)).map((reply) => reply.ms),
      stallMs: Math.max(0, ...chosen.map((window) => window.stallMs)),
    };
  };

  console.log(`\n${row(WINDOW_HEADER, WINDOW_WIDTHS)}`);
  for (const window of windows) console.log(windowRow(window.label, figures([window], true)));
  const firstPass = windows.filter((window) => window.pass === 'first');
  const later = windows.filter((window) => window.pass === 'later');
  console.log(windowRow(`all ${later.length} minute passes`, figures(later, false)));
  console.log(windowRow('all commands', figures(windows, false)));
  console.log(
    `pass: how long the clock pass ran; window: the pass and, for a minute pass, the rest of its ${seconds(QUIET_SLOT_MS)} slot; ` +
      `in pass: commands sent while the pass ran; loop stall: the app's event loop's worst hold-up.`,
  );
  console.log(
    `${samples.filter((sample) => sample.status !== 200).length} command(s) not answered 200; ` +
      `${missing} reply(ies) missing after ${seconds(REPLY_DRAIN_MS)}`,
  );

  for (const [label, chosen] of [
    ['first pass', firstPass],
    [`${later.length} minute passes after it`, later],
  ] as const) {
    const summary = summarize(acksIn(chosen), SLACK_LIMIT_MS);
    const ok = summary.count > 0 && summary.p99 < P99_TARGET_MS && summary.over === 0;
    console.log(
      `${label}: ${summary.count} commands, ack p99 ${ms(summary.p99)} (target < ${P99_TARGET_MS} ms), ` +
        `${summary.over} over 3 s (target 0): ${ok ? 'meets' : 'MISSES'} the target`,
    );
    verdict(
      `${settings.accounts} accounts, ${label}: ack p99 / > 3 s`,
      engine.name,
      `${ms(summary.p99)} / ${summary.over}`,
      `< ${P99_TARGET_MS} ms / 0`,
      ok,
    );
  }
}

export default async function run(): Promise<void> {
  const settings = settingsFromEnv();
  console.log(`machine: ${loadLine()}`);
  const slack = await startSlackSide(SIGNING_SECRET);
  loopDelay.enable();
  try {
    for (const engine of benchDatabases()) {
      if (settings.parts.has('1')) await concurrentBench(engine, slack, settings);
      if (settings.parts.has('2')) await clockBench(engine, slack, settings);
    }
  } finally {
    loopDelay.disable();
    await slack.close();
  }
  const table = [['figure', 'engine', 'measured', 'target', 'verdict'], ...verdicts];
  const widths = table[0]?.map((_, column) => Math.max(...table.map((cells) => cells[column]?.length ?? 0))) ?? [];
  console.log('');
  for (const cells of table) console.log(row(cells, widths));
}
