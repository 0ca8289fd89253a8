/** Everything one dispatcher run shares between its phases and lanes. */
import type { webApi } from '@slack/bolt';
import type { ClaimHolder, OutboxStore } from '../../outbox';
import type { AccountChannels } from './account-channels';
import type { DmChannels } from './dm-channels';
import type { Gate } from './gate';
import type { GoneHolderWatch } from './gone-holders';
import type { Pacer } from './pacer';
import type { OutgoingMessage } from './plan-messages';
import type { DispatcherOptions, DispatchLogger, DispatchReport, NotificationRow, RenderMessage } from './types';

/** A planned message on its lane, with the wall-clock time after which its claim may not start a post. */
export interface QueuedMessage extends OutgoingMessage {
  /** Well inside the lease of the claim: no other dispatcher can take a row over while this one might post it. */
  deadline: number;
}

export interface RunContext {
  /**
   * The instant the run acts at: the `now` it was started with, advanced by the wall time since.
   * Due times, lateness, claims and notBefore are measured from it.
   */
  now(): Date;
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
  /** Bounds the Slack posts in flight across lanes. */
  posts: Gate;
  /** Wall clock, for what Slack measures in real time: pacing, history windows, deadlines. */
  clock: () => number;
  /** The database session this run holds: every claim it makes names it. */
  holder: ClaimHolder;
  /** How long a holder must have been seen gone before its claims are taken over (0 on PGlite). */
  goneHolderGraceMs: number;
  /** When each gone holder was first seen gone; spans runs. */
  goneHolders: GoneHolderWatch;
  /**
   * No new post starts, claimed rows go back to pending: the dispatcher is stopping, or the
   * run's session was lost (others may be taking its claims over).
   */
  stopping(): boolean;
  /** Channels Slack refused for good during this run, whatever the accounts table says. */
  brokenChannels: Set<string>;
  /**
   * Lanes Slack told to wait longer than a lane waits (a long Retry-After), with the instant (on
   * the runs' `now` scale, as notBefore) until which they are not claimed, not even for rows
   * queued meanwhile. Spans runs.
   */
  heldLanes: Map<string, number>;
  /** Targets rows, plans their messages and queues them on their lanes, to be posted before `deadline`. */
  queue(rows: NotificationRow[], deadline: number): Promise<void>;
}

export function idsOf(rows: NotificationRow[]): string[] {
  return rows.map((row) => row.id);
}
