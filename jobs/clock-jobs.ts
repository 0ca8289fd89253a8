import cron from 'node-cron';
import type { ClockPassReport } from '../src/reminders/clock-runtime';

interface JobLogger {
  info(message: string): void;
  error(message: string, ...details: unknown[]): void;
}

/** A pass worth a log line: it created, completed, sent or failed something. */
function describePass(report: ClockPassReport): string | null {
  const { planner, dispatch } = report;
  const parts = [
    planner.tasksCreated && `${planner.tasksCreated} task(s) opened`,
    planner.tasksCompleted && `${planner.tasksCompleted} completed`,
    planner.tasksClosed && `${planner.tasksClosed} closed`,
    planner.digestsQueued && `${planner.digestsQueued} overdue DM(s) queued`,
    dispatch?.sent && `${dispatch.sent} message(s) sent${dispatch.late ? ` (${dispatch.late} late)` : ''}`,
    dispatch?.recovered && `${dispatch.recovered} recovered from history`,
    dispatch?.redirectedToDm && `${dispatch.redirectedToDm} redirected to DMs`,
    dispatch?.failed && `${dispatch.failed} failed`,
  ].filter(Boolean);
  return parts.length > 0 ? `Clocks at ${report.at}: ${parts.join(', ')}.` : null;
}

/**
 * Runs the clocks at start and then every minute. A pass still running when the next minute
 * comes is not doubled: the minute is skipped. Each replica runs its own passes; the database
 * keys and row locks make that safe.
 */
export function startClockJobs(deps: {
  runPass: (now: Date) => Promise<ClockPassReport>;
  now: () => Date;
  logger: JobLogger;
}) {
  let running: Promise<void> | null = null;
  const tick = (): Promise<void> => {
    if (running) return running;
    running = deps
      .runPass(deps.now())
      .then((report) => {
        const line = describePass(report);
        if (line) deps.logger.info(line);
      })
      .catch((error: unknown) => deps.logger.error('A clock pass failed; the next minute tries again.', error))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task = cron.schedule('* * * * *', tick, { name: 'cs-bot-clocks', noOverlap: true });
  const first = tick();
  return {
    /** The pass that ran at start, for callers (and tests) that want to wait for it. */
    first,
    async stop(): Promise<void> {
      await task.destroy();
      await running;
    },
  };
}
