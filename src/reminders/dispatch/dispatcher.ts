/**
 * Sends the outbox to Slack, exactly once per row, with any number of dispatchers on one
 * PostgreSQL (or one on PGlite). A pass: settle stale claims first (never resend what may have
 * gone out), claim due rows in one short transaction, then post lane by lane, one lane per channel.
 * No transaction is ever held across a Slack call.
 */
import { createAccountChannels } from './account-channels';
import { deliverMessage } from './deliver-message';
import { createDmChannels } from './dm-channels';
import { createLanes } from './lanes';
import { resolveOptions } from './options';
import { createOutboxStore } from './outbox-store';
import { createPacer } from './pacer';
import type { PassContext } from './pass-context';
import { type OutgoingMessage, planMessages } from './plan-messages';
import { recoverStale } from './recover-stale';
import { emptyReport } from './report';
import { routeRows } from './route-rows';
import type { Dispatcher, DispatcherDeps, DispatchLogger, DispatchReport } from './types';

const silent: DispatchLogger = { info: () => {}, warn: () => {}, error: () => {} };

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const options = resolveOptions(deps.options);
  const logger = deps.logger ?? silent;
  const store = createOutboxStore({ db: deps.db, instanceId: deps.instanceId });
  const accountChannels = createAccountChannels({ db: deps.db });
  const dms = createDmChannels({ db: deps.db, slack: deps.slack });
  const clock = () => Date.now();

  return {
    async runOnce(now: Date): Promise<DispatchReport> {
      const ctx: PassContext = {
        now,
        options,
        report: emptyReport(),
        logger,
        slack: deps.slack,
        render: deps.render,
        admins: deps.admins,
        store,
        accountChannels,
        dms,
        pacer: createPacer(options.perChannelIntervalMs, clock),
        clock,
        // Half the lease leaves the other half for the last post and its bookkeeping.
        deadline: clock() + options.leaseMs / 2,
        brokenChannels: new Set(),
        reroute: async (rows) => {
          const targeted = await routeRows(ctx, rows);
          for (const [channel, messages] of planMessages(targeted, now, options)) lanes.add(channel, messages);
        },
      };
      const lanes = createLanes<OutgoingMessage>(
        (message, lane) => deliverMessage(ctx, message, lane),
        (error, channel) => logger.error(`Dispatching to ${channel} failed; its claims will be recovered`, error),
      );

      await recoverStale(ctx);
      const claimed = await store.claimDue(now, options.batchSize);
      ctx.report.claimed = claimed.length;
      await ctx.reroute(claimed);
      await lanes.idle();
      return ctx.report;
    },
  };
}
