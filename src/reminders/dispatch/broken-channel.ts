/**
 * Slack refused an account channel for good. The account is marked, each admin is told once per
 * (account, channel) — the notice's unique key makes "once" hold across runs and replicas —
 * and the channel's reminders are rerouted to DMs within the same run.
 */
import { channelBrokenKey, type NewNotification } from '../../outbox';
import type { RunContext } from './run-context';
import type { NotificationRow } from './types';

export async function handleBrokenChannel(
  ctx: RunContext,
  channel: string,
  error: string,
  rows: NotificationRow[],
  deadline: number,
): Promise<void> {
  ctx.brokenChannels.add(channel);
  const now = ctx.now();
  const accountIds = [...new Set(rows.map((row) => row.accountId))];
  const notices: NewNotification[] = [];
  for (const accountId of accountIds) {
    if (accountId !== null && (await ctx.accountChannels.markBroken(accountId, channel, error, now))) {
      ctx.report.brokenChannels += 1;
      ctx.logger.warn(`Account ${accountId}: channel ${channel} refuses posts (${error}); reminders go to DMs`);
    }
    for (const admin of ctx.admins) {
      notices.push({
        key: channelBrokenKey(accountId, channel, admin),
        kind: 'channel_broken',
        accountId,
        recipientUser: admin,
        channelId: null,
        dueAt: now,
      });
    }
  }
  // Inserted already claimed by this run, so they are sent now; an existing key means told before.
  const newNotices = await ctx.store.insertClaimed(notices, now, ctx.holder);
  await ctx.queue([...rows, ...newNotices], deadline);
}
