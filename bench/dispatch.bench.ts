/**
 * How fast the dispatcher drains a burst: 3,000 reminders due at once over 300 account channels,
 * rendered by the real renderer, posted to the fake Slack holding every channel to one post a
 * second (it answers 429 to anything faster, as Slack does). Slack's pace alone needs
 * (10 - 1) x 1 s = 9 s; the target is within 1.2x of that, nothing lost, nothing sent twice, no 429.
 * One dispatcher, then two sharing the database (replicas), on PGlite and, with
 * BENCH_DATABASE_URL or TEST_DATABASE_URL, PostgreSQL.
 *
 *   BENCH_CHANNELS=300 BENCH_PER_CHANNEL=10 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- dispatch
 */
import { webApi } from '@slack/bolt';
import type { Database, DatabaseHandle } from '../src/db/database';
import { accounts, tasks } from '../src/db/schema';
import { queueTaskOpened, taskOpenedKey } from '../src/outbox';
import {
  createDispatcher,
  createReminderSlackClient,
  DEFAULT_DISPATCHER_OPTIONS,
  type DispatchReport,
  sharedStatementWindowMs,
} from '../src/reminders/dispatch';
import { createNotificationRenderer } from '../src/reminders/render-notification';
import { createTaskRepository } from '../src/tasks/task-repository';
import { type BenchDatabase, benchDatabases } from './support/bench-databases';
import { startFakeSlackThread } from './support/fake-slack-thread';
import { memoryLine, positiveIntegerFromEnv, timed } from './support/measure';

const TARGET_RATIO = 1.2;
const CSM = 'U0BENCHCSM1';

interface Outcome {
  engine: string;
  dispatchers: number;
  rows: number;
  channels: number;
  ms: number;
  /** From the start of the run to its first post: claiming and routing. */
  firstPostMs: number;
  meanGapMs: number;
  minimumMs: number;
  lost: number;
  sentTwice: number;
  rateLimited: number;
  late: number;
}

const channelId = (index: number) => `C0D${String(index).padStart(8, '0')}`;

/** Accounts with a channel each, `perChannel` open tasks on each, and their "task opened" rows due now. */
async function seed(db: Database, channelCount: number, perChannel: number, now: Date): Promise<string[]> {
  const created = await db
    .insert(accounts)
    .values(
      Array.from({ length: channelCount }, (_, index) => ({
        name: `Dispatch Bench ${index}`,
        nameKey: `dispatch bench ${index}`,
        channelId: channelId(index),
      })),
    )
    .returning({ id: accounts.id, channelId: accounts.channelId });
  const keys: string[] = [];
  for (const account of created) {
    const opened = await db
      .insert(tasks)
      .values(
        Array.from({ length: perChannel }, (_, index) => ({
          accountId: account.id,
          ruleId: 'onboarding.welcome',
          periodKey: `2026-01-${String(index + 1).padStart(2, '0')}`,
          title: 'Welcome mail',
          forRole: 'CSM' as const,
          forUser: CSM,
          opensAt: now,
          dueAt: new Date(now.getTime() + 7 * 86_400_000),
        })),
      )
      .returning({ id: tasks.id });
    const rows = opened.map((task) => ({
      key: taskOpenedKey(task.id),
      accountId: account.id,
      taskIds: [task.id],
      recipientUser: CSM,
      channelId: account.channelId,
      dueAt: now,
    }));
    await queueTaskOpened(db, rows);
    keys.push(...rows.map((row) => row.key));
  }
  return keys;
}

/** A dispatcher wired as createClockRuntime wires the bot's, with the default options. */
function dispatcherOn(db: Database, slackApiUrl: string, instanceId: string) {
  const { perChannelIntervalMs } = DEFAULT_DISPATCHER_OPTIONS;
  return createDispatcher({
    db,
    slack: createReminderSlackClient('xoxb-bench', { slackApiUrl, logLevel: webApi.LogLevel.ERROR }),
    render: createNotificationRenderer({
      db,
      tasks: createTaskRepository({ db }),
      timeZone: 'UTC',
      batchWindowMs: sharedStatementWindowMs(perChannelIntervalMs, 'before post'),
    }),
    instanceId,
    admins: [],
  });
}

