import type { IncomingMessage, RequestListener } from 'node:http';

/** Slack's verification guide: refuse a request whose timestamp is more than five minutes from now. */
export const REQUEST_WINDOW_SECONDS = 5 * 60;

/**
 * True when the request says it was signed more than five minutes ahead of this clock. Bolt
 * refuses the stale direction itself; a future timestamp would let a captured request be replayed
 * for as long as it stays "new".
 */
export function isSignedInTheFuture(timestampHeader: string | string[] | undefined, nowMs: number): boolean {
  if (typeof timestampHeader !== 'string') return false; // Bolt refuses a missing or doubled header.
  const seconds = Number(timestampHeader);
  return Number.isFinite(seconds) && seconds - Math.floor(nowMs / 1000) > REQUEST_WINDOW_SECONDS;
}

/** Wraps Bolt's HTTP listener so a request signed in the future gets 401 before Bolt reads it. */
export function refusingFutureRequests(listener: RequestListener, now: () => number = Date.now): RequestListener {
  return (req: IncomingMessage, res) => {
    if (isSignedInTheFuture(req.headers['x-slack-request-timestamp'], now())) {
      req.resume();
      res.writeHead(401, { 'content-type': 'text/plain' }).end('The request timestamp is too far in the future.');
      return;
    }
    listener(req, res);
  };
}
