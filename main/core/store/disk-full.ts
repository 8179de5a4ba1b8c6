import { statfsSync } from 'node:fs';
import { LabdeckError } from '../../api/errors';

/** What Labdeck wants free beside its database to run a game day (a journal, a report, a WAL checkpoint). */
export const NEEDED_FREE_BYTES = 16 * 1024 * 1024;

/**
 * Whether a SQLite error means the disk could not take a write: SQLITE_FULL, or an I/O error
 * (SQLite reports a file it cannot grow on a full disk, e.g. its -shm or -wal, as a disk I/O error).
 */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC');
}

/** Free bytes on the disk holding `dir`, or undefined when it cannot be read. */
export function freeBytes(dir: string): number | undefined {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** DISK_FULL for the data dir: where, how much is free, how much is needed, and what to do. */
export function diskFullError(dataDir: string, cause?: unknown, what = 'write its database'): LabdeckError {
  const free = freeBytes(dataDir);
  const freeText = free === undefined ? 'an unknown amount' : mb(free);
  const why = cause instanceof Error ? ` (${cause.message})` : '';
  return new LabdeckError('DISK_FULL', `Labdeck could not ${what} in ${dataDir}: the disk is full, ${freeText} free${why}`, {
    hint: `Free at least ${mb(NEEDED_FREE_BYTES)} on that disk (old run reports, \`docker image prune\`, \`docker system df\` shows what the engine keeps), or point LABDECK_HOME at a folder on another disk.`,
    path: dataDir,
    cause,
  });
}
