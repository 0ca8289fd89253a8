import type { DispatcherOptions } from './types';

/**
 * A post started just before its holder's session ended lands within the Slack client's timeout
 * (30 s, createReminderSlackClient); a little more, and Slack's history shows it.
 */
const GONE_HOLDER_GRACE_MS = 35_000;

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  perChannelIntervalMs: 1000,
  leaseMs: 5 * 60_000,
  lateAfterMs: 10 * 60_000,
  combineLateOver: 5,
  // Lanes cost a timer each while they wait out their channel's second; Slack calls are what is
  // bounded tightly (maxPostsInFlight), so every account channel of a big team fits in one run.
  maxLanes: 1000,
  maxPostsInFlight: 50,
  maxAttempts: 8,
  maxRateLimitWaitMs: 60_000,
  goneHolderGraceMs: GONE_HOLDER_GRACE_MS,
};

/** Slack renders long messages poorly; more late rows than this for one channel make several messages. */
export const MAX_ROWS_PER_COMBINED_MESSAGE = 20;

/**
 * Rows claimed per lane at once: more than any channel's late backlog (so that one is combined by
 * one claimer), and what is not posted within half the lease goes back for the next claim anyway.
 */
export const MAX_ROWS_PER_LANE_CLAIM = 1000;

/**
 * Stale claims taken over at once; recovery goes on batch after batch until none is left. It runs
 * at the start of a run, every minute of it, and when a gone holder's grace ends.
 */
export const STALE_CLAIMS_PER_RECOVERY = 200;
export const RECOVERY_EVERY_MS = 60_000;

/** While lanes run, how often the run also looks for rows that fell due or were queued meanwhile. */
export const IDLE_POLL_MS = 1000;

/**
 * How long a lane's database work waits for other lanes' to share one statement. A lane waits
 * out its channel's interval after each post anyway, so recording the post may wait a twentieth
 * of it at no cost; reading the tasks of a message delays its post, so it waits less. Hundreds of
 * lanes posting each second then cost a few statements a second instead of hundreds.
 */
export function sharedStatementWindowMs(perChannelIntervalMs: number, when: 'after post' | 'before post'): number {
  return when === 'after post' ? Math.min(50, perChannelIntervalMs / 20) : Math.min(20, perChannelIntervalMs / 50);
}

export function resolveOptions(options: Partial<DispatcherOptions> | undefined): DispatcherOptions {
  const defined = Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_DISPATCHER_OPTIONS, ...defined };
}
