import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 built for Electron's ABI. `npm start` builds it into .native/electron/ (see
 * scripts/electron-native.mjs) so node_modules keeps the Node build that `npm test` uses; the
 * packaged app gets its own rebuild from electron-builder and needs no override.
 */
export function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = join(app.getAppPath(), '.native', 'electron', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
