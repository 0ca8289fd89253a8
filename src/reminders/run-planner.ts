import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type AcceleratorRepository, createAcceleratorRepository } from '../accelerators/accelerator-repository';
import {
  type AccountRepository,
  createAccountRepository,
  type PlanningAccount,
  type ReplanSchedule,
} from '../accounts/account-repository';
import { type ActivityRepository, createActivityRepository } from '../activities/activity-repository';
import { planClocks } from '../clocks/plan-tasks';
import { CLOCK_ACTIVITY_TYPES } from '../clocks/rules';
import type { DbOrTx } from '../db/database';
import type { Account } from '../domain/account';
import { digestKey, existingKeys, queueDigests, queueTeamDigest, teamDigestKey } from '../outbox';
import { createTaskRepository, type TaskRepository } from '../tasks/task-repository';
import { digestMoment } from './digest-schedule';
import { type AccountPlan, type SyncReport, syncAccountsTasks } from './sync-account-tasks';
import { diffTasks, isEmptyDiff } from './task-diff';
import { teamDigestMoment } from './team-digest-schedule';
import { createUserTimeZones, type TimeZonesOf, type UsersInfoClient } from './user-time-zones';

export interface PlannerDeps {
  db: DbOrTx;
  accounts: AccountRepository;
  accelerators: AcceleratorRepository;
  activities: ActivityRepository;
  tasks: TaskRepository;
  timeZone: string;
  timeZonesOf: TimeZonesOf;
  /** CS_REPORT_CHANNEL: where the Monday team digest is queued; null or absent queues none. */
  reportChannel?: string | null;
}

/** The planner's dependencies over one database; `slack` (users.info) may be null for a dry run. */
export function createPlannerDeps(deps: {
  db: DbOrTx;
  slack: UsersInfoClient | null;
  timeZone: string;
  reportChannel?: string | null;
}): PlannerDeps {
  const { db } = deps;
  return {
    db,
    accounts: createAccountRepository({ db }),
    accelerators: createAcceleratorRepository({ db }),
    activities: createActivityRepository({ db }),
    tasks: createTaskRepository({ db }),
    timeZone: deps.timeZone,
    timeZonesOf: createUserTimeZones({ db, slack: deps.slack, fallbackZone: deps.timeZone }),
    reportChannel: deps.reportChannel ?? null,
  };
}

export interface PlannerReport {
  accounts: number;
  tasksCreated: number;
  tasksCompleted: number;
  tasksClosed: number;
  messagesQueued: number;
  digestsQueued: number;
  /** 1 when this pass queued the week's Monday team digest; optional so reports built by hand need not say. */
  teamDigestsQueued?: number;
  /** Tasks completed by activities during this pass: their reminder messages should be refreshed. */
  completedTaskIds: string[];
  /** The teams of accounts whose tasks changed this pass: their Homes are out of date. */
  people?: string[];
}

/** Accounts planned per read and per transaction; between chunks the event loop is given back. */
const CHUNK = 250;
/**
 * Chunks in flight at once: while one chunk's transaction is inserting in PostgreSQL, the next is
 * read and planned, so the database and this process work side by side on a first pass.
 */
const CHUNKS_IN_FLIGHT = 2;
/** Planning is synchronous CPU work; after this long the loop is yielded so Slack's acks go out on time. */
const SLICE_MS = 8;

function emptyReport(): PlannerReport {
  return {
    accounts: 0,
    tasksCreated: 0,
    tasksCompleted: 0,
    tasksClosed: 0,
    messagesQueued: 0,
    digestsQueued: 0,
    teamDigestsQueued: 0,
    completedTaskIds: [],
  };
}

/**
 * Plans a chunk of accounts: reads their clock activities and stored tasks in two queries, plans
 * each (yielding the event loop every few milliseconds), syncs the ones whose tasks differ from
 * the plan in one transaction, then stores each account's next replan instant.
 */
async function planChunk(
  deps: PlannerDeps,
  chunk: readonly PlanningAccount[],
  now: Date,
  options: { closeReason?: string } = {},
): Promise<SyncReport> {
  const ids = chunk.map(({ account }) => account.id);
  const [activities, starts, stored] = await Promise.all([
    deps.activities.listClockActivities(ids, CLOCK_ACTIVITY_TYPES),
    deps.accelerators.listClockStarts(ids),
    deps.tasks.keysForAccounts(ids),
  ]);
  const changed: AccountPlan[] = [];
  const schedules: ReplanSchedule[] = [];
  let sliceStart = performance.now();
  for (const { account, trackedSince, replanAt } of chunk) {
    const events = [...(activities.get(account.id) ?? []), ...(starts.get(account.id) ?? [])];
    const input = { account, activities: events, now, timeZone: deps.timeZone, trackedSince };
    const { tasks: planned, nextChange } = planClocks(input);
    if (!isEmptyDiff(diffTasks(planned, stored.get(account.id) ?? [])))
      changed.push({ account, trackedSince, planned, ...options });
    schedules.push({ id: account.id, seen: replanAt, next: nextChange });
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  const report = await syncAccountsTasks(deps.db, changed, now);
  report.people = [...new Set(changed.flatMap(({ account }) => account.team.map((member) => member.slackUserId)))];
  // After the sync: a crash in between leaves the accounts due, and the next pass redoes them.
  await deps.accounts.scheduleReplans(schedules);
  return report;
}

function addTo(report: PlannerReport, chunkSize: number, sync: SyncReport): void {
  report.accounts += chunkSize;
  report.tasksCreated += sync.created;
  report.tasksCompleted += sync.completed.length;
  report.tasksClosed += sync.closed.length;
  report.messagesQueued += sync.queued;
  report.completedTaskIds.push(...sync.completed);
  if (sync.people && sync.people.length > 0) report.people = [...new Set([...(report.people ?? []), ...sync.people])];
}

/** Plans the accounts a chunk at a time, CHUNKS_IN_FLIGHT chunks at once (disjoint accounts, so they never contend). */
async function planInChunks(
  deps: PlannerDeps,
  accounts: readonly PlanningAccount[],
  now: Date,
  report: PlannerReport,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const chunk = accounts.slice(next, next + CHUNK);
      next += CHUNK;
      addTo(report, chunk.length, await planChunk(deps, chunk, now));
    }
  };
  await Promise.all(Array.from({ length: CHUNKS_IN_FLIGHT }, worker));
}

