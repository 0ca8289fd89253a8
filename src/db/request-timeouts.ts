import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Slack waits 3 seconds for an ack, and a view submission writes before its ack, so a database
 * call made for a Slack request gets less than that: one that has not answered by then is
 * abandoned, and the person told "nothing was saved". That must stay true, so a transaction still
 * open at its deadline is rolled back rather than committed, and no statement starts after it.
 */
export const REQUEST_DATABASE_TIMEOUT_MS = 2_000;

/** A database call for a Slack request that missed its deadline; it was abandoned, not committed. */
export class DatabaseDeadlineError extends Error {
  readonly code = 'CS_BOT_DATABASE_DEADLINE';
  constructor(timeoutMs: number) {
    super(`The database did not answer within ${timeoutMs} ms; the call was abandoned and nothing it wrote was kept.`);
    this.name = 'DatabaseDeadlineError';
  }
}

interface RequestScope {
  timeoutMs: number;
  /** True once a write this request made was committed: a later failure cannot say "nothing was saved". */
  wrote: boolean;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/**
 * Whether any client has deadlines yet (only postgres.js's get them; PGlite's run in the process).
 * Until one has, a request's scope would be read by no one, and entering the first scope switches on
 * Node's promise hooks for good, which then run on every promise of every request.
 */
let deadlinesInUse = false;

/**
 * Scopes still running. When the last ends the store is disabled, and with it Node's promise hooks
 * (when no other AsyncLocalStorage is on): a burst of requests that do their database work later,
 * queued after their acks, is then acked without a hook on every promise.
 */
let openScopes = 0;

async function inScope<T>(timeoutMs: number, run: () => Promise<T>): Promise<T> {
  openScopes += 1;
  try {
    return await scopes.run({ timeoutMs, wrote: false }, run);
  } finally {
    openScopes -= 1;
    // Work a scope left behind (a transaction body past its deadline) keeps its scope by reference.
    if (openScopes === 0) scopes.disable();
  }
}

/** Runs a Slack request's work with a deadline on each of its database calls (the planner's have none). */
export function withRequestTimeouts<T>(work: () => Promise<T>, timeoutMs = REQUEST_DATABASE_TIMEOUT_MS): Promise<T> {
  // Awaited inside the scope: a drizzle query is lazy and would otherwise run once awaited outside it.
  const run = async () => await work();
  return deadlinesInUse ? inScope(timeoutMs, run) : run();
}

/** Whether the current request already committed a write (read when answering its failure). */
export const requestWrote = (): boolean => scopes.getStore()?.wrote ?? false;

/** The subset of postgres.js's `sql` that drizzle calls: statements, transactions and savepoints. */
interface SqlClient {
  unsafe(...args: unknown[]): unknown;
  begin?(...args: unknown[]): Promise<unknown>;
  savepoint?(...args: unknown[]): Promise<unknown>;
}

const WRITE_STATEMENT = /^\s*(insert|update|delete)\b/i;

function rejectAfter(ms: number): { promise: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseDeadlineError(ms)), ms);
  });
  promise.catch(() => {});
  return { promise, clear: () => clearTimeout(timer) };
}

/**
 * A postgres.js query is a lazy promise that drizzle configures (`.values()`) before awaiting;
 * this one answers its first `then` with a race against the deadline, and cancels the query at
 * the deadline (which drops it at once while it still waits for a connection).
 */
function racedQuery(query: object, scope: RequestScope, write: boolean): object {
  let raced: Promise<unknown> | undefined;
  const start = (): Promise<unknown> => {
    if (raced) return raced;
    const deadline = rejectAfter(scope.timeoutMs);
    const running = Promise.resolve(query as PromiseLike<unknown>).then((result) => {
      if (write) scope.wrote = true;
      return result;
    });
    deadline.promise.catch(() => (query as { cancel?: () => void }).cancel?.());
    raced = Promise.race([running, deadline.promise]).finally(deadline.clear);
    return raced;
  };
  const proxy: object = new Proxy(query, {
    get(target, property) {
      if (property === 'then' || property === 'catch' || property === 'finally') {
        const promise = start();
        const method = promise[property] as (...args: unknown[]) => unknown;
        return method.bind(promise);
      }
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result === target ? proxy : result;
      };
    },
  });
  return proxy;
}

/** A transaction in progress: when it began, for which request, and whether it ran a write worth reporting. */
interface OpenTransaction {
  startedAt: number;
  wrote: boolean;
  /** The request's scope when it began: its body may outlive the request's own scope. */
  scope: RequestScope | undefined;
}

/**
 * postgres.js's client as drizzle sees it, with the current request's deadline on every call:
 * outside a request (the planner, the CLI) it is the client itself.
 */
export function withDeadlines<Client extends SqlClient>(client: Client, transaction?: OpenTransaction): Client {
  deadlinesInUse = true;
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe') {
        return (...args: unknown[]) => {
          const scope = transaction ? transaction.scope : scopes.getStore();
          if (scope && transaction && Date.now() - transaction.startedAt >= scope.timeoutMs) {
            throw new DatabaseDeadlineError(scope.timeoutMs);
          }
          const query = value.apply(target, args) as object;
          if (!scope) return query;
          const write = typeof args[0] === 'string' && WRITE_STATEMENT.test(args[0]);
          if (write && transaction) transaction.wrote = true;
          return racedQuery(query, scope, write && !transaction);
        };
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const scope = transaction ? transaction.scope : scopes.getStore();
          const body = args[args.length - 1] as (tx: SqlClient) => Promise<unknown>;
          const open: OpenTransaction = transaction ?? { startedAt: Date.now(), wrote: false, scope };
          const wrapped = async (tx: SqlClient) => {
            const result = await body(withDeadlines(tx, open));
            // Throwing here makes postgres.js roll back instead of committing a write that came too late.
            if (scope && Date.now() - open.startedAt >= scope.timeoutMs)
              throw new DatabaseDeadlineError(scope.timeoutMs);
            return result;
          };
          const running = value.apply(target, [...args.slice(0, -1), wrapped]) as Promise<unknown>;
          if (!scope || transaction) return running;
          const deadline = rejectAfter(scope.timeoutMs);
          const committed = running.then((result) => {
            if (open.wrote) scope.wrote = true;
            return result;
          });
          return Promise.race([committed, deadline.promise]).finally(deadline.clear);
        };
      }
      return value.bind(target);
    },
  });
}
