import cron from 'node-cron';
import type { DispatchReport } from '../src/reminders/dispatch';
import type { PlannerReport } from '../src/reminders/run-planner';

interface JobLogger {
  info(message: string): void;
  error(message: string, ...details: unknown[]): void;
}

/** What the job drives: the clock runtime's planner pass and dispatcher (see createClockRuntime). */
export interface ClockJobsClocks {
  plan(now: Date): Promise<PlannerReport>;
  /** Starts the dispatcher or wakes the one running; null when there is no Slack to send to. */
  dispatch: ((now: Date) => Promise<DispatchReport>) | null;
  stopDispatching(): Promise<void>;
}

/** A planner pass worth a log line: it created, completed, closed or queued something. */
function describePlan(at: Date, planner: PlannerReport): string | null {
  const parts = [
    planner.tasksCreated && `${planner.tasksCreated} task(s) opened`,
    planner.tasksCompleted && `${planner.tasksCompleted} completed`,
    planner.tasksClosed && `${planner.tasksClosed} closed`,
    planner.digestsQueued && `${planner.digestsQueued} overdue DM(s) queued`,
    planner.teamDigestsQueued && 'the Monday team digest queued',
  ].filter(Boolean);
  return parts.length > 0 ? `Clocks at ${at.toISOString()}: ${parts.join(', ')}.` : null;
}

/** A dispatcher run worth a log line: it sent, recovered, redirected or failed something. */
function describeDispatch(startedAt: Date, dispatch: DispatchReport): string | null {
  const parts = [
    dispatch.sent && `${dispatch.sent} message(s) sent${dispatch.late ? ` (${dispatch.late} late)` : ''}`,
    dispatch.recovered && `${dispatch.recovered} recovered from history`,
    dispatch.redirectedToDm && `${dispatch.redirectedToDm} redirected to DMs`,
    dispatch.failed && `${dispatch.failed} failed`,
  ].filter(Boolean);
  return parts.length > 0 ? `Reminders since ${startedAt.toISOString()}: ${parts.join(', ')}.` : null;
}

/**
 * Plans at start and then every minute, and after each plan wakes the dispatcher, which sends for
 * as long as rows are due. A plan still running when the next minute comes is not doubled (the
 * minute is skipped), and a dispatcher run in progress is never doubled either: waking it makes
 * it look again for due rows. Each replica runs its own; the database keys, row locks and lane
 * claims make that safe.
 */
export function startClockJobs(deps: {
  clocks: ClockJobsClocks;
  now: () => Date;
  logger: JobLogger;
  /** Told whose tasks a pass changed, so their Homes are refreshed. */
  onPeopleAffected?: (userIds: string[]) => void;
}) {
  const { clocks, logger } = deps;
  let planning: Promise<void> | null = null;
  /** The dispatcher run last started or joined, and the log handlers of runs not yet ended. */
  let watched: Promise<DispatchReport> | null = null;
  const logging = new Set<Promise<void>>();

  const wakeDispatcher = (now: Date): void => {
    if (!clocks.dispatch) return;
    const run = clocks.dispatch(now);
    if (run === watched) return; // Joined the run in progress: it logs once, when it ends.
    watched = run;
    const logged = run
      .then((report) => {
        const line = describeDispatch(now, report);
        if (line) logger.info(line);
      })
      .catch((error: unknown) => logger.error('Sending reminders failed; the next minute tries again.', error))
      .finally(() => {
        if (watched === run) watched = null;
        logging.delete(logged);
      });
    logging.add(logged);
  };

  const tick = (): Promise<void> => {
    if (planning) return planning;
    const now = deps.now();
    planning = clocks
      .plan(now)
      .then((report) => {
        const line = describePlan(now, report);
        if (line) logger.info(line);
        if (report.people && report.people.length > 0) deps.onPeopleAffected?.(report.people);
      })
      .catch((error: unknown) => logger.error('A clock pass failed; the next minute tries again.', error))
      // Even after a failed plan: rows queued earlier may still be due.
      .then(() => wakeDispatcher(now))
      .finally(() => {
        planning = null;
      });
    return planning;
  };
  const task = cron.schedule('* * * * *', tick, { name: 'cs-bot-clocks', noOverlap: true });
  const first = tick();
  return {
    /** The plan that ran at start, for callers (and tests) that want to wait for it. */
    first,
    /** Messages were just queued outside a pass (a request planned an account): send them now, not next minute. */
    wake: (): void => wakeDispatcher(deps.now()),
    /** Resolves once the dispatcher runs started so far have ended and been logged. */
    async dispatched(): Promise<void> {
      while (logging.size > 0) await Promise.all([...logging]);
    },
    async stop(): Promise<void> {
      await task.destroy();
      await planning;
      await clocks.stopDispatching();
      while (logging.size > 0) await Promise.all([...logging]);
    },
  };
}
