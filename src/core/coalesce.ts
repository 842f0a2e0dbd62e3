import type { Clock } from './clock';

/**
 * Gathers ids and hands them on at most once per `windowMs`: the first after
 * a quiet spell goes at once (a lone capture shows without delay), the ones
 * that follow within the window go together at its end. During a burst the UI
 * then gets a few large `captures.added` events a second instead of one per
 * commit, each of which cost a query, a JSON string and a socket write.
 */
export function createCoalescer(clock: Clock, windowMs: number, deliver: (ids: number[]) => void) {
  let pending: number[] = [];
  let lastAt = Number.NEGATIVE_INFINITY;
  let cancel: (() => void) | undefined;

  function flush(): void {
    cancel = undefined;
    if (pending.length === 0) return;
    const ids = pending;
    pending = [];
    lastAt = clock.now();
    deliver(ids);
  }

  return {
    add(ids: readonly number[]): void {
      for (const id of ids) pending.push(id);
      if (cancel) return;
      const wait = lastAt + windowMs - clock.now();
      if (wait <= 0) flush();
      else cancel = clock.setTimer(wait, flush);
    },
    /** Hands on what is gathered now (on close). */
    flush(): void {
      cancel?.();
      flush();
    },
  };
}