async function scenario(engine: BenchDatabase, dispatchers: number, channels: number, perChannel: number) {
  const fake = await startFakeSlackThread({ channelPostIntervalMs: DEFAULT_DISPATCHER_OPTIONS.perChannelIntervalMs });
  let handle: DatabaseHandle | null = null;
  try {
    handle = await engine.create();
    const { db } = handle;
    const keys = await seed(db, channels, perChannel, new Date());
    const replicas = Array.from({ length: dispatchers }, (_, index) => dispatcherOn(db, fake.url, `bench-${index}`));
    const startedAt = Date.now();
    const run = await timed(() => Promise.all(replicas.map((replica) => replica.drain(new Date()))));
    // Stopped, they close the session their claims named (on PostgreSQL a connection of its own).
    await Promise.all(replicas.map((replica) => replica.stop()));
    const tally = await fake.tally();
    const posts = tally.postsPerKey;
    const outcome: Outcome = {
      engine: engine.name,
      dispatchers,
      rows: keys.length,
      channels,
      ms: run.ms,
      firstPostMs: tally.firstAt - startedAt,
      meanGapMs: tally.meanGapMs,
      minimumMs: (perChannel - 1) * DEFAULT_DISPATCHER_OPTIONS.perChannelIntervalMs,
      lost: keys.filter((key) => !posts.has(key)).length,
      sentTwice: [...posts.values()].filter((count) => count > 1).length,
      rateLimited: tally.rateLimited,
      late: run.result.reduce((total: number, report: DispatchReport) => total + report.late, 0),
    };
    console.log(memoryLine(`memory after ${dispatchers} dispatcher(s)`));
    return outcome;
  } finally {
    await handle?.close();
    await fake.close();
  }
}

function table(outcomes: Outcome[]): void {
  const header = [
    'engine',
    'dispatchers',
    'rows',
    'channels',
    'elapsed',
    'minimum',
    'ratio',
    'lost',
    'twice',
    '429s',
    'first post',
    'gap in a channel',
  ];
  const rows = outcomes.map((o) => [
    o.engine,
    String(o.dispatchers),
    String(o.rows),
    String(o.channels),
    `${(o.ms / 1000).toFixed(2)} s`,
    `${(o.minimumMs / 1000).toFixed(1)} s`,
    `${(o.ms / o.minimumMs).toFixed(2)}x${o.ms / o.minimumMs <= TARGET_RATIO ? '' : ' (over 1.2x)'}`,
    String(o.lost),
    String(o.sentTwice),
    String(o.rateLimited),
    `${(o.firstPostMs / 1000).toFixed(2)} s`,
    `${(o.meanGapMs / 1000).toFixed(3)} s`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  for (const row of [header, ...rows])
    console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
}

export default async function run(): Promise<void> {
  const channels = positiveIntegerFromEnv('BENCH_CHANNELS', 300);
  const perChannel = positiveIntegerFromEnv('BENCH_PER_CHANNEL', 10);
  console.log(
    `${channels * perChannel} reminders due at once over ${channels} channels; Slack takes one post a second per channel ` +
      `(target: within ${TARGET_RATIO}x of the ${perChannel - 1} s that pace needs, 0 lost, 0 twice, 0 429s)`,
  );
  const engines = benchDatabases(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  // The bot that meets a burst has been running: one post in each of 50 channels first, untimed,
  // so the figures are not those of code the JIT has not compiled yet.
  if (engines[0]) await scenario(engines[0], 1, 50, 1);
  const outcomes: Outcome[] = [];
  for (const engine of engines) {
    for (const dispatchers of [1, 2]) outcomes.push(await scenario(engine, dispatchers, channels, perChannel));
  }
  table(outcomes);
  const failed = outcomes.filter((o) => o.lost > 0 || o.sentTwice > 0);
  if (failed.length > 0) throw new Error(`${failed.length} scenario(s) lost or doubled reminders`);
}
