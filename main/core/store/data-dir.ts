import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Labdeck keeps its database: $LABDECK_HOME when set, else the platform's data folder
 * (the same place Electron's `userData` points to for the desktop app).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.LABDECK_HOME) return env.LABDECK_HOME;
  switch (platform) {
    case 'win32':
      return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Labdeck');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Labdeck');
    default:
      return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'labdeck');
  }
}