/** Plans one account now, outside the minute's pass (after an activity, a renewal, an edit or a close). */
export async function replanAccount(
  deps: PlannerDeps,
  account: Account,
  now: Date,
  options: { closeReason?: string } = {},
): Promise<SyncReport> {
  const planning = await deps.accounts.findForPlanning(account.id);
  // The caller's copy wins for what it just changed (a close), the stored row for the rest.
  return planChunk(
    deps,
    [planning ? { ...planning, account } : { account, trackedSince: now, replanAt: null }],
    now,
    options,
  );
}

/**
 * One planner pass at `now`, as the minute job runs it: only accounts whose replan instant has
 * come (a window opening, a change to the account) are planned, so a quiet minute costs one
 * indexed query; then each person's overdue digest once their 09:00 has come, and the team's Monday
 * digest once Monday 09:00 in the team zone has come (with a report channel). Idempotent: a second
 * pass at the same instant creates nothing.
 *
 * `full` replans every account with the same planner, whatever its instant: the reference the
 * incremental pass is tested against, and `sweep --full` for an operator who wants certainty.
 */
export async function runPlanner(
  deps: PlannerDeps,
  now: Date,
  options: { full?: boolean } = {},
): Promise<PlannerReport> {
  const report = emptyReport();
  if (options.full) {
    await planInChunks(deps, await deps.accounts.listAllForReplan(), now, report);
  } else {
    const planned = new Set<string>();
    for (;;) {
      // An account planned once this pass and due again (it changed meanwhile) waits for the next pass.
      const due = (await deps.accounts.listDueForReplan(now, CHUNK * CHUNKS_IN_FLIGHT)).filter(
        ({ account }) => !planned.has(account.id),
      );
      if (due.length === 0) break;
      for (const { account } of due) planned.add(account.id);
      await planInChunks(deps, due, now, report);
    }
  }
  report.digestsQueued = await queueOverdueDigests(deps, now);
  report.teamDigestsQueued = await queueWeeksTeamDigest(deps, now);
  return report;
}

/**
 * Queues this week's team digest once Monday 09:00 (team zone) has come, when a report channel is
 * set. Every pass of the week looks, so one missed on Monday (the bot was down) is queued when the
 * bot is back; the key is the Monday, so replicas and later passes find it there and add nothing.
 */
async function queueWeeksTeamDigest(deps: PlannerDeps, now: Date): Promise<number> {
  if (!deps.reportChannel) return 0;
  const moment = teamDigestMoment(now, deps.timeZone);
  if (!moment) return 0;
  const key = teamDigestKey(moment.day);
  if ((await existingKeys(deps.db, [key])).has(key)) return 0;
  const queued = await queueTeamDigest(deps.db, { key, channelId: deps.reportChannel, dueAt: moment.sendAt });
  return queued.length;
}

/**
 * Queues today's overdue DM for each person whose 09:00 has come and who had something overdue
 * then (a task falling due at 22:00 waits for tomorrow's). People whose digest for their today
 * already exists are skipped before any insert.
 */
async function queueOverdueDigests(deps: PlannerDeps, now: Date): Promise<number> {
  const candidates: Array<{ user: string; key: string; sendAt: Date }> = [];
  const overdue = (await deps.tasks.oldestActiveDueByUser(now)).filter(({ oldestDue }) => oldestDue <= now);
  const zones = await deps.timeZonesOf(
    overdue.map(({ user }) => user),
    now,
  );
  // Building 09:00 in a zone costs most of a millisecond; people share a handful of zones.
  const momentIn = new Map<string, ReturnType<typeof digestMoment>>();
  for (const { user, oldestDue } of overdue) {
    const zone = zones.get(user) ?? deps.timeZone;
    if (!momentIn.has(zone)) momentIn.set(zone, digestMoment(now, zone));
    const moment = momentIn.get(zone);
    if (!moment || oldestDue > moment.sendAt) continue;
    candidates.push({ user, key: digestKey(user, moment.day), sendAt: moment.sendAt });
  }
  if (candidates.length === 0) return 0;
  const existing = await existingKeys(
    deps.db,
    candidates.map((candidate) => candidate.key),
  );
  const fresh = candidates.filter((candidate) => !existing.has(candidate.key));
  const queued = await queueDigests(
    deps.db,
    fresh.map(({ user, key, sendAt }) => ({ key, recipientUser: user, dueAt: sendAt })),
  );
  return queued.length;
}
