/** Everything one dispatch pass shares between its phases and lanes. */
import type { webApi } from '@slack/bolt';
import type { AccountChannels } from './account-channels';
import type { DmChannels } from './dm-channels';
import type { OutboxStore } from './outbox-store';
import type { Pacer } from './pacer';
import type { DispatcherOptions, DispatchLogger, DispatchReport, NotificationRow, RenderMessage } from './types';

export interface PassContext {
  /** The instant the pass acts at: due times, lateness, claims and notBefore are measured from it. */
  now: Date;
  options: DispatcherOptions;
  report: DispatchReport;
  logger: DispatchLogger;
  slack: webApi.WebClient;
  render: RenderMessage;
  admins: string[];
  store: OutboxStore;
  accountChannels: AccountChannels;
  dms: DmChannels;
  pacer: Pacer;
  /** Wall clock, for what Slack measures in real time: pacing, history windows, the deadline. */
  clock: () => number;
  /**
   * Wall-clock time after which no new post starts: well inside the lease, so no other dispatcher
   * can take over a row while this one might still post it.
   */
  deadline: number;
  /** Channels Slack refused for good during this pass, whatever the accounts table says. */
  brokenChannels: Set<string>;
  /** Targets rows, plans their messages and queues them on their lanes. */
  reroute(rows: NotificationRow[]): Promise<void>;
}

export function idsOf(rows: NotificationRow[]): string[] {
  return rows.map((row) => row.id);
}
