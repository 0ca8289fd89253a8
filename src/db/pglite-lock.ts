import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database at ${dataDir} is in use by another cs-bot process (pid ${holderPid}). ` +
        'PGlite allows one process per data directory: stop the other process, point ' +
        'PGLITE_DATA_DIR at another directory, or set DATABASE_URL to share a PostgreSQL server.',
    );
    this.name = 'DataDirectoryLockedError';
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a PGlite data directory, because two PGlite instances writing the
 * same files corrupt them. The lock is a file beside the directory holding the owner's pid; a lock
 * left by a process that no longer runs is taken over.
 */
export function lockDataDirectory(dataDir: string): () => void {
  const lockPath = join(dirname(dataDir), `.${dataDir.split(/[\\/]/).pop() ?? 'pglite'}.lock`);
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holderPid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holderPid) && holderPid !== process.pid && isProcessAlive(holderPid)) {
        throw new DataDirectoryLockedError(dataDir, holderPid);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}; remove ${lockPath} if no cs-bot is running.`);
}
