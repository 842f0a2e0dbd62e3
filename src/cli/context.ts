import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createApp, type AppSurface } from '../core/app';
import { defaultDataDir } from '../core/paths';

export interface CommonOptions {
  data?: string;
  json?: boolean;
}

/** Adds the options every command takes. */
export function withData(command: Command): Command {
  return command.option('--data <dir>', 'data folder (default: the OS app-data folder, shared with the desktop app)');
}

export function withJson(command: Command): Command {
  return command.option('--json', 'print machine-readable JSON');
}

export function dataDirOf(options: CommonOptions): string {
  return resolve(options.data ?? defaultDataDir());
}

/** Opens the app on the chosen data folder, runs `fn`, and always closes it. */
export async function withApp<T>(options: CommonOptions, fn: (app: AppSurface) => Promise<T> | T): Promise<T> {
  const app: AppSurface = createApp({ dataDir: dataDirOf(options) });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
