/**
 * Slack refused an account channel for good. The account is marked, each admin is told once per
 * (account, channel) — the notice's unique key makes "once" hold across passes and replicas —
 * and the channel's reminders are rerouted to DMs within the same pass.
 */
import type { NewNotification } from './outbox-store';
import type { PassContext } from './pass-context';
import type { NotificationRow } from './types';

export function channelBrokenKey(accountId: string | null, channelId: string, adminId: string): string {
  return `channel_broken:${accountId ?? 'none'}:${channelId}:${adminId}`;
}

export async function handleBrokenChannel(
  ctx: PassContext,
  channel: string,
  error: string,
  rows: NotificationRow[],
): Promise<void> {
  ctx.brokenChannels.add(channel);
  const accountIds = [...new Set(rows.map((row) => row.accountId))];
  const notices: NewNotification[] = [];
  for (const accountId of accountIds) {
    if (accountId !== null && (await ctx.accountChannels.markBroken(accountId, channel, error, ctx.now))) {
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
        dueAt: ctx.now,
      });
    }
  }
  // Inserted already claimed by this pass, so they are sent now; an existing key means told before.
  const newNotices = await ctx.store.insertClaimed(notices, ctx.now);
  await ctx.reroute([...rows, ...newNotices]);
}
