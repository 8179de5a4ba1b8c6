import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'installation-id';

/**
 * This data dir's installation id, made once. It lives in a file beside the database rather than
 * in it, so a damaged database that is moved aside does not turn the user's own labs into
 * "another Labdeck's". Created with `wx`: when several processes start at once, one file wins and
 * every process reads that one.
 */
export function installationId(dataDir: string): string {
  const path = join(dataDir, FILE);
  const read = (): string | undefined => {
    try {
      const id = readFileSync(path, 'utf8').trim();
      return /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  };
  const found = read();
  if (found) return found;
  try {
    writeFileSync(path, `${randomUUID()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const id = read();
  if (id) return id;
  // A file that is there but unreadable as an id (truncated, edited): replace it, once.
  const fresh = randomUUID();
  writeFileSync(path, `${fresh}\n`, { mode: 0o600 });
  return fresh;
}
