/**
 * Sends the outbox to Slack, exactly once per row, with any number of dispatchers on one
 * PostgreSQL (or one on PGlite). A dispatcher runs while rows are due (see dispatch-run) and never
 * runs twice at once: a call during a run joins it.
 */
import { keepSession } from '../../db/held-session';
import { createOutboxStore } from '../../outbox';
import { createAccountChannels } from './account-channels';
import { type DispatcherParts, type RunControl, runDispatch } from './dispatch-run';
import { createDmChannels } from './dm-channels';
import { createGate } from './gate';
import { watchGoneHolders } from './gone-holders';
import { resolveOptions, sharedStatementWindowMs } from './options';
import { createPacer } from './pacer';
import { emptyReport } from './report';
import type { Dispatcher, DispatcherDeps, DispatchLogger, DispatchReport } from './types';
import { createWakeup } from './wakeup';

const silent: DispatchLogger = { info: () => {}, warn: () => {}, error: () => {} };

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const options = resolveOptions(deps.options);
  const clock = () => Date.now();
  const parts: DispatcherParts = {
    options,
    logger: deps.logger ?? silent,
    slack: deps.slack,
    render: deps.render,
    admins: deps.admins,
    store: createOutboxStore({
      db: deps.db,
      instanceId: deps.instanceId,
      markSentWindowMs: sharedStatementWindowMs(options.perChannelIntervalMs, 'after post'),
    }),
    accountChannels: createAccountChannels({ db: deps.db }),
    dms: createDmChannels({ db: deps.db, slack: deps.slack }),
    pacer: createPacer(options.perChannelIntervalMs, clock),
    posts: createGate(options.maxPostsInFlight),
    heldLanes: new Map(),
    sessions: keepSession(deps.db),
    goneHolders: watchGoneHolders(),
    clock,
  };
  let current: { control: RunControl; report: Promise<DispatchReport> } | null = null;
  let stopped = false;

  return {
    drain(now) {
      if (stopped) return Promise.resolve(emptyReport());
      if (current && !current.control.closing) {
        // The run in progress looks again before it ends, so what the caller queued is sent by it.
        current.control.wakeup.notify();
        return current.report;
      }
      // A run that has looked for the last time is left to finish; the new one starts after it.
      const previous = current?.report.catch(() => undefined) ?? Promise.resolve();
      const control: RunControl = { wakeup: createWakeup(), stopping: false, closing: false };
      const report = previous.then(() => (control.stopping ? emptyReport() : runDispatch(parts, now, control)));
      const run = { control, report };
      current = run;
      report
        .finally(() => {
          if (current === run) current = null;
        })
        .catch(() => {});
      return report;
    },

    async stop() {
      stopped = true;
      const run = current;
      if (run) {
        run.control.stopping = true;
        run.control.wakeup.notify();
        await run.report.catch(() => {});
      }
      // Nothing of this dispatcher is claimed anymore, or it is left for recovery either way.
      await parts.sessions.release();
    },
  };
}
