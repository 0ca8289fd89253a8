import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env';
import { notifications } from '../../src/db/schema';
import { createClockRuntime } from '../../src/reminders/clock-runtime';
import { createReminderSlackClient } from '../../src/reminders/dispatch';
import { createAccount, type E2eContext, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD, type RecordedCall } from '../support/fake-slack';
import { testDatabases } from '../support/test-databases';

const ZONE = 'Europe/Berlin';
const REPORT_CHANNEL = 'C0TEAMDIG1';
const CSM = 'U0CSMDIG01';
const ADMIN = 'U0ADMINDG1';

let clock = new Date('2027-02-26T10:00:00Z');

/**
 * One replica of the bot's clocks, wired as src/main.ts wires them: its configuration read from
 * the environment, its own planner, dispatcher and Slack client, on the test's database.
 */
function replica(context: E2eContext, env: Record<string, string>) {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'replica-secret',
    SLACK_API_URL: context.fake.url,
    CS_TIMEZONE: ZONE,
    CS_ADMINS: ADMIN,
    ...env,
  });
  return createClockRuntime({
    db: context.database.db,
    slack: createReminderSlackClient(config.slack.botToken, { slackApiUrl: context.fake.url }),
    timeZone: config.timeZone,
    admins: config.admins,
    reportChannel: config.reportChannel,
    dispatcherOptions: { perChannelIntervalMs: 1 },
  });
}

type Replica = ReturnType<typeof replica>;

/** Both replicas run the minute's pass at the same instant: each plans, then each dispatches. */
async function minute(replicas: Replica[], at: string): Promise<void> {
  clock = new Date(at);
  await Promise.all(replicas.map((one) => one.runPass(clock)));
}

async function stopAll(replicas: Replica[]): Promise<void> {
  await Promise.all(replicas.map((one) => one.stopDispatching()));
}

const postsTo = (context: E2eContext, channel: string) =>
  context.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
const textOf = (call: RecordedCall | undefined) => JSON.stringify([call?.args.text, call?.args.blocks]);

