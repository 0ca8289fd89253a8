/**
 * The accelerator rules of SPEC.md as pure functions of days: which contract year and quarter a
 * start falls in, which accelerators count against its limits, which week and phase a day is in,
 * and which accelerator a CSA engagement belongs to. No clock reads: every day is passed in.
 */
import { addCalendar, type CalendarDay, daysBetween } from '../clocks/calendar';
import {
  ACCELERATOR_PHASE_LABELS,
  ACCELERATOR_WEEKS,
  ACCELERATORS_PER_CONTRACT_YEAR,
  ACCELERATORS_PER_QUARTER,
  type Accelerator,
  type AcceleratorPhase,
} from '../domain/accelerator';
import { formatDay } from '../domain/calendar-day';

/** A contract year or quarter: its first day and its last day (both inclusive). */
export interface ContractPeriod {
  readonly index: number;
  readonly firstDay: CalendarDay;
  readonly lastDay: CalendarDay;
}

/**
 * The period of `months` months holding `day`, counted from the contract start. Each boundary is
 * the contract start plus a whole number of months, never chained, so a contract starting on
 * 31 January has quarters starting 31 January, 30 April, 31 July and 31 October.
 */
export function contractPeriodOn(contractStart: CalendarDay, day: CalendarDay, months: number): ContractPeriod | null {
  if (day < contractStart) return null;
  const boundary = (n: number) => addCalendar(contractStart, { months: n * months });
  // An estimate from the years and months apart, then corrected by at most a step either way.
  const [y0, m0] = contractStart.split('-').map(Number) as [number, number];
  const [y1, m1] = day.split('-').map(Number) as [number, number];
  let n = Math.max(0, Math.floor(((y1 - y0) * 12 + (m1 - m0)) / months));
  while (n > 0 && boundary(n) > day) n -= 1;
  while (boundary(n + 1) <= day) n += 1;
  return { index: n, firstDay: boundary(n), lastDay: addCalendar(boundary(n + 1), { days: -1 }) };
}

export const contractYearOn = (contractStart: CalendarDay, day: CalendarDay) =>
  contractPeriodOn(contractStart, day, 12);
export const contractQuarterOn = (contractStart: CalendarDay, day: CalendarDay) =>
  contractPeriodOn(contractStart, day, 3);

const within = (period: ContractPeriod, day: CalendarDay) => period.firstDay <= day && day <= period.lastDay;

export interface AcceleratorCount {
  readonly year: ContractPeriod;
  readonly quarter: ContractPeriod;
  /** Accelerators started in that contract year / quarter, earliest first. */
  readonly inYear: readonly Accelerator[];
  readonly inQuarter: readonly Accelerator[];
}

const byStart = (a: Accelerator, b: Accelerator) =>
  a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.createdAt.getTime() - b.createdAt.getTime();

/** The accelerators that count against the limits of a start on `startsOn` (null before the contract starts). */
export function countAccelerators(
  contractStart: CalendarDay,
  startsOn: CalendarDay,
  accelerators: readonly Accelerator[],
): AcceleratorCount | null {
  const year = contractYearOn(contractStart, startsOn);
  const quarter = contractQuarterOn(contractStart, startsOn);
  if (!year || !quarter) return null;
  const sorted = [...accelerators].sort(byStart);
  return {
    year,
    quarter,
    inYear: sorted.filter((accelerator) => within(year, accelerator.startsOn)),
    inQuarter: sorted.filter((accelerator) => within(quarter, accelerator.startsOn)),
  };
}

const range = (period: ContractPeriod) => `${formatDay(period.firstDay)} – ${formatDay(period.lastDay)}`;

function named(accelerators: readonly Accelerator[]): string {
  return accelerators
    .map((accelerator) => `${accelerator.type} (started ${formatDay(accelerator.startsOn)})`)
    .join(', ');
}

/**
 * Why an accelerator may not start on `startsOn`, naming the ones that count, or null when it may:
 * at most 4 a contract year and 1 a quarter (SPEC.md). Plain text: it is shown as a field error.
 */
