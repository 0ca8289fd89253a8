/** Percentiles and fixed-width table rows for latency figures, so the ack benches print alike. */
import { formatMs } from './measure';

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** How many took longer than `overMs` (Slack's 3 s ack limit unless told otherwise). */
  over: number;
}

/** Nearest-rank percentile of values already sorted ascending; NaN for none. */
function nearestRank(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(values: readonly number[], overMs = 3000): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: nearestRank(sorted, 50),
    p99: nearestRank(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    over: sorted.filter((value) => value > overMs).length,
  };
}

export const ms = (value: number) => (Number.isNaN(value) ? '-' : formatMs(value));

export const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

/** A row of cells, the first left-aligned, the others right-aligned, at the widths given. */
export function row(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, index) => {
      const width = widths[index] ?? cell.length;
      return index === 0 ? cell.padEnd(width) : cell.padStart(width);
    })
    .join('  ');
}
