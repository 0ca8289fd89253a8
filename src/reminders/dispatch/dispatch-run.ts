/**
 * One dispatcher run: settle stale claims first (never resend what may have gone out), then keep
 * every free lane busy: claim the due rows of lanes nobody is working, post them at their
 * channel's pace, and as a lane empties claim again, until no lane is busy and nothing due is left
 * to claim. No transaction is ever held across a Slack call. Every claim names the database
 * session the process holds; if that session is lost, the run stops posting and ends.
 */
import type { SessionKeeper } from '../../db/held-session';
import { groupBy } from '../../db/in-chunks';
import { laneOf, type OutboxStore } from '../../outbox';
import type { AccountChannels } from './account-channels';
import { deliverMessage } from './deliver-message';
import type { DmChannels } from './dm-channels';
import type { Gate } from './gate';
import type { GoneHolderWatch } from './gone-holders';
import { createLanes, type Lanes } from './lanes';
import { IDLE_POLL_MS, MAX_ROWS_PER_LANE_CLAIM, RECOVERY_EVERY_MS } from './options';
import type { Pacer } from './pacer';
import { planMessages } from './plan-messages';
import { recoverStale } from './recover-stale';
import { emptyReport } from './report';
import { routeRows } from './route-rows';
import type { QueuedMessage, RunContext } from './run-context';
import type { DispatcherOptions, DispatchLogger, DispatchReport, RenderMessage } from './types';
import type { Wakeup } from './wakeup';

/** What outlives a run: one set per dispatcher, so pacing and the post limit span its runs. */
export interface DispatcherParts {
  options: DispatcherOptions;
  logger: DispatchLogger;
  slack: RunContext['slack'];
  render: RenderMessage;
  admins: string[];
  store: OutboxStore;
  accountChannels: AccountChannels;
  dms: DmChannels;
  pacer: Pacer;
  posts: Gate;
  heldLanes: Map<string, number>;
  /** The session claims name; shared by the process's dispatchers on one database. */
  sessions: SessionKeeper;
  goneHolders: GoneHolderWatch;
  clock: () => number;
}

/** How the dispatcher steers a run from outside. */
export interface RunControl {
  /** Woken when rows may have been queued (a later call joined the run) or when a lane empties. */
  wakeup: Wakeup;
  stopping: boolean;
  /** Set once the run has looked for the last time: a later call must start a new run, not join. */
  closing: boolean;
}

/** Claims what the free lanes can take; false when nothing was claimable. */
async function claimFreeLanes(ctx: RunContext, lanes: Lanes<QueuedMessage>): Promise<boolean> {
  const busy = lanes.keys();
  const free = ctx.options.maxLanes - busy.size;
  if (free <= 0) return false;
  const skip = new Set(busy);
  for (const [key, until] of ctx.heldLanes) {
    if (until > ctx.now().getTime()) skip.add(key);
    else ctx.heldLanes.delete(key);
  }
  const rows = await ctx.store.claimLanes(ctx.now(), {
    lanes: free,
    skip,
    leaseMs: ctx.options.leaseMs,
    maxRowsPerLane: MAX_ROWS_PER_LANE_CLAIM,
    holder: ctx.holder,
  });
  if (rows.length === 0) return false;
  ctx.report.claimed += rows.length;
  // Half the lease leaves the other half for the last post and its bookkeeping.
  await ctx.queue(rows, ctx.clock() + ctx.options.leaseMs / 2);
  return true;
}

export async function runDispatch(parts: DispatcherParts, startAt: Date, control: RunControl): Promise<DispatchReport> {
  const session = await parts.sessions.current();
  const started = parts.clock();
  const ctx: RunContext = {
    ...parts,
    now: () => new Date(startAt.getTime() + parts.clock() - started),
    report: emptyReport(),
    holder: session.backend,
    goneHolderGraceMs: session.singleProcess ? 0 : parts.options.goneHolderGraceMs,
    // A lost session makes this process look dead to the others, who take its claims over.
    stopping: () => control.stopping || session.lost(),
    brokenChannels: new Set(),
    async queue(rows, deadline) {
      const targeted = await routeRows(ctx, rows);
      for (const [key, laneRows] of groupBy(targeted, (target) => laneOf(target.row))) {
        const messages = [...planMessages(laneRows, ctx.now(), parts.options).values()].flat();
        lanes.add(
          key,
          messages.map((message) => ({ ...message, deadline })),
        );
      }
    },
  };
  const lanes = createLanes<QueuedMessage>((message, lane) => deliverMessage(ctx, message, lane), {
    onError: (error, key) => parts.logger.error(`Dispatching to ${key} failed; its claims will be recovered`, error),
    onIdle: () => control.wakeup.notify(),
  });

  let recoverAt = Number.NEGATIVE_INFINITY;
  // Claims of a holder seen gone wait out its grace: the run stays until it can take them over.
  let graceEndsAt: number | null = null;
  try {
    while (!ctx.stopping()) {
      // A run can outlast a lease: claims a dead replica left behind are settled as it goes.
      if (parts.clock() >= recoverAt) {
        graceEndsAt = await recoverStale(ctx);
        recoverAt = Math.min(parts.clock() + RECOVERY_EVERY_MS, graceEndsAt ?? Number.POSITIVE_INFINITY);
      }
      control.wakeup.take();
      const claimed = await claimFreeLanes(ctx, lanes);
      if (!claimed && lanes.keys().size === 0 && !control.wakeup.pending() && graceEndsAt === null) break;
      await control.wakeup.wait(Math.max(0, Math.min(IDLE_POLL_MS, recoverAt - parts.clock())));
    }
  } finally {
    control.closing = true;
    // Lanes already claimed finish (or, when stopping, give their rows back) before the run ends.
    await lanes.idle();
  }
  return ctx.report;
}
