import { dayIn } from '../domain/calendar-day';
import type { TeamView } from './team-view';

/** How long one team view serves the Homes published after it. */
export const TEAM_VIEW_TTL_MS = 30_000;

/**
 * The team view shown on the Home of every CS admin (with no CS_ADMINS, everyone's): building it
 * reads and walks every active account (about 150 ms of the event loop at 10,000 accounts), and a
 * refresh after a burst of logs publishes many Homes. One view serves the Homes published within
 * `ttlMs` of it on the same team day, and Homes asking while it is built share that build. Its
 * figures (overdue people, renewals, EBR coverage, quiet accounts) move by the day, so a view up to
 * half a minute old says what a new one would but for the last few changes.
 */
export function createTeamViewCache(
  load: (now: Date) => Promise<TeamView>,
  options: { timeZone: string; ttlMs?: number },
): (now: Date) => Promise<TeamView> {
  const ttlMs = options.ttlMs ?? TEAM_VIEW_TTL_MS;
  let cached: { at: number; day: string; view: Promise<TeamView> } | null = null;
  return (now) => {
    const at = now.getTime();
    const day = dayIn(now, options.timeZone);
    if (cached && cached.day === day && at >= cached.at && at - cached.at < ttlMs) return cached.view;
    const entry = { at, day, view: load(now) };
    cached = entry;
    // A failed build is not kept: the next Home tries again.
    entry.view.catch(() => {
      if (cached === entry) cached = null;
    });
    return entry.view;
  };
}
