import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export interface ServeChild {
  child: ChildProcessWithoutNullStreams;
  /** The capture server, ending in '/'. */
  captureUrl: string;
  /** The UI's URL as serve printed it (with its token). */
  uiUrl: string;
  /** The control API's origin. */
  ui: string;
  token: string;
}

let bundled = false;

/**
 * Builds the CLI bundle once per bench run. bin/hookscope.mjs loads the TypeScript sources through tsx when
 * they are newer than the bundle: a serve started that way takes about 2.5 s to start instead of 0.7 s on
 * this machine, and would not be what a user runs.
 */
function ensureCliBundle(): void {
  if (bundled) return;
  const built = spawnSync(process.execPath, [resolve(ROOT, 'scripts/build-cli.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 120_000,
  });
  if (built.status !== 0) throw new Error('scripts/build-cli.mjs failed');
  bundled = true;
}

/** A real `hookscope serve` on free ports over `dataDir` (from the fresh CLI bundle), once it has printed its URLs. */
export function startServe(dataDir: string): Promise<ServeChild> {
  ensureCliBundle();
  const child = spawn(process.execPath, [
    resolve(ROOT, 'bin/hookscope.mjs'),
    'serve',
    '--port',
    '0',
    '--ui-port',
    '0',
    '--json',
    '--data',
    dataDir,
  ]);
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${err}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      const info = JSON.parse(out.split('\n')[0]) as { captureUrl: string; uiUrl: string; token: string };
      const captureUrl = info.captureUrl.endsWith('/') ? info.captureUrl : `${info.captureUrl}/`;
      done({ child, captureUrl, uiUrl: info.uiUrl, ui: new URL(info.uiUrl).origin, token: info.token });
    });
    child.once('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
}
