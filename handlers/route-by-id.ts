/**
 * Bolt runs the middleware chain of every registered listener on every request, copying the
 * listener arguments at each step, so each `app.action(id, …)` costs every request Slack sends,
 * whatever it is for (measured in bench/ack-latency: 27 listeners made the acks of a burst wait on
 * the copies and their garbage). One listener per kind, matching the ids it knows and routing on
 * the id, costs each request one chain.
 */
export type Listener<Args> = (args: Args) => Promise<void>;

/** A pattern matching exactly these ids, for Bolt's constraint (so unknown ids stay unhandled). */
export function exactly(ids: Iterable<string>): RegExp {
  const escaped = [...ids].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(?:${escaped.join('|')})$`);
}

/** The listener of the route whose id the request carries; a request with no route is left alone. */
export function routeById<Args>(
  routes: ReadonlyMap<string, Listener<Args>>,
  idOf: (args: Args) => string | undefined,
): Listener<Args> {
  return async (args) => {
    const route = routes.get(idOf(args) ?? '');
    if (route) await route(args);
  };
}
