/** Accelerators (SPEC.md "Accelerators"): about 12 weeks of work a CSA runs for a Success Services account. */
import type { AcceleratorType } from './activity';

/**
 * The phases of a running accelerator, in order. Discovery is week 1, planning (which produces the
 * backlog) week 2, execution the weeks after, and close-out is due by the end of week 12.
 */
export const ACCELERATOR_PHASES = ['discovery', 'planning', 'execution', 'close_out'] as const;
export type AcceleratorPhase = (typeof ACCELERATOR_PHASES)[number];

export const ACCELERATOR_PHASE_LABELS: Record<AcceleratorPhase, string> = {
  discovery: 'Discovery workshop',
  planning: 'Planning workshop (backlog)',
  execution: 'Execution',
  close_out: 'Close-out',
};

/** At most this many accelerators start in one contract year, and at most one in each of its quarters. */
export const ACCELERATORS_PER_CONTRACT_YEAR = 4;
export const ACCELERATORS_PER_QUARTER = 1;
/** How long an accelerator runs: close-out is due at the end of this week. */
export const ACCELERATOR_WEEKS = 12;

export interface Accelerator {
  id: string;
  accountId: string;
  type: AcceleratorType;
  contentModule: string | null;
  /** Calendar day in the team's zone. */
  startsOn: string;
  /** The CSA who runs it. */
  csaUserId: string;
  startedBy: string;
  createdAt: Date;
}
