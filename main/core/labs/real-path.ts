import { realpathSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/**
 * Where the engine will really mount a host path: symlinks resolved, also for a path that does not
 * exist yet (the engine creates it, so its nearest existing parent decides).
 */
export function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realpathOrSelf(parent), basename(path));
  }
}
