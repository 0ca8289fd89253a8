/** Pure: which Slack messages a set of claimed rows becomes, lane by lane (one lane per channel). */
import { MAX_ROWS_PER_COMBINED_MESSAGE } from './options';
import type { NotificationRow } from './types';

export interface OutgoingMessage {
  /** The concrete conversation id (C…, G… or D…) the message is posted to. */
  channel: string;
  rows: NotificationRow[];
  late: boolean;
  combined: boolean;
}

export interface TargetedRow {
  row: NotificationRow;
  channel: string;
}

export interface PlanOptions {
  lateAfterMs: number;
  combineLateOver: number;
}

/**
 * Late means the bot really was down: the row existed and was due for longer than `lateAfterMs`,
 * and still nothing sent it. A row queued after its due time (an account added after its tasks
 * opened) has waited only since it was queued: it goes out as a normal message.
 */
export function isLate(row: Pick<NotificationRow, 'dueAt' | 'createdAt'>, now: Date, lateAfterMs: number): boolean {
  const sendableSince = Math.max(row.dueAt.getTime(), row.createdAt.getTime());
  return now.getTime() - sendableSince > lateAfterMs;
}

/** Splits into as few chunks of at most `max` as possible, evenly, so no chunk is a lone straggler. */
export function evenChunks<T>(items: T[], max: number): T[][] {
  if (items.length === 0) return [];
  const count = Math.ceil(items.length / max);
  const chunks: T[][] = [];
  let start = 0;
  for (let index = 0; index < count; index += 1) {
    const size = Math.ceil((items.length - start) / (count - index));
    chunks.push(items.slice(start, start + size));
    start += size;
  }
  return chunks;
}

function byDueAt(a: TargetedRow, b: TargetedRow): number {
  return a.row.dueAt.getTime() - b.row.dueAt.getTime() || a.row.key.localeCompare(b.row.key);
}

/**
 * The team digest fills a message of its own (up to Slack's 50 blocks): combined with reminders it
 * would be cut down to a "…and more" line, and that would still count it as sent.
 */
function combinable(row: Pick<NotificationRow, 'kind'>): boolean {
  return row.kind !== 'team_digest';
}

function planLane(channel: string, targeted: TargetedRow[], now: Date, options: PlanOptions): OutgoingMessage[] {
  const sorted = [...targeted].sort(byDueAt);
  const late = sorted.filter((t) => isLate(t.row, now, options.lateAfterMs) && combinable(t.row));
  const alone = sorted.filter((t) => isLate(t.row, now, options.lateAfterMs) && !combinable(t.row));
  const onTime = sorted.filter((t) => !isLate(t.row, now, options.lateAfterMs));
  const single = (t: TargetedRow, isRowLate: boolean): OutgoingMessage => ({
    channel,
    rows: [t.row],
    late: isRowLate,
    combined: false,
  });
  // Late rows are the oldest, so sending them first keeps the channel in due order.
  const lateMessages =
    late.length > options.combineLateOver
      ? evenChunks(late, MAX_ROWS_PER_COMBINED_MESSAGE).map((chunk) => ({
          channel,
          rows: chunk.map((t) => t.row),
          late: true,
          combined: chunk.length > 1,
        }))
      : late.map((t) => single(t, true));
  const lateInOrder = [...lateMessages, ...alone.map((t) => single(t, true))].sort(
    (a, b) => (a.rows[0]?.dueAt.getTime() ?? 0) - (b.rows[0]?.dueAt.getTime() ?? 0),
  );
  return [...lateInOrder, ...onTime.map((t) => single(t, false))];
}

export function planMessages(targeted: TargetedRow[], now: Date, options: PlanOptions): Map<string, OutgoingMessage[]> {
  const byChannel = new Map<string, TargetedRow[]>();
  for (const t of targeted) {
    const lane = byChannel.get(t.channel) ?? [];
    lane.push(t);
    byChannel.set(t.channel, lane);
  }
  const plan = new Map<string, OutgoingMessage[]>();
  for (const [channel, lane] of byChannel) plan.set(channel, planLane(channel, lane, now, options));
  return plan;
}
