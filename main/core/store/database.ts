import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations';
import { chmodOwned, makePrivate, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';

export interface OpenedStore {
  db: Database.Database;
  path: string;
  /** Set when the file on disk was corrupt: where it was moved (it is never deleted). */
  movedAside?: string;
  migrationsApplied: number[];
}

export interface OpenStoreOptions {
  /** Path to an Electron-ABI build of better-sqlite3, when running inside Electron. */
  nativeBinding?: string;
  now?: () => Date;
}

function openChecked(path: string, opts: OpenStoreOptions): Database.Database {
  const db = new Database(path, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  // Before the first write: SQLite creates the -wal and -shm files with the database file's mode.
  if (process.platform !== 'win32') chmodOwned(path, PRIVATE_FILE_MODE);
  try {
    // The busy timeout first: switching to WAL takes a lock another process may hold.
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity_check: ${String(check)}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Opens (or creates) labdeck.db in `dataDir`: WAL mode, integrity check, numbered migrations.
 * A file that fails the check or is not a database is moved aside with its -wal/-shm files to
 * `labdeck.db.corrupt-<timestamp>` and a fresh one is created; the caller tells the user where.
 */
export function openStore(dataDir: string, opts: OpenStoreOptions = {}): OpenedStore {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  makePrivate(dataDir);
  const path = join(dataDir, 'labdeck.db');
  let db: Database.Database;
  let movedAside: string | undefined;
  try {
    db = openChecked(path, opts);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const corrupt = code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /integrity_check|malformed|not a database/i.test(String(err));
    if (!corrupt) throw err;
    const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    movedAside = `${path}.corrupt-${stamp}`;
    renameSync(path, movedAside);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, movedAside + suffix);
    }
    db = openChecked(path, opts);
  }
  const migrationsApplied = migrate(db);
  return { db, path, movedAside, migrationsApplied };
}
