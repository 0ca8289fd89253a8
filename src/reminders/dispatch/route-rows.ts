/**
 * Decides the concrete conversation each claimed row goes to and records it on the row before
 * anything is posted, so that recovery knows which history to read if this process dies.
 * A row names an account channel or nobody's channel (then it is the recipient's DM); a broken
 * account channel sends the row to the recipient's DM instead, or to every admin's when it names
 * nobody.
 */
import { adminCopyKey, type NewNotification } from '../../outbox';
import type { TargetedRow } from './plan-messages';
import { idsOf, type RunContext } from './run-context';
import { settleFailure } from './settle-failure';
import type { NotificationRow } from './types';

function adminCopies(row: NotificationRow, admins: string[]): NewNotification[] {
  return admins.map((admin) => ({
    key: adminCopyKey(row.key, admin),
    kind: row.kind,
    accountId: row.accountId,
    taskIds: row.taskIds,
    recipientUser: admin,
    channelId: null,
    dueAt: row.dueAt,
    // The copy stands in for the original, so it is late exactly when the original was.
    createdAt: row.createdAt,
  }));
}

/** Redirected rows that name nobody become one owned copy per admin; the original is done with. */
async function fanOutToAdmins(ctx: RunContext, rows: NotificationRow[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  if (ctx.admins.length === 0) {
    await ctx.store.markFailed(idsOf(rows), 'channel broken and no recipient or admin to tell');
    ctx.report.failed += rows.length;
    ctx.logger.error(`${rows.length} reminder(s) for a broken channel have no recipient and no admins are configured`);
    return [];
  }
  // Copies that already exist (a run died after inserting them) are another owner's or recovery's.
  const copies = await ctx.store.insertClaimed(
    rows.flatMap((row) => adminCopies(row, ctx.admins)),
    ctx.now(),
    ctx.holder,
  );
  for (const row of rows) {
    await ctx.store.markSkipped([row.id], `channel ${row.channelId ?? ''} broken; copied to the admins' DMs`);
  }
  return copies;
}

export async function routeRows(ctx: RunContext, rows: NotificationRow[]): Promise<TargetedRow[]> {
  const brokenAccounts = await ctx.accountChannels.brokenAccountIds(
    rows.flatMap((row) => (row.channelId && row.accountId ? [row.accountId] : [])),
  );
  const isBroken = (row: NotificationRow): boolean =>
    (row.accountId !== null && brokenAccounts.has(row.accountId)) ||
    (row.channelId !== null && ctx.brokenChannels.has(row.channelId));

  const targeted: TargetedRow[] = [];
  const toDm: NotificationRow[] = [];
  const redirectedNobody: NotificationRow[] = [];
  const unaddressed: NotificationRow[] = [];
  for (const row of rows) {
    if (row.channelId && !isBroken(row)) {
      targeted.push({ row, channel: row.channelId });
      continue;
    }
    if (row.channelId) ctx.report.redirectedToDm += 1;
    if (row.recipientUser) toDm.push(row);
    else if (row.channelId) redirectedNobody.push(row);
    else unaddressed.push(row);
  }

  if (unaddressed.length > 0) {
    await ctx.store.markFailed(idsOf(unaddressed), 'no channel and no recipient');
    ctx.report.failed += unaddressed.length;
    ctx.logger.error(`${unaddressed.length} reminder(s) name neither a channel nor a recipient`);
  }
  toDm.push(...(await fanOutToAdmins(ctx, redirectedNobody)));

  const dmChannels = await ctx.dms.resolve(toDm.flatMap((row) => (row.recipientUser ? [row.recipientUser] : [])));
  for (const row of toDm) {
    const dm = row.recipientUser ? dmChannels.get(row.recipientUser) : undefined;
    if (dm?.ok) targeted.push({ row, channel: dm.channel });
    else await settleFailure(ctx, [row], dm?.failure ?? { kind: 'error', error: 'no DM channel' });
  }

  await ctx.store.setTargets(targeted);
  return targeted;
}
