/**
 * A database session a process holds open so that others can tell from the database alone
 * whether it is still alive: its backend's pid and start, as pg_stat_activity shows them (the
 * start, because the server reuses pids). A process that dies takes its session with it: the
 * kernel closes the socket, the server ends the backend, and pg_stat_activity no longer lists it.
 *
 * On PostgreSQL the session is a connection of its own, outside the pool, so that it lives as
 * long as the process holds it however the pool recycles its connections. On PGlite it is the
 * database's one backend, which lives as long as the process has the data directory open (and
 * only one process can: see pglite-lock), so a backend that is gone means a process that is gone.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Database } from './database';

export interface SessionBackend {
  pid: number;
  /** pg_stat_activity.backend_start as text: to the microsecond, which a Date would round away. */
  startedAt: string;
}

export interface HeldSession {
  readonly backend: SessionBackend;
  /**
   * Only one process can have this database open (PGlite): a session that is gone is a process
   * that is gone, so nothing it started can still be under way.
   */
  readonly singleProcess: boolean;
  /** The connection closed while held: others may take over what it held, so its holder must stop. */
  lost(): boolean;
}

export interface SessionKeeper {
  /** The session held for this database, opened now if there is none yet or the last one was lost. */
  current(): Promise<HeldSession>;
  /** This user is done with it; the session closes once every user of the database is. */
  release(): Promise<void>;
}

interface Opened {
  session: HeldSession;
  close(): Promise<void>;
}

/** The postgres.js client drizzle's postgres-js driver wraps (PGlite's clients have no `reserve`). */
type PostgresJsClient = postgres.Sql & { options: object };

function postgresClientOf(db: Database): PostgresJsClient | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (typeof client !== 'function' && typeof client !== 'object') return null;
  const candidate = client as Partial<PostgresJsClient> | null;
  return candidate && typeof candidate.reserve === 'function' && typeof candidate.options === 'object'
    ? (candidate as PostgresJsClient)
    : null;
}

const BACKEND = 'select pid, backend_start::text as started_at from pg_stat_activity where pid = pg_backend_pid()';

function backendOf(rows: ReadonlyArray<{ pid?: unknown; started_at?: unknown }>): SessionBackend {
  const [row] = rows;
  if (!row || typeof row.pid !== 'number' || typeof row.started_at !== 'string') {
    throw new Error('The database does not show its own session in pg_stat_activity.');
  }
  return { pid: row.pid, startedAt: row.started_at };
}

async function openPostgresSession(pool: PostgresJsClient): Promise<Opened> {
  let closed = false;
  // The pool's own settings (server, credentials, TLS), one connection that is never recycled;
  // postgres.js opens its subscription connection the same way.
  const client = postgres({
    ...pool.options,
    max: 1,
    fetch_types: false,
    idle_timeout: null,
    max_lifetime: null,
    connection: { ...(pool.options as { connection?: object }).connection, application_name: 'cs-bot claim holder' },
    onclose: () => {
      closed = true;
    },
  } as unknown as postgres.Options<Record<string, postgres.PostgresType>>);
  try {
    const backend = backendOf(await client.unsafe(BACKEND));
    // No query runs on it again: a closed connection would only reconnect as another backend.
    return {
      session: { backend, singleProcess: false, lost: () => closed },
      close: () => client.end({ timeout: 5 }),
    };
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw error;
  }
}

async function openPgliteSession(db: Database): Promise<Opened> {
  const result: unknown = await db.execute(sql.raw(BACKEND));
  const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  const backend = backendOf(rows as Array<{ pid?: unknown; started_at?: unknown }>);
  return { session: { backend, singleProcess: true, lost: () => false }, close: async () => {} };
}

interface Shared {
  users: number;
  opened: Promise<Opened> | null;
}

// One session per database (per pool): every dispatcher of a process names the same holder.
const sessions = new WeakMap<Database, Shared>();

export function keepSession(db: Database): SessionKeeper {
  const shared = sessions.get(db) ?? { users: 0, opened: null };
  sessions.set(db, shared);
  shared.users += 1;
  let released = false;

  const open = (): Promise<Opened> => {
    const pool = postgresClientOf(db);
    const opening = pool ? openPostgresSession(pool) : openPgliteSession(db);
    // A failed open is not kept: the next call tries again.
    opening.catch(() => {
      if (shared.opened === opening) shared.opened = null;
    });
    return opening;
  };

  return {
    async current() {
      if (released) throw new Error('This session keeper was released.');
      // A connection that closes the moment it opens is a database going away: say so, do not spin.
      for (let attempt = 1; ; attempt += 1) {
        shared.opened ??= open();
        const opening = shared.opened;
        const opened = await opening;
        if (!opened.session.lost()) return opened.session;
        if (shared.opened === opening) shared.opened = null;
        void opened.close().catch(() => {});
        if (attempt === 2) throw new Error('The database closed the claim holder session as it opened.');
      }
    },
    async release() {
      if (released) return;
      released = true;
      shared.users -= 1;
      if (shared.users > 0 || !shared.opened) return;
      const opened = shared.opened;
      shared.opened = null;
      await (await opened.catch(() => null))?.close();
    },
  };
}
