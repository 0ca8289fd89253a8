import type { DispatcherOptions } from './types';

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  perChannelIntervalMs: 1000,
  leaseMs: 5 * 60_000,
  lateAfterMs: 10 * 60_000,
  combineLateOver: 5,
  batchSize: 200,
  maxAttempts: 8,
  maxRateLimitWaitMs: 60_000,
};

/** Slack renders long messages poorly; more late rows than this for one channel make several messages. */
export const MAX_ROWS_PER_COMBINED_MESSAGE = 20;

export function resolveOptions(options: Partial<DispatcherOptions> | undefined): DispatcherOptions {
  const defined = Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_DISPATCHER_OPTIONS, ...defined };
}
