/**
 * When each gone claim holder was first seen gone. A holder's session can end while its process
 * lives on (the server restarted, a proxy cut the connection): that process stops starting posts
 * as soon as it notices, but a post it had just started may still land in Slack afterwards. Its
 * claims are taken over once it has been seen gone for longer than such a post can take, so that
 * the history check sees the post. Where only one process can open the database the grace is 0:
 * a gone holder there is a process that is gone.
 */
import { type ClaimHolder, holderKey } from '../../outbox';

export interface GoneHolderWatch {
  /** Of the holders gone now, those seen gone for `graceMs`; and when the next of the rest will be. */
  settle(gone: readonly ClaimHolder[], at: number, graceMs: number): { due: ClaimHolder[]; nextAt: number | null };
}

export function watchGoneHolders(): GoneHolderWatch {
  const firstSeen = new Map<string, number>();
  return {
    settle(gone, at, graceMs) {
      const current = new Set(gone.map(holderKey));
      // A holder no longer listed has no claims left: forget it.
      for (const key of [...firstSeen.keys()]) if (!current.has(key)) firstSeen.delete(key);
      const due: ClaimHolder[] = [];
      let nextAt: number | null = null;
      for (const holder of gone) {
        const key = holderKey(holder);
        const seen = firstSeen.get(key) ?? at;
        firstSeen.set(key, seen);
        if (at - seen >= graceMs) due.push(holder);
        else nextAt = Math.min(nextAt ?? Number.POSITIVE_INFINITY, seen + graceMs);
      }
      return { due, nextAt };
    },
  };
}
