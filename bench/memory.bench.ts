/**
 * Resident memory of cs-bot at 100,000 accounts on PostgreSQL; the target is under 300 MB.
 *
 * Seeds a throwaway database on BENCH_DATABASE_URL's server (BENCH_MEMORY_ACCOUNTS accounts with
 * about BENCH_MEMORY_ACTIVITIES activities each), starts the real `src/main.ts` as a child process
 * on it (with the node flags of `npm start`, against a fake Slack on 127.0.0.1), and reads the child's VmRSS from
 * /proc while it starts, runs its first clock pass, sends what that pass queued, and then through
 * quiet minute passes. Prints figures; never fails on a target.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- memory
 *
 * Knobs: BENCH_MEMORY_ACCOUNTS (100000), BENCH_MEMORY_ACTIVITIES (20), BENCH_MEMORY_SAMPLE_SECONDS
 * (90: the quiet sampling), BENCH_MEMORY_FIRST_PASS_MINUTES (20) and BENCH_MEMORY_DRAIN_MINUTES
 * (15): bounds on waiting for the first pass and for its messages to be sent;
 * BENCH_MEMORY_NODE_FLAGS (extra node flags for the bot, e.g. `--trace-gc`) and
 * BENCH_MEMORY_CHILD_LOG (a file that gets everything the bot prints).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { and, count, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../src/db/database';
import { accountMembers, accounts, activities, notifications, tasks } from '../src/db/schema';
import { accountNameKey } from '../src/domain/account';
import { dayIn } from '../src/domain/calendar-day';
import { type FakeSlack, startFakeSlack } from '../test/support/fake-slack';
import { startNodeFlags } from '../test/support/start-command';
import { seconds } from './support/latency';
import { formatMs, positiveIntegerFromEnv, timed } from './support/measure';
import { portfolioUsers } from './support/seed-portfolio';
import { type SyntheticAccount, syntheticPortfolio } from './support/synthetic-portfolio';
import { createThrowawayPostgres } from './support/throwaway-postgres';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEAM_ZONE = 'Europe/Berlin';
const TARGET_MB = 300;

/** Accounts generated and written per round: seeding memory stays flat whatever the total. */
const SEED_CHUNK = 5_000;
const ROWS_PER_INSERT = 1_000;
const POLL_MS = 2_000;
const SAMPLE_MS = 500;

interface Settings {
  accounts: number;
  activitiesPerAccount: number;
  sampleMs: number;
  firstPassMs: number;
  drainMs: number;
  /** Flags for the bot's node beyond those `npm start` passes (--trace-gc, other heap settings). */
  nodeFlags: string[];
}

function settingsFromEnv(): Settings {
  return {
    accounts: positiveIntegerFromEnv('BENCH_MEMORY_ACCOUNTS', 100_000),
    activitiesPerAccount: positiveIntegerFromEnv('BENCH_MEMORY_ACTIVITIES', 20),
    sampleMs: positiveIntegerFromEnv('BENCH_MEMORY_SAMPLE_SECONDS', 90) * 1000,
    firstPassMs: positiveIntegerFromEnv('BENCH_MEMORY_FIRST_PASS_MINUTES', 20) * 60_000,
    drainMs: positiveIntegerFromEnv('BENCH_MEMORY_DRAIN_MINUTES', 15) * 60_000,
    nodeFlags: (process.env.BENCH_MEMORY_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean),
  };
}

// ---------------------------------------------------------------------------------------------
// Seeding, in bulk

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * One chunk of the book, numbered from `first`: the portfolio's accounts, renamed to stay unique,
 * each chunk with a team of its own (the portfolio's pools are sized for a few thousand accounts:
 * about 120 people, so a CSM still holds a hundred-odd accounts).
 */
function chunkOfBook(first: number, size: number, today: string): SyntheticAccount[] {
  const team = (id: string) => `U${pad(Math.floor(first / SEED_CHUNK), 3)}${id.slice(1)}`;
  return syntheticPortfolio(size, today, 20_260_101 + first).map((entry, i) => ({
    account: {
      ...entry.account,
      name: `Bench Account ${pad(first + i, 6)}`,
      channelId: entry.account.channelId === null ? null : `C0B${pad(first + i, 8)}`,
      team: entry.account.team.map((member) => ({ ...member, slackUserId: team(member.slackUserId) })),
    },
    activities: entry.activities.map((activity) => ({ ...activity, loggedBy: team(activity.loggedBy) })),
  }));
}

/** A Postgres array literal of values we made ourselves (uuids from the database, whole numbers). */
const arrayLiteral = (values: readonly (string | number)[], type: 'uuid' | 'int') =>
  sql.raw(`'{${values.join(',')}}'::${type}[]`);

