import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { unpackedPath } from './unpacked-path';
import type { Database } from 'better-sqlite3';

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the main thread: turns SQLite's automatic
 * checkpoint off on the main connection and runs them in a worker with its
 * own connection. If the worker fails, automatic checkpoints come back on.
 */
export function startCheckpointer(
  db: Database,
  file: string,
  options: {
    nativeBinding?: string;
    intervalMs?: number;
    restartAboveFrames?: number;
    onError?: (e: unknown) => void;
  } = {},
): Checkpointer {
  const worker = new Worker(unpackedPath(fileURLToPath(new URL('./checkpoint-worker.mjs', import.meta.url))), {
    workerData: {
      file,
      nativeBinding: options.nativeBinding,
      intervalMs: options.intervalMs ?? 200,
      // 16,384 frames of 4 KiB: the WAL wraps at about 64 MiB.
      restartAboveFrames: options.restartAboveFrames ?? 16_384,
    },
  });
  db.pragma('wal_autocheckpoint = 0');
  let alive = true;
  const fallBack = (error: unknown) => {
    if (!alive) return;
    alive = false;
    db.pragma('wal_autocheckpoint = 1000');
    options.onError?.(error);
  };
  worker.on('error', fallBack);
  worker.on('exit', (code) => {
    if (alive && code !== 0) fallBack(new Error(`checkpoint worker exited with ${code}`));
  });
  worker.on('message', (m: { kind: string; message?: string }) => {
    if (m.kind === 'error') options.onError?.(new Error(`checkpoint: ${m.message}`));
  });
  worker.unref();

  return {
    stop() {
      if (!alive) return Promise.resolve();
      alive = false;
      worker.ref(); // keep the process alive until the worker has closed its connection
      return new Promise((resolve) => {
        const done = () => {
          db.pragma('wal_autocheckpoint = 1000');
          resolve();
        };
        worker.once('exit', done);
        worker.on('message', (m: { kind: string }) => {
          if (m.kind === 'stopped') void worker.terminate();
        });
        worker.postMessage('stop');
      });
    },
  };
}
