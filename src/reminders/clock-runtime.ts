import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { webApi } from '@slack/bolt';
import type { DbOrTx } from '../db/database';
import { createDispatcher, type DispatcherOptions, type DispatchLogger, type DispatchReport } from './dispatch';
import { createNotificationRenderer } from './render-notification';
import { createPlannerDeps, type PlannerDeps, type PlannerReport, runPlanner } from './run-planner';

export interface ClockPassReport {
  at: string;
  planner: PlannerReport;
  dispatch: DispatchReport | null;
}

/**
 * Everything the clocks need, built from the database and a Slack client made for reminders
 * (createReminderSlackClient). Without a client (a dry run) the planner works alone.
 */
export function createClockRuntime(deps: {
  db: DbOrTx;
  slack: webApi.WebClient | null;
  timeZone: string;
  admins: string[];
  /** The planner's dependencies when the caller already built them (the bot shares one set). */
  planner?: PlannerDeps;
  logger?: DispatchLogger;
  dispatcherOptions?: Partial<DispatcherOptions>;
}) {
  const { db } = deps;
  const planner = deps.planner ?? createPlannerDeps(deps);
  const dispatcher = deps.slack
    ? createDispatcher({
        db,
        slack: deps.slack,
        render: createNotificationRenderer({ db, tasks: planner.tasks, timeZone: deps.timeZone }),
        instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        admins: deps.admins,
        ...(deps.logger ? { logger: deps.logger } : {}),
        ...(deps.dispatcherOptions ? { options: deps.dispatcherOptions } : {}),
      })
    : null;

  return {
    planner,
    /** One planner pass then one dispatcher pass, as if at `now`. */
    async runPass(now: Date): Promise<ClockPassReport> {
      const plannerReport = await runPlanner(planner, now);
      const dispatch = dispatcher ? await dispatcher.runOnce(now) : null;
      return { at: now.toISOString(), planner: plannerReport, dispatch };
    },
  };
}

export type ClockRuntime = ReturnType<typeof createClockRuntime>;
