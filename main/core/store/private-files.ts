import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Only the user may enter the data dir or read its files: webhook tokens, notes, recordings, kubeconfigs. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Narrows the modes of the data dir and everything under it to the owner: folders 0700, files
 * 0600. Run at every start, so a data dir an older Labdeck created 0755 / 0644 is fixed too.
 * Symbolic links are left alone (chmod would follow them out of the data dir). Windows has no
 * POSIX modes; the folder under the user's profile is already private there.
 */
export function makePrivate(dataDir: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return;
  const walk = (dir: string): void => {
    chmodSync(dir, PRIVATE_DIR_MODE);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) chmodOwned(path, PRIVATE_FILE_MODE);
    }
  };
  walk(dataDir);
}

/** chmod, unless another process removed the file in between (a -shm file at close, a cast being deleted). */
export function chmodOwned(path: string, mode: number): void {
  try {
    if (lstatSync(path).isSymbolicLink()) return;
    chmodSync(path, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
