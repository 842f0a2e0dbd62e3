import { join } from 'node:path';

/**
 * better_sqlite3.node built for Electron's ABI: scripts/electron-native.mjs
 * puts it in .electron-native/ of the checkout; a packaged app carries it in
 * resources/native/. node_modules keeps the Node build the CLI and tests use.
 */
export function electronNativeBinding(
  where: { isPackaged: boolean; appPath: string; resourcesPath: string },
  exists: (path: string) => boolean,
): string | undefined {
  const file = where.isPackaged
    ? join(where.resourcesPath, 'native', 'better_sqlite3.node')
    : join(where.appPath, '.electron-native', 'better_sqlite3.node');
  return exists(file) ? file : undefined;
}
