import type { DispatchReport } from './types';

export function emptyReport(): DispatchReport {
  return {
    claimed: 0,
    sent: 0,
    late: 0,
    combinedMessages: 0,
    recovered: 0,
    skipped: 0,
    rateLimited: 0,
    redirectedToDm: 0,
    brokenChannels: 0,
    failed: 0,
    retried: 0,
  };
}
