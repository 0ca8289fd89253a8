import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { webApi } from '@slack/bolt';
import type { DbOrTx } from '../db/database';
import {
  createDispatcher,
  type DispatcherOptions,
  type DispatchLogger,
  type DispatchReport,
  resolveOptions,
  sharedStatementWindowMs,
} from './dispatch';
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
  /** CS_REPORT_CHANNEL for the Monday team digest (null: none); a `planner` given carries its own. */
  reportChannel?: string | null;
  /** The planner's dependencies when the caller already built them (the bot shares one set). */
  planner?: PlannerDeps;
  logger?: DispatchLogger;
  dispatcherOptions?: Partial<DispatcherOptions>;
}) {
  const { db } = deps;
  const planner = deps.planner ?? createPlannerDeps(deps);
  const { perChannelIntervalMs } = resolveOptions(deps.dispatcherOptions);
  const dispatcher = deps.slack
    ? createDispatcher({
        db,
        slack: deps.slack,
        render: createNotificationRenderer({
          db,
          tasks: planner.tasks,
          timeZone: deps.timeZone,
          batchWindowMs: sharedStatementWindowMs(perChannelIntervalMs, 'before post'),
        }),
        instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        admins: deps.admins,
        ...(deps.logger ? { logger: deps.logger } : {}),
        ...(deps.dispatcherOptions ? { options: deps.dispatcherOptions } : {}),
      })
    : null;

  return {
    planner,
    /**
     * One planner pass, then the dispatcher until nothing is due, as if at `now` (the CLI's sweep).
     * `full` replans every account with the reference planner instead of only those due.
     */
    async runPass(now: Date, options: { full?: boolean } = {}): Promise<ClockPassReport> {
      const plannerReport = await runPlanner(planner, now, options);
      const dispatch = dispatcher ? await dispatcher.drain(now) : null;
      return { at: now.toISOString(), planner: plannerReport, dispatch };
    },
    /** One planner pass alone: the minute job plans, then wakes the dispatcher. */
    plan: (now: Date): Promise<PlannerReport> => runPlanner(planner, now),
    /**
     * Starts the dispatcher, or has the one running look again for due rows; resolves with the
     * run's report when it runs out of due rows. Null without a Slack client.
     */
    dispatch: dispatcher ? (now: Date): Promise<DispatchReport> => dispatcher.drain(now) : null,
    /** Ends a dispatcher run in progress soon; claimed rows not yet posted go back to pending. */
    stopDispatching: async (): Promise<void> => {
      await dispatcher?.stop();
    },
  };
}

export type ClockRuntime = ReturnType<typeof createClockRuntime>;
