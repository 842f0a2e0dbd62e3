import type { Clock } from './clock';

/** A unit of background work: does up to a batch, returns how much it did. */
export type BackgroundTask = () => number;

export interface Background {
  /** Runs every task until none has anything left (tests and shutdown). */
  drain(): void;
  stop(): void;
}

/**
 * Runs deferred work (search indexing, signature analysis) off the
 * acknowledgement path: small batches, soon again while there is a backlog,
 * at a slow beat when idle. A task's failure is reported, never thrown.
 */
export function startBackground(
  tasks: BackgroundTask[],
  clock: Clock,
  options: { idleMs?: number; busyMs?: number; onError?: (error: unknown) => void } = {},
): Background {
  const idleMs = options.idleMs ?? 200;
  const busyMs = options.busyMs ?? 5;
  let cancel: (() => void) | undefined;
  let stopped = false;

  function runOnce(): number {
    let done = 0;
    for (const task of tasks) {
      try {
        done += task();
      } catch (error) {
        options.onError?.(error);
      }
    }
    return done;
  }

  function tick(): void {
    if (stopped) return;
    const done = runOnce();
    cancel = clock.setTimer(done > 0 ? busyMs : idleMs, tick);
  }

  cancel = clock.setTimer(idleMs, tick);

  return {
    drain() {
      for (let i = 0; i < 100_000 && runOnce() > 0; i++);
    },
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
