/**
 * A Bolt/WebClient logger for benches: counts warnings and errors instead of printing each one
 * (a stack trace per failed request would flood the figures and cost the app the time to print
 * it), and keeps the first few distinct messages for the summary line.
 */
import { type Logger, LogLevel } from '@slack/bolt';

const KEPT = 5;

function text(parts: unknown[]): string {
  return parts
    .map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part)))
    .join(' ')
    .replace(/\s+/g, ' ')
    .slice(0, 160);
}

export interface CountingLogger extends Logger {
  /** "no warnings or errors", or their counts and the first distinct messages. */
  summary(): string;
}

export function countingLogger(): CountingLogger {
  let level: LogLevel = LogLevel.ERROR;
  let name = '';
  const counts = { warn: 0, error: 0 };
  const seen = new Map<string, number>();
  const note = (kind: 'warn' | 'error', parts: unknown[]) => {
    counts[kind] += 1;
    const message = `${kind}: ${text(parts)}`;
    if (seen.has(message) || seen.size < KEPT) seen.set(message, (seen.get(message) ?? 0) + 1);
  };
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => note('warn', parts),
    error: (...parts: unknown[]) => note('error', parts),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
    summary() {
      if (counts.warn + counts.error === 0) return 'app log: no warnings or errors';
      const first = [...seen].map(([message, times]) => `    ${times}x ${message}`).join('\n');
      return `app log${name ? ` (${name})` : ''}: ${counts.error} error(s), ${counts.warn} warning(s); first kinds:\n${first}`;
    },
  };
}
