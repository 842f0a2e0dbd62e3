import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The Electron executable for the real-Electron checks: ELECTRON_PATH, else the
 * one the electron package downloaded (its path.txt), else none. Never
 * `require('electron')`, which would start a download.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): { path?: string; why: string } {
  if (env.ELECTRON_PATH) {
    return existsSync(env.ELECTRON_PATH)
      ? { path: env.ELECTRON_PATH, why: 'ELECTRON_PATH' }
      : { why: `ELECTRON_PATH=${env.ELECTRON_PATH} does not exist` };
  }
  let dir: string;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { why: 'the electron package is not installed' };
  }
  try {
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const file = join(dir, 'dist', relative);
    if (relative && existsSync(file)) return { path: file, why: 'the electron package' };
  } catch {
    // no path.txt: the binary was never downloaded
  }
  return {
    why: "Electron's binary was never downloaded (npm's electron package has no dist/, and ELECTRON_PATH is unset)",
  };
}
