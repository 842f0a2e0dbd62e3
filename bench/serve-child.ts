import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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

/** A real `hookscope serve` on free ports over `dataDir`, once it has printed its URLs. */
export function startServe(dataDir: string): Promise<ServeChild> {
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
