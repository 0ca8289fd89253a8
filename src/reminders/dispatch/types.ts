/** The dispatcher's public vocabulary: what it needs from the app and what it reports back. */
import type { webApi } from '@slack/bolt';
import type { Database } from '../../db/database';
import type { NotificationRow } from '../../outbox';
import type { KnownBlock } from '../../slack/block-kit';

export type { NotificationRow };

export interface RenderContext {
  /**
   * The rows existed and were due more than `lateAfterMs` ago, yet nothing sent them (the bot was
   * down): the message should say so.
   */
  late: boolean;
  now: Date;
  /** Several late rows for one channel folded into one message. */
  combined: boolean;
}

export interface RenderedMessage {
  text: string;
  blocks?: KnownBlock[];
  /**
   * The tasks a row's message shows when the renderer chose them (the overdue DM lists what is
   * overdue right now): stored on the row before the post, so its buttons can later refresh them.
   */
  shownTasks?: Array<{ rowId: string; taskIds: string[] }>;
  /**
   * Rows of a combined message that did not fit in it: they are posted in a message of their own
   * right after this one, on the same lane, still claimed.
   */
  deferredRowIds?: string[];
}

/**
 * Renders one Slack message for one row, or for several combined rows. Returns null when there is
 * nothing to say anymore (say the task was closed meanwhile): the rows then become 'skipped'.
 * Called right before the post, so what it reads is as fresh as it can be.
 */
export type RenderMessage = (rows: NotificationRow[], context: RenderContext) => Promise<RenderedMessage | null>;

/** Bolt's Logger fits; so does console. */
export interface DispatchLogger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export interface DispatcherOptions {
  /** Slack allows about one message per second per channel. */
  perChannelIntervalMs: number;
  /**
   * A 'sending' row claimed longer ago than this belongs to a dispatcher presumed dead or stuck,
   * whatever its holder's session says. Claims whose holder's session has ended are recovered
   * sooner (see goneHolderGraceMs).
   */
  leaseMs: number;
  /**
   * On PostgreSQL, how long a claim holder's session must have been seen gone before its claims are
   * taken over (its process may live on and have a post in flight). PGlite takes them over at once.
   */
  goneHolderGraceMs: number;
  /** A row that existed and was due longer ago than this is sent marked late. */
  lateAfterMs: number;
  /** More late rows than this for one channel are combined into one message. */
  combineLateOver: number;
  /** Lanes (channels or DMs) worked at once; each posts at most once per perChannelIntervalMs. */
  maxLanes: number;
  /** Slack posts in flight at once, across all lanes. */
  maxPostsInFlight: number;
  /** Attempts (claims) after which a row that keeps failing becomes 'failed'. */
  maxAttempts: number;
  /** A Retry-After longer than this releases the rest of the lane until that time has passed. */
  maxRateLimitWaitMs: number;
}

export interface DispatcherDeps {
  db: Database;
  /**
   * Best built with createReminderSlackClient: it must reject rate-limited calls and not retry,
   * so that a 429 stalls only its own channel and a lost answer is resolved through history.
   */
  slack: webApi.WebClient;
  render: RenderMessage;
  /**
   * Written to claimed_by; distinct per process. Claims also name the database session the process
   * holds (src/db/held-session.ts), which is how others learn that it died.
   */
  instanceId: string;
  /** Slack user ids told once when an account channel breaks, and the fallback with no recipient. */
  admins: string[];
  logger?: DispatchLogger;
  options?: Partial<DispatcherOptions>;
}

/** Counts of what one run did, for the caller's log line. Counts are rows unless named otherwise. */
export interface DispatchReport {
  /** Due pending rows this run claimed (admin notices it created itself not included). */
  claimed: number;
  /** Rows marked sent, however it was learned (a reply, or history after a lost reply). */
  sent: number;
  /** Sent rows that were late. */
  late: number;
  /** Messages that combined several late rows. */
  combinedMessages: number;
  /** Rows found already in Slack's history after a dispatcher died or lost Slack's answer. */
  recovered: number;
  /** Rows the renderer had nothing to say about. */
  skipped: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Rows that went to a DM instead of their account channel because the channel is broken. */
  redirectedToDm: number;
  /** Account channels this run found broken and marked. */
  brokenChannels: number;
  /** Rows given up on after maxAttempts. */
  failed: number;
  /** Rows put back to pending to be tried again later. */
  retried: number;
}

export interface Dispatcher {
  /**
   * Sends until nothing is due: recovers stale claims, then claims lane after lane as lanes free,
   * pacing each channel, and resolves once no lane is busy and no due row is left to claim. The run
   * acts as if at `now`, its clock advancing with the wall clock. A call while a run is in progress
   * starts no second run: it joins that one (which looks again for due rows) and gets its report.
   */
  drain(now: Date): Promise<DispatchReport>;
  /**
   * Ends the run in progress soon (claimed rows not yet posted go back to pending), starts no other,
   * and lets go of the database session its claims named (once no other dispatcher on it needs it).
   */
  stop(): Promise<void>;
}
