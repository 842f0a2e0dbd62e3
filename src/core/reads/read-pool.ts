/**
 * Interactive reads off the main thread: a worker thread with its own
 * read-only connection (read-thread.ts) answers the UI's reads, so that a
 * group commit, a checkpoint or a background tick on the main thread never
 * delays the query itself; the main thread only passes the request and the
 * answer on.
 *
 * Whenever the thread cannot answer, the read runs on the main connection as
 * it always did: while the thread starts or restarts, when it died with the
 * read in flight, when the read needs the main thread (a verdict not yet
 * stored), when the connection would not open (the file deleted, another
 * schema). A thread that dies is restarted after a delay that doubles while
 * it keeps failing.
 *
 * Read-your-writes: every write on the main connection is a synchronous
 * transaction, committed before the call that made it returns; a read sent to
 * the thread afterwards starts a new read transaction there, and in WAL mode a
 * read transaction sees every commit made before it began. So a read sent
 * after an acknowledged write always sees it; nothing needs waiting for.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ApiResults } from '../../shared/api';
import type { Clock } from '../clock';
import type { InteractiveGate } from '../interactive';
import { unpackedPath } from '../store/unpacked-path';
import type { ReadArgs, ThreadRead } from './read-methods';
import { fromThreadError, type FromReadThread, type ReadThreadData, type ToReadThread } from './read-protocol';

export type ReadThreadState = 'starting' | 'ready' | 'down' | 'stopped';

export interface ReadThread {
  /** `method` answered by the read thread, or by `local` on the main thread when the thread cannot answer it. */
  run<M extends ThreadRead>(
    method: M,
    args: ReadArgs<M>,
    local: () => ApiResults[M] | Promise<ApiResults[M]>,
  ): Promise<ApiResults[M]>;
  readonly state: ReadThreadState;
  /** Reads answered by the thread and by the main connection since start. */
  readonly served: { thread: number; main: number };
  /** Resolves once a thread is ready to answer (now, or when the next one has started). */
  ready(): Promise<void>;
  /** Ends the thread abruptly, as a crash would; it is restarted like after one. */
  kill(): Promise<void>;
  /** Closes the thread's connection and ends it; reads run on the main thread from then on. */
  stop(): Promise<void>;
}

export interface ReadThreadOptions extends ReadThreadData {
  clock: Clock;
  /** Marks each read interactive until its answer arrives, so background work stands aside for it. */
  gate?: InteractiveGate;
  onError?: (error: unknown) => void;
  /** The worker's script (tests); default read-worker.mjs beside this module, or beside the CLI's bundle. */
  entry?: string;
  /** Wait before restarting a thread that ended or would not start; doubles while it keeps failing, up to 30 s. */
  restartMs?: number;
}

const MAX_RESTART_MS = 30_000;

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  local(): unknown;
  end(): void;
}

export const defaultReadWorkerEntry = (): string =>
  unpackedPath(fileURLToPath(new URL('./read-worker.mjs', import.meta.url)));

export function startReadThread(options: ReadThreadOptions): ReadThread {
  const entry = options.entry ?? defaultReadWorkerEntry();
  const restartMs = options.restartMs ?? 1000;
  const served = { thread: 0, main: 0 };
  const pending = new Map<number, Pending>();
  let state: ReadThreadState = 'starting';
  let worker: Worker | undefined;
  let nextId = 1;
  let failures = 0;
  let cancelRestart: (() => void) | undefined;
  let waiters: (() => void)[] = [];

  /** A read the thread will not answer runs on the main connection. */
  const runLocal = (p: Pending) => {
    served.main++;
    try {
      Promise.resolve(p.local()).then(p.resolve, p.reject);
    } catch (error) {
      p.reject(error);
    }
  };

  function settle(id: number, how: (p: Pending) => void) {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    p.end();
    how(p);
  }

  function onMessage(m: FromReadThread) {
    switch (m.kind) {
      case 'ready':
        state = 'ready';
        failures = 0;
        for (const wake of waiters.splice(0)) wake();
        return;
      case 'failed':
        options.onError?.(new Error(`read thread: ${m.message}; reads stay on the main thread for now`));
        return; // the thread exits next, and is restarted later
      case 'result':
        return settle(m.id, (p) => {
          served.thread++;
          p.resolve(m.result);
        });
      case 'error':
        return settle(m.id, (p) => {
          served.thread++;
          p.reject(fromThreadError(m.error));
        });
      case 'main':
        return settle(m.id, runLocal);
      case 'stopped':
        return;
    }
  }

  /** The thread ended: its reads in flight run on the main thread, and a new one starts later. */
  function onGone(w: Worker, error?: unknown) {
    if (worker !== w) return;
    worker = undefined;
    for (const id of [...pending.keys()]) settle(id, runLocal);
    if (state === 'stopped') return;
    state = 'down';
    if (error) options.onError?.(error);
    const delay = Math.min(MAX_RESTART_MS, restartMs * 2 ** failures);
    failures++;
    cancelRestart = options.clock.setTimer(delay, spawn);
  }

  function spawn() {
    cancelRestart = undefined;
    if (state === 'stopped') return;
    state = 'starting';
    if (!existsSync(entry)) {
      state = 'down';
      options.onError?.(new Error(`read thread: no ${entry}; reads stay on the main thread`));
      return;
    }
    const data: ReadThreadData = {
      file: options.file,
      schemaVersion: options.schemaVersion,
      nativeBinding: options.nativeBinding,
    };
    let w: Worker;
    try {
      w = new Worker(entry, { workerData: data });
    } catch (error) {
      state = 'down';
      options.onError?.(new Error(`read thread: ${(error as Error).message}; reads stay on the main thread`));
      return;
    }
    worker = w;
    w.on('message', onMessage);
    w.on('error', (error) => onGone(w, error));
    w.on('exit', () => onGone(w));
    w.unref();
  }

  spawn();

  return {
    run(method, args, local) {
      const w = worker;
      if (state !== 'ready' || !w) {
        served.main++;
        try {
          return Promise.resolve(local()); // read now, within the interactive call
        } catch (error) {
          return Promise.reject(error);
        }
      }
      const id = nextId++;
      const end = options.gate?.begin() ?? (() => undefined);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, local, end });
        const request: ToReadThread = { id, method, args };
        try {
          w.postMessage(request);
        } catch {
          settle(id, runLocal); // arguments that cannot be copied across: read here
        }
      });
    },
    get state() {
      return state;
    },
    served,
    ready() {
      if (state === 'ready') return Promise.resolve();
      return new Promise((wake) => waiters.push(wake));
    },
    async kill() {
      const w = worker;
      if (!w) return;
      await new Promise<void>((done) => {
        w.once('exit', () => done());
        void w.terminate();
      });
    },
    async stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      cancelRestart?.();
      waiters = [];
      const w = worker;
      if (!w) return;
      await new Promise<void>((done) => {
        w.once('exit', () => done());
        w.on('message', (m: FromReadThread) => {
          if (m.kind === 'stopped') void w.terminate();
        });
        w.postMessage('stop' satisfies ToReadThread);
      });
    },
  };
}
