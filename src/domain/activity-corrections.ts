/**
 * Who may correct the log, and until when (docs: "Correcting the log"): the author of an activity
 * and the CS admins, within 14 days of its logging. Past that the record stands, so the clocks and
 * the team's history stop moving under people's feet.
 */
import type { ActivityRecord } from './activity';
import { isAdmin } from './permissions';

export const CORRECTION_WINDOW_DAYS = 14;
const WINDOW_MS = CORRECTION_WINDOW_DAYS * 24 * 60 * 60 * 1000;

export type CorrectionVerdict = 'allowed' | 'not_author' | 'too_old' | 'deleted';

/** Whether `userId` may edit or delete `activity` at `now`; the reason when not. */
export function mayCorrectActivity(
  userId: string,
  activity: Pick<ActivityRecord, 'loggedBy' | 'createdAt' | 'deletedAt'>,
  admins: readonly string[],
  now: Date,
): CorrectionVerdict {
  if (activity.deletedAt) return 'deleted';
  if (activity.loggedBy !== userId && !isAdmin(userId, admins)) return 'not_author';
  if (now.getTime() - activity.createdAt.getTime() > WINDOW_MS) return 'too_old';
  return 'allowed';
}