/**
 * Tops each account's timeline up to `perAccount` activities in one statement: calls, emails,
 * meetings, cadence calls and milestones between its contract start (or half a year ago) and
 * today, denser lately, logged by someone on its team.
 */
function fillerActivities(fill: ReadonlyArray<{ id: string; fill: number }>) {
  return sql`
    insert into activities (account_id, type, occurred_on, logged_by, notes)
    select a.id,
           (array['call','email','meeting','cadence_call','email','call','meeting','cadence_call',
                  'onboarding_milestone','other'])[1 + floor(random() * 10)::int],
           since.day + floor((current_date - since.day) * (1 - power(random(), 2)))::int,
           coalesce(lead.user_id, 'U0BOTHER01'),
           'Synthetic activity for the memory bench.'
    from unnest(${arrayLiteral(
      fill.map((f) => f.id),
      'uuid',
    )}, ${arrayLiteral(
      fill.map((f) => Math.max(0, f.fill)),
      'int',
    )}) as t(id, fill)
    join accounts a on a.id = t.id
    cross join lateral (select least(coalesce(a.contract_start, current_date - 180), current_date) as day) since
    left join lateral (
      select m.slack_user_id as user_id from account_members m where m.account_id = a.id order by m.role limit 1
    ) lead on true
    cross join lateral generate_series(1, t.fill) g`;
}

async function seedChunk(db: Database, book: SyntheticAccount[], perAccount: number): Promise<number> {
  const ids = new Map<string, string>();
  for (let i = 0; i < book.length; i += ROWS_PER_INSERT) {
    const rows = book.slice(i, i + ROWS_PER_INSERT).map(({ account }) => ({
      name: account.name,
      nameKey: accountNameKey(account.name),
      channelId: account.channelId,
      employeeCount: account.employeeCount,
      salesSegment: account.salesSegment,
      csmSegment: account.csmSegment,
      priority: account.priority,
      health: account.health,
      contractStart: account.contractStart,
      renewalDate: account.renewalDate,
      successServices: account.successServices,
      csaAseIdentifiedOn: account.csaAseIdentifiedOn,
      successPlanActive: account.successPlanActive,
    }));
    for (const row of await db.insert(accounts).values(rows).returning({ id: accounts.id, name: accounts.name }))
      ids.set(row.name, row.id);
  }
  const idOf = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new Error(`Seeded account ${name} is missing`);
    return id;
  };
  const members = book.flatMap(({ account }) =>
    account.team.map((member) => ({ accountId: idOf(account.name), ...member })),
  );
  for (let i = 0; i < members.length; i += ROWS_PER_INSERT * 4)
    await db.insert(accountMembers).values(members.slice(i, i + ROWS_PER_INSERT * 4));
  const own = book.flatMap(({ account, activities: drafts }) =>
    drafts.map((draft) => ({ ...draft, accountId: idOf(account.name) })),
  );
  for (let i = 0; i < own.length; i += ROWS_PER_INSERT)
    await db.insert(activities).values(own.slice(i, i + ROWS_PER_INSERT));

  const fill = book.map(({ account, activities: drafts }) => ({
    id: idOf(account.name),
    fill: perAccount - drafts.length,
  }));
  await db.execute(fillerActivities(fill));
  return own.length + fill.reduce((sum, f) => sum + Math.max(0, f.fill), 0);
}

/**
 * Seeds the whole book in chunks. The replan triggers on activities and team members are off
 * meanwhile (one UPDATE of the account per inserted row would only re-mark new accounts, which
 * are due at the first pass already) and back on before the bot starts.
 */
async function seedBook(
  db: Database,
  settings: Settings,
  today: string,
): Promise<{ activities: number; users: number }> {
  const users = new Set<string>();
  let stored = 0;
  await db.execute(sql`alter table activities disable trigger activities_replan_account`);
  await db.execute(sql`alter table account_members disable trigger account_members_replan_account`);
  try {
    for (let first = 1; first <= settings.accounts; first += SEED_CHUNK) {
      const book = chunkOfBook(first, Math.min(SEED_CHUNK, settings.accounts - first + 1), today);
      stored += await seedChunk(db, book, settings.activitiesPerAccount);
      for (const user of portfolioUsers(book)) users.add(user.id);
    }
  } finally {
    await db.execute(sql`alter table activities enable trigger activities_replan_account`);
    await db.execute(sql`alter table account_members enable trigger account_members_replan_account`);
  }
  // What autovacuum would do soon after an import: statistics for the planner's queries.
  await db.execute(sql`analyze`);
  return { activities: stored, users: users.size };
}

// ---------------------------------------------------------------------------------------------
// The bot as a process

