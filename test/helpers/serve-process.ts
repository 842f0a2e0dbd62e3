import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN } from './cli';

export interface ServeInfo {
  captureUrl: string;
  uiUrl: string;
  token: string;
  dataDir: string;
}

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  info: ServeInfo;
  stderr(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the real `hookscope serve` in a child process on free ports and waits for its URLs. */
export function startServeProcess(dataDir: string, extra: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [
    BIN,
    'serve',
    '--port',
    '0',
    '--ui-port',
    '0',
    '--json',
    '--data',
    dataDir,
    ...extra,
  ]);
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        try {
          resolve({ child, info: JSON.parse(line) as ServeInfo, stderr: () => err, exited });
        } catch (error) {
          reject(error);
        }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${err}`));
    });
  });
}