export function acceleratorLimitProblem(
  contractStart: CalendarDay,
  startsOn: CalendarDay,
  accelerators: readonly Accelerator[],
): string | null {
  const count = countAccelerators(contractStart, startsOn, accelerators);
  if (!count) return `An accelerator cannot start before the contract start (${formatDay(contractStart)}).`;
  if (count.inYear.length >= ACCELERATORS_PER_CONTRACT_YEAR) {
    return `This contract year (${range(count.year)}) already has ${count.inYear.length} accelerators, the most it may have: ${named(count.inYear)}.`;
  }
  if (count.inQuarter.length >= ACCELERATORS_PER_QUARTER) {
    const nextQuarter = addCalendar(count.quarter.lastDay, { days: 1 });
    return `This quarter (${range(count.quarter)}) already has an accelerator, and it may have only one: ${named(count.inQuarter)}. Start this one on ${formatDay(nextQuarter)} or later.`;
  }
  return null;
}

/** The accelerator's week on `day`, 1 on its start day and the 6 days after; null before it starts. */
export function acceleratorWeekOn(startsOn: CalendarDay, day: CalendarDay): number | null {
  const days = daysBetween(startsOn, day);
  return days < 0 ? null : Math.floor(days / 7) + 1;
}

/**
 * The phase the calendar puts `day` in: discovery in week 1, planning in week 2, execution until
 * week 12, close-out from week 12 on (it is due by its end). Null before the start.
 */
export function phaseOn(startsOn: CalendarDay, day: CalendarDay): AcceleratorPhase | null {
  const week = acceleratorWeekOn(startsOn, day);
  if (week === null) return null;
  if (week === 1) return 'discovery';
  if (week === 2) return 'planning';
  return week < ACCELERATOR_WEEKS ? 'execution' : 'close_out';
}

/** What is known of an accelerator's progress: the day its close-out was logged, if it was. */
export interface AcceleratorProgress {
  readonly accelerator: Accelerator;
  readonly closedOutOn: CalendarDay | null;
}

/**
 * The accelerator a CSA engagement on `day` belongs to: the latest one started on or before that
 * day, unless its close-out was logged before that day (then none is running). Null when none.
 */
export function acceleratorRunningOn(
  progress: readonly AcceleratorProgress[],
  day: CalendarDay,
): AcceleratorProgress | null {
  const started = progress
    .filter(({ accelerator }) => accelerator.startsOn <= day)
    .sort((a, b) => byStart(a.accelerator, b.accelerator));
  const latest = started.at(-1);
  if (!latest) return null;
  return latest.closedOutOn !== null && latest.closedOutOn < day ? null : latest;
}

/**
 * Where a CSA engagement on `day` belongs: the accelerator running then, in the phase chosen, or
 * else the phase the calendar puts that day in. With no accelerator running it belongs to none.
 */
export function engagementAttachment(
  progress: readonly AcceleratorProgress[],
  day: CalendarDay,
  chosenPhase: AcceleratorPhase | null,
): { acceleratorId: string | null; acceleratorPhase: AcceleratorPhase | null } {
  const running = acceleratorRunningOn(progress, day);
  if (!running) return { acceleratorId: null, acceleratorPhase: chosenPhase };
  return {
    acceleratorId: running.accelerator.id,
    acceleratorPhase: chosenPhase ?? phaseOn(running.accelerator.startsOn, day),
  };
}

/** "Week 3 of 12: Execution", or "Planned: starts Mon 2 Feb 2027" before the start. */
export function describePhase(startsOn: CalendarDay, day: CalendarDay, closedOutOn: CalendarDay | null): string {
  if (closedOutOn !== null && closedOutOn <= day) return `Closed out ${formatDay(closedOutOn)}`;
  const week = acceleratorWeekOn(startsOn, day);
  const phase = phaseOn(startsOn, day);
  if (week === null || phase === null) return `Planned: starts ${formatDay(startsOn)}`;
  if (week > ACCELERATOR_WEEKS) return `Week ${week}: close-out overdue`;
  return `Week ${week} of ${ACCELERATOR_WEEKS}: ${ACCELERATOR_PHASE_LABELS[phase]}`;
}