interface Bot {
  child: ChildProcess;
  /** Everything it printed, in order (bounded: the first and latest lines). */
  lines(): string[];
  exited: Promise<number | null>;
}

const KEPT_LINES = 200;

function startBot(env: Record<string, string>, nodeFlags: string[]): Bot {
  const child = spawn(process.execPath, [...startNodeFlags(), ...nodeFlags, 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const head: string[] = [];
  const tail: string[] = [];
  let partial = '';
  const take = (chunk: Buffer) => {
    const text = partial + String(chunk);
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (head.length < KEPT_LINES / 2) head.push(line);
      else {
        tail.push(line);
        if (tail.length > KEPT_LINES / 2) tail.shift();
      }
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const logFile = process.env.BENCH_MEMORY_CHILD_LOG;
  if (logFile) {
    const log = createWriteStream(logFile);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, lines: () => [...head, ...tail, ...(partial ? [partial] : [])], exited };
}

async function stopBot(bot: Bot): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  bot.child.kill('SIGTERM');
  const stopped = await Promise.race([bot.exited.then(() => true), sleep(15_000).then(() => false)]);
  if (!stopped) {
    bot.child.kill('SIGKILL');
    await bot.exited;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** VmRSS and VmHWM (the kernel's peak) of a process, in MB; null once it has gone. */
function residentMb(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

interface Phase {
  label: string;
  startedAt: number;
  endedAt: number;
  samples: number[];
  posts: number;
}

/** Samples the child's RSS every SAMPLE_MS into the current phase, and counts the fake's posts. */
function memorySampler(pid: number, fake: FakeSlack) {
  const phases: Phase[] = [];
  let current: Phase | null = null;
  let hwm = 0;
  const posts = new Map<string, number>();
  const countCalls = () => {
    // The fake keeps every call and message; counted and forgotten, they cost this process nothing.
    for (const call of fake.calls) posts.set(call.method, (posts.get(call.method) ?? 0) + 1);
    if (current) current.posts += fake.calls.filter((call) => call.method === 'chat.postMessage').length;
    fake.reset();
  };
  const timer = setInterval(() => {
    const now = residentMb(pid);
    if (!now) return;
    hwm = Math.max(hwm, now.hwm);
    current?.samples.push(now.rss);
    countCalls();
  }, SAMPLE_MS);
  return {
    phases,
    begin(label: string) {
      if (current) current.endedAt = Date.now();
      current = { label, startedAt: Date.now(), endedAt: Date.now(), samples: [], posts: 0 };
      phases.push(current);
    },
    stop() {
      clearInterval(timer);
      countCalls();
      if (current) current.endedAt = Date.now();
      current = null;
    },
    hwm: () => hwm,
    calls: () => Object.fromEntries(posts),
  };
}

async function waitFor(what: () => Promise<boolean> | boolean, timeoutMs: number, bot: Bot): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.child.exitCode !== null) throw new Error(`cs-bot exited early:\n${bot.lines().join('\n')}`);
    if (await what()) return true;
    await sleep(POLL_MS);
  }
  return false;
}

async function scalar(query: PromiseLike<Array<{ n: number }>>): Promise<number> {
  const [row] = await query;
  return Number(row?.n ?? 0);
}

const mb = (value: number) => `${value.toFixed(0)} MB`;

export default async function run(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    console.log(
      'The memory bench needs a PostgreSQL server: set BENCH_DATABASE_URL, e.g. ' +
        'BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- memory',
    );
    return;
  }
  const settings = settingsFromEnv();
  const today = dayIn(new Date(), TEAM_ZONE);
  console.log(
    `\n--- ${settings.accounts} accounts, ~${settings.activitiesPerAccount} activities each, cs-bot as a process on ` +
      `PostgreSQL (${new URL(adminUrl).host}); load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} ---`,
  );
  // A few connections: the bench only seeds and polls; cs-bot runs in its own process.
  const database = await createThrowawayPostgres(adminUrl, { maxConnections: 4 });
  let fake: FakeSlack | null = null;
  let bot: Bot | null = null;
  let sampler: ReturnType<typeof memorySampler> | null = null;
  try {
    const { db } = database.handle;
    const seeded = await timed(() => seedBook(db, settings, today));
    console.log(
      `seeded ${settings.accounts} accounts, ${seeded.result.activities} activities and ` +
        `${seeded.result.users} team members in ${formatMs(seeded.ms)}`,
    );

    fake = await startFakeSlack();
    const zones = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
    const members = await db.selectDistinct({ id: accountMembers.slackUserId }).from(accountMembers);
    for (const [i, { id }] of members.entries()) fake.addUser({ id, tz: zones[i % zones.length] ?? 'UTC' });

    const started = Date.now();
    bot = startBot(
      {
        SLACK_BOT_TOKEN: 'xoxb-memory-bench',
        SLACK_SIGNING_SECRET: 'memory-bench-signing-secret',
        SLACK_API_URL: fake.url,
        PORT: '0',
        DATABASE_URL: database.url,
        CS_TIMEZONE: TEAM_ZONE,
        LOG_LEVEL: 'info',
      },
      settings.nodeFlags,
    );
    const child = bot;
    const pid = child.child.pid;
    if (pid === undefined) throw new Error('cs-bot did not start');
    sampler = memorySampler(pid, fake);
    sampler.begin('start-up (tsx, migrations, Bolt)');

    const running = await waitFor(
      () => child.lines().some((line) => line.includes('cs-bot is running')),
      120_000,
      child,
    );
    if (!running) throw new Error(`cs-bot did not say it was running within 2 min:\n${child.lines().join('\n')}`);
    const upMs = Date.now() - started;
    sampler.begin('first pass (plans the book)');
    const passStarted = Date.now();

    // The pass is over when no account is still due from the import ('epoch') and the tasks stop growing.
    let lastTasks = -1;
    const planned = await waitFor(
      async () => {
        const due = await scalar(
          db
            .select({ n: count() })
            .from(accounts)
            .where(lte(accounts.replanAt, new Date(0))),
        );
        const stored = await scalar(db.select({ n: count() }).from(tasks));
        const steady = due === 0 && stored === lastTasks;
        lastTasks = stored;
        return steady;
      },
      settings.firstPassMs,
      child,
    );
    const passMs = Date.now() - passStarted;
    console.log(
      `cs-bot up in ${seconds(upMs)}; first pass ${planned ? 'done' : 'NOT done'} after ${seconds(passMs)} ` +
        `with ${lastTasks} tasks stored`,
    );

    sampler.begin('sending what the first pass queued');
    const drainStarted = Date.now();
    const drained = await waitFor(
      async () =>
        (await scalar(
          db
            .select({ n: count() })
            .from(notifications)
            .where(and(inArray(notifications.status, ['pending', 'sending']), lte(notifications.dueAt, new Date()))),
        )) === 0,
      settings.drainMs,
      child,
    );
    console.log(
      `outbox ${drained ? 'drained' : 'NOT drained'} after ${seconds(Date.now() - drainStarted)} ` +
        `(bound ${seconds(settings.drainMs)})`,
    );

    sampler.begin(`quiet minutes (${seconds(settings.sampleMs)})`);
    await sleep(settings.sampleMs);
    if (child.child.exitCode !== null) throw new Error(`cs-bot exited while sampled:\n${child.lines().join('\n')}`);
    sampler.stop();

    const widths = [36, 9, 9, 9, 9, 9, 8];
    const cells = (values: string[]) =>
      values.map((value, i) => (i === 0 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0))).join('  ');
    console.log(`\n${cells(['phase', 'duration', 'samples', 'rss min', 'rss mean', 'rss peak', 'posts'])}`);
    let peak = 0;
    let quietPeak = 0;
    for (const phase of sampler.phases) {
      const { samples } = phase;
      const max = Math.max(0, ...samples);
      peak = Math.max(peak, max);
      if (phase.label.startsWith('quiet')) quietPeak = max;
      const mean = samples.reduce((sum, value) => sum + value, 0) / Math.max(1, samples.length);
      console.log(
        cells([
          phase.label,
          seconds(phase.endedAt - phase.startedAt),
          String(samples.length),
          samples.length ? mb(Math.min(...samples)) : '-',
          samples.length ? mb(mean) : '-',
          samples.length ? mb(max) : '-',
          String(phase.posts),
        ]),
      );
    }
    const hwm = sampler.hwm();
    console.log(`kernel high-water mark (VmHWM) of the cs-bot process: ${mb(hwm)}`);
    console.log(`fake Slack took ${JSON.stringify(sampler.calls())}`);
    const clockLines = child.lines().filter((line) => /Clocks at|Reminders since|failed|error/i.test(line));
    if (clockLines.length > 0) console.log(`cs-bot said:\n  ${clockLines.slice(0, 12).join('\n  ')}`);
    console.log(
      `\nresident memory in quiet minutes: peak ${mb(quietPeak)} (target < ${TARGET_MB} MB): ${quietPeak < TARGET_MB ? 'meets' : 'MISSES'} the target`,
    );
    console.log(
      `resident memory overall (start-up, first pass, sending): peak ${mb(Math.max(peak, hwm))} ` +
        `(target < ${TARGET_MB} MB): ${Math.max(peak, hwm) < TARGET_MB ? 'meets' : 'MISSES'} the target`,
    );
  } finally {
    sampler?.stop();
    if (bot) await stopBot(bot);
    await fake?.close();
    await database.close();
  }
}
