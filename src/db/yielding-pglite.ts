import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';

/**
 * PGlite runs each query synchronously in this thread, and its promises settle as microtasks: a
 * burst of requests chaining queries kept the loop from reading sockets for a second at a time,
 * so Slack's acks waited behind other requests' database work. Each query first waits for the
 * next turn of the event loop, so pending I/O (an ack, a new request) goes out between queries.
 */
function yieldingQueries<T extends PGlite | Transaction>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (property === 'query' || property === 'exec' || property === 'sql') {
        const run = value as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          await nextTurn();
          return run.apply(object, args);
        };
      }
      if (property === 'transaction') {
        const run = value as (work: (tx: Transaction) => Promise<unknown>) => Promise<unknown>;
        return async (work: (tx: Transaction) => Promise<unknown>) => {
          await nextTurn();
          return run.call(object, (tx) => work(yieldingQueries(tx)));
        };
      }
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

export const yieldingPglite = (client: PGlite): PGlite => yieldingQueries(client);
