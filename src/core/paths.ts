import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Hookscope';
export const DB_FILE = 'hookscope.db';

/**
 * The OS app-data folder, the same one Electron's app.getPath('userData')
 * gives the desktop app, so the CLI and the window share one database.
 * HOOKSCOPE_DATA overrides it; --data overrides both.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.HOOKSCOPE_DATA) return env.HOOKSCOPE_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DB_FILE);
}
