/**
 * Error codes that mean the database could not be reached (or stopped answering), as opposed to a
 * query it refused: the network's (Node's), postgres.js's own connection codes, PostgreSQL's
 * connection and shutdown SQLSTATEs, and this bot's request deadline.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CS_BOT_DATABASE_DEADLINE',
  // admin_shutdown, crash_shutdown, cannot_connect_now
  '57P01',
  '57P02',
  '57P03',
]);

/** SQLSTATE class 08: connection exceptions. */
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;

/**
 * Whether an error means "the database is unreachable" (so the person is told to try again in a
 * minute). drizzle wraps the driver's error in its own, so the whole cause chain is read.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const { code, errors } = current as { code?: unknown; errors?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || CONNECTION_EXCEPTION.test(code))) return true;
    // Node reports a failed connect to every address of a host as one AggregateError.
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnreachable(inner))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