describe.each(testDatabases())('the Monday team digest, end to end on $name', (engine) => {
  const context = useRunningApp(engine, {
    timeZone: ZONE,
    now: () => clock,
    env: { CS_ADMINS: ADMIN, CS_REPORT_CHANNEL: REPORT_CHANNEL },
  });

  /** `/cs log` through the running app, at the test clock; resolves once the reply and the summary are out. */
  async function logActivity(line: string, channel: string) {
    await context.app.command(`log ${line}`, { userId: CSM, channelId: channel });
    expect(String((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args.text)).toContain('Logged');
    await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === channel);
  }

  beforeAll(async () => {
    context.fake.addUser({ id: CSM, tz: ZONE });
    context.fake.addUser({ id: ADMIN, tz: ZONE });
    context.fake.addChannel({ id: REPORT_CHANNEL, name: 'cs-team' });
    context.fake.addChannel({ id: 'C0INITDIG1', name: 'initech' });
    context.fake.addChannel({ id: 'C0ACMEDIG1', name: 'acme' });
    // Three accounts with no contract start or renewal: no clock runs for them, so the only
    // message a pass can send is the digest. Initech has an activity, logged on Friday 26 February.
    await createAccount(context, {
      name: 'Acme Digest',
      channelId: 'C0ACMEDIG1',
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    await createAccount(context, { name: 'Globex Digest', team: [{ role: 'CSM', slackUserId: CSM }] });
    await createAccount(context, {
      name: 'Initech Digest',
      channelId: 'C0INITDIG1',
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    clock = new Date('2027-02-26T10:00:00Z');
    await logActivity('"Initech Digest" call Went well', 'C0INITDIG1');
  });

  it('posts nothing, and queues nothing, when CS_REPORT_CHANNEL is unset', async () => {
    const unset = [replica(context, {}), replica(context, {})];
    // Monday 1 March 2027, 09:05 in Berlin (CET, UTC+1).
    await minute(unset, '2027-03-01T08:05:00Z');
    await stopAll(unset);
    expect(context.fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(
      await context.database.db.select().from(notifications).where(eq(notifications.kind, 'team_digest')),
    ).toHaveLength(0);
  });

  it('posts the Monday digest exactly once across two replicas, nothing on Sunday or before 09:00, and once more the next Monday', async () => {
    const replicas = [
      replica(context, { CS_REPORT_CHANNEL: REPORT_CHANNEL }),
      replica(context, { CS_REPORT_CHANNEL: REPORT_CHANNEL }),
    ];
    try {
      // Sunday 28 February, 20:00 in Berlin, and Monday 1 March, 08:59: not yet.
      await minute(replicas, '2027-02-28T19:00:00Z');
      await minute(replicas, '2027-03-01T07:59:00Z');
      expect(postsTo(context, REPORT_CHANNEL)).toHaveLength(0);

      // Monday 09:00: both replicas plan and dispatch at once; one message goes out.
      await minute(replicas, '2027-03-01T08:00:00Z');
      const [first] = postsTo(context, REPORT_CHANNEL);
      expect(postsTo(context, REPORT_CHANNEL)).toHaveLength(1);
      // Acme and Globex have nothing logged; Initech's call of 26 February is 3 days old.
      expect(first?.args.text).toContain('Team view, Mon 1 Mar 2027');
      expect(first?.args.text).toContain('Overdue tasks: 0');
      expect(first?.args.text).toContain('Accounts with no activity in 30 days: 2');
      expect(textOf(first)).toContain('*Acme Digest*');
      expect(textOf(first)).toContain('*Globex Digest*');
      expect(textOf(first)).not.toContain('*Initech Digest*');
      expect(textOf(first)).not.toContain('Sent late');
      expect(first?.args.metadata).toMatchObject({ event_type: 'cs_bot_reminder' });

      // Every later minute of the week finds the week's digest queued already.
      await minute(replicas, '2027-03-01T08:01:00Z');
      await minute(replicas, '2027-03-03T11:00:00Z');
      await logActivity('"Acme Digest" email Sent the plan', 'C0ACMEDIG1');
      await minute(replicas, '2027-03-05T16:00:00Z');
      await minute(replicas, '2027-03-07T19:00:00Z');
      await minute(replicas, '2027-03-08T07:59:00Z');
      expect(postsTo(context, REPORT_CHANNEL)).toHaveLength(1);

      // Monday 8 March, 09:00: the next week's digest, read as of then (Acme had its email on Wednesday).
      await minute(replicas, '2027-03-08T08:00:00Z');
      const posts = postsTo(context, REPORT_CHANNEL);
      expect(posts).toHaveLength(2);
      expect(posts[1]?.args.text).toContain('Team view, Mon 8 Mar 2027');
      expect(posts[1]?.args.text).toContain('Accounts with no activity in 30 days: 1');
      expect(textOf(posts[1])).toContain('*Globex Digest*');
      expect(textOf(posts[1])).not.toContain('*Acme Digest*');

      const rows = await context.database.db.select().from(notifications).where(eq(notifications.kind, 'team_digest'));
      expect(
        rows
          .map((row) => ({ key: row.key, status: row.status, late: row.late }))
          .sort((a, b) => a.key.localeCompare(b.key)),
      ).toEqual([
        { key: 'team-digest:2027-03-01', status: 'sent', late: false },
        { key: 'team-digest:2027-03-08', status: 'sent', late: false },
      ]);
    } finally {
      await stopAll(replicas);
    }
  });

  it('sends a Monday digest the bot missed when it is back later that week, marked late, and not again', async () => {
    const replicas = [
      replica(context, { CS_REPORT_CHANNEL: REPORT_CHANNEL }),
      replica(context, { CS_REPORT_CHANNEL: REPORT_CHANNEL }),
    ];
    try {
      // Nothing ran on Monday 15 March; the bot is back on Wednesday 17 March, 10:00 in Berlin.
      await minute(replicas, '2027-03-17T09:00:00Z');
      await minute(replicas, '2027-03-17T09:01:00Z');
      const posts = postsTo(context, REPORT_CHANNEL);
      expect(posts).toHaveLength(1);
      expect(textOf(posts[0])).toContain("Sent late: this week's digest was due Mon 15 Mar 2027 at 09:00");
      expect(posts[0]?.args.text).toContain('Team view, Wed 17 Mar 2027');
      const [row] = await context.database.db
        .select()
        .from(notifications)
        .where(eq(notifications.key, 'team-digest:2027-03-15'));
      expect(row).toMatchObject({ status: 'sent', late: true });
    } finally {
      await stopAll(replicas);
    }
  });

  it('sends the digest to each admin instead, saying why, when Slack refuses the report channel', async () => {
    const replicas = [
      replica(context, { CS_REPORT_CHANNEL: 'C0ARCHDIG1' }),
      replica(context, { CS_REPORT_CHANNEL: 'C0ARCHDIG1' }),
    ];
    try {
      // Monday 22 March, 09:00 in Berlin: the report channel was archived, so Slack answers is_archived.
      context.fake.addChannel({ id: 'C0ARCHDIG1', name: 'old-cs-team', archived: true });
      await minute(replicas, '2027-03-22T08:00:00Z');
      await minute(replicas, '2027-03-22T08:01:00Z');
      const toAdmin = postsTo(context, context.fake.dmChannelFor(ADMIN));
      expect(toAdmin).toHaveLength(1);
      expect(textOf(toAdmin[0])).toContain("cs-bot can't post in the report channel");
      expect(toAdmin[0]?.args.text).toContain('Team view, Mon 22 Mar 2027');
    } finally {
      await stopAll(replicas);
    }
  });
});
