/**
 * PGlite on a worker thread of its own. PGlite runs each query synchronously, in WebAssembly, on
 * the thread that calls it: in the bot's main thread, every query of every request held the loop
 * that reads Slack's requests and writes their acks. Here the main thread keeps only a small
 * client that drizzle talks to as it would to PGlite (`query`, `transaction`), and the database
 * works on the other core. Used for the data directory `npm start` runs on; tests keep an
 * in-thread PGlite, which they clone from a dump.
 */
import { getPriority, setPriority } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import { startTypeScriptWorker } from '../threads/typescript-worker';

type RowMode = 'array' | 'object';

type Request =
  | { op: 'query'; id: number; tx: number | null; sql: string; params: unknown[]; rowMode: RowMode }
  | { op: 'begin'; id: number; tx: number }
  | { op: 'end'; id: number; tx: number; commit: boolean }
  | { op: 'close'; id: number };

/** A request as sent, before it is numbered. */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

type Answer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: Record<string, unknown> };

export interface QueryResults {
  rows: unknown[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
}

interface QueryClient {
  query(sql: string, params?: unknown[], options?: { rowMode?: RowMode }): Promise<QueryResults>;
}

export interface PgliteThreadClient extends QueryClient {
  transaction<T>(work: (tx: QueryClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The error PGlite raised, rebuilt with its fields (code, constraint, …) so callers read it as before. */
function rebuiltError(fields: Record<string, unknown>): Error {
  const { message, ...rest } = fields;
  return Object.assign(new Error(String(message ?? 'PGlite query failed')), rest);
}

export async function startPgliteThread(dataDir: string): Promise<PgliteThreadClient> {
  const worker = startTypeScriptWorker(import.meta.url, { dataDir });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let nextTx = 1;
  let exited: Error | null = null;

  worker.on('message', (answer: Answer) => {
    const waiter = pending.get(answer.id);
    if (!waiter) return;
    pending.delete(answer.id);
    if (answer.ok) waiter.resolve(answer.result);
    else waiter.reject(rebuiltError(answer.error));
  });
  const fail = (error: Error) => {
    exited = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`The database thread exited (code ${code}).`)));

  function ask<T>(request: Unnumbered<Request>): Promise<T> {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  }

  const queryOn =
    (tx: number | null): QueryClient['query'] =>
    (sql, params = [], options = {}) =>
      ask<QueryResults>({ op: 'query', tx, sql, params, rowMode: options.rowMode ?? 'object' });

  // Started: the thread answers once PGlite is open, or rejects with why it could not open.
  await ask<null>({ op: 'begin', tx: 0 });
  return {
    query: queryOn(null),
    async transaction(work) {
      const tx = nextTx++;
      await ask({ op: 'begin', tx });
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work({ query: queryOn(tx) });
      } catch (error) {
        await ask({ op: 'end', tx, commit: false }).catch(() => {});
        throw error;
      }
      await ask({ op: 'end', tx, commit: true });
      return result;
    },
    async close() {
      try {
        if (!exited) await ask({ op: 'close' });
      } finally {
        await worker.terminate();
      }
    },
  };
}

// drizzle's PGlite driver hands these back untouched (it maps them itself); so does this thread.
const UNPARSED_TYPES = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];
const parsers = Object.fromEntries(UNPARSED_TYPES.map((oid) => [oid, (value: string) => value]));

class RolledBack extends Error {}

/**
 * How much nicer than the main thread this thread runs. Each query's message wakes it, and at the
 * same priority, on a machine with more work than cores, the woken thread takes the core from the
 * main thread there and then, in the middle of reading or acking Slack's requests (bench/ack-latency
 * found the main thread stuck in postMessage for a fifth of its busy time, a quarter of that once
 * nicer). Nicer, it waits for the main thread to yield, so acks come first; the database still has
 * a core to itself whenever the machine is not overloaded.
 */
const NICER_BY = 10;

/** Only on Linux is a nice value a thread's own: elsewhere it would slow the whole process, acks included. */
function yieldToMainThread(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(Math.min(19, getPriority() + NICER_BY));
  } catch {
    // A sandbox that refuses it leaves the thread as it was: slower acks under load, nothing worse.
  }
}

function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = { message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return fields;
}

async function serve(port: NonNullable<typeof parentPort>, dataDir: string): Promise<void> {
  yieldToMainThread();
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir);
  } catch (error) {
    port.once('message', (request: Request) =>
      port.postMessage({ id: request.id, ok: false, error: errorFields(error) }),
    );
    return;
  }
  const open = new Map<number, { tx: Transaction; end: (commit: boolean) => void }>();
  // How each open transaction ended: null once committed or rolled back as asked, else the error.
  const ended = new Map<number, (error: unknown) => void>();

  async function run(request: Request): Promise<unknown> {
    switch (request.op) {
      case 'query': {
        const target = request.tx === null ? pg : open.get(request.tx)?.tx;
        if (!target) throw new Error(`Transaction ${request.tx} is not open.`);
        const results = await target.query(request.sql, request.params, { rowMode: request.rowMode, parsers });
        return { rows: results.rows, fields: results.fields, affectedRows: results.affectedRows };
      }
      case 'begin': {
        if (request.tx === 0) return null; // The start-up handshake.
        const tx = request.tx;
        await new Promise<void>((started, failed) => {
          let isOpen = false;
          pg.transaction(
            (handle) =>
              new Promise<void>((commit, rollback) => {
                open.set(tx, { tx: handle, end: (ok) => (ok ? commit() : rollback(new RolledBack())) });
                isOpen = true;
                started();
              }),
          ).then(
            () => ended.get(tx)?.(null),
            (error: unknown) => {
              if (!isOpen) failed(error);
              else ended.get(tx)?.(error instanceof RolledBack ? null : error);
            },
          );
        });
        return null;
      }
      case 'end': {
        const entry = open.get(request.tx);
        if (!entry) throw new Error(`Transaction ${request.tx} is not open.`);
        const outcome = new Promise<unknown>((resolve) => ended.set(request.tx, resolve));
        entry.end(request.commit);
        const error = await outcome;
        open.delete(request.tx);
        ended.delete(request.tx);
        if (error) throw error;
        return null;
      }
      case 'close':
        await pg.close();
        return null;
    }
  }
  port.on('message', (request: Request) => {
    run(request).then(
      (result) => port.postMessage({ id: request.id, ok: true, result } satisfies Answer),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, error: errorFields(error) } satisfies Answer),
    );
  });
}

if (!isMainThread && parentPort && (workerData as { dataDir?: unknown })?.dataDir) {
  await serve(parentPort, String((workerData as { dataDir: string }).dataDir));
}
