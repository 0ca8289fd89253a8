import { and, eq } from 'drizzle-orm';
import { notifications, tasks } from '../../src/db/schema';
import type { AccountTeamMember } from '../../src/domain/account';
import { dayIn } from '../../src/domain/calendar-day';
import { createClockRuntime } from '../../src/reminders/clock-runtime';
import { createReminderSlackClient } from '../../src/reminders/dispatch';
import { createAccount, type E2eContext } from './e2e-context';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The day `offsetDays` from today, in UTC (the running app's time zone unless a test sets one). */
export const isoDay = (offsetDays: number) => dayIn(new Date(Date.now() + offsetDays * DAY_MS), 'UTC');

export interface Reminder {
  account: { id: string; name: string };
  taskId: string;
  message: { channel: string; ts: string };
}

/**
 * A new account whose contract started a week ago, with its reminders posted in its channel by a
 * real clock pass: one of its tasks and the message that shows it.
 */
export async function accountWithReminder(
  context: E2eContext,
  { name, channelId, team }: { name: string; channelId: string; team: AccountTeamMember[] },
): Promise<Reminder> {
  const account = await createAccount(context, {
    name,
    channelId,
    contractStart: isoDay(-7),
    renewalDate: isoDay(200),
    team,
  });
  await createClockRuntime({
    db: context.database.db,
    slack: createReminderSlackClient('xoxb-test-token', { slackApiUrl: context.fake.url }),
    timeZone: 'UTC',
    admins: [],
    dispatcherOptions: { perChannelIntervalMs: 1 },
  }).runPass(new Date());
  const [sent] = await context.database.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.accountId, account.id),
        eq(notifications.status, 'sent'),
        eq(notifications.sentChannel, channelId),
      ),
    );
  const taskId = sent?.taskIds[0];
  if (!sent?.sentTs || !taskId) throw new Error(`No reminder was posted for ${account.name}`);
  return { account, taskId, message: { channel: channelId, ts: sent.sentTs } };
}

export async function taskRow(context: E2eContext, taskId: string) {
  const [row] = await context.database.db.select().from(tasks).where(eq(tasks.id, taskId));
  return row;
}
