import { type Logger, LogLevel } from '@slack/bolt';

export interface RecordingLogger extends Logger {
  /** Every error and warning logged, as one line each (the message and any error it carried). */
  errors: string[];
  warnings: string[];
}

function describeOne(message: unknown): string {
  if (!(message instanceof Error)) return String(message);
  const { code } = message as { code?: unknown };
  const cause = message.cause === undefined ? '' : ` (cause: ${describeOne(message.cause)})`;
  return `${message.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${message.message}${cause}`;
}

const describe = (messages: unknown[]): string => messages.map(describeOne).join(' ');

/** A Bolt logger that keeps errors and warnings for the test to read, and prints nothing. */
export function recordingLogger(): RecordingLogger {
  let level = LogLevel.INFO;
  const errors: string[] = [];
  const warnings: string[] = [];
  return {
    errors,
    warnings,
    debug: () => {},
    info: () => {},
    warn: (...messages: unknown[]) => void warnings.push(describe(messages)),
    error: (...messages: unknown[]) => void errors.push(describe(messages)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
