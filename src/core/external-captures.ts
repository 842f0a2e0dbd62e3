import type { Clock } from './clock';

/** What the watcher reads: all of it cheap (a pragma, the rowid's end, ids by rowid range). */
export interface ExternalCapturesDeps {
  clock: Clock;
  /** PRAGMA data_version of this process's connection: it changes only when another connection commits. */
  dataVersion(): number;
  /** The newest capture id now. */
  maxId(): number;
  /** Capture ids in (after, upto], oldest first, at most `limit`. */
  idsBetween(after: number, upto: number, limit: number): number[];
  /** Told the ids another process added, oldest first (the app sends them as `captures.added`). */
  onAdded(ids: number[]): void;
  /** A read that failed for good (a damaged file): told once, and the watching stops. */
  onError?(error: unknown): void;
  /** Whether a failed read may pass on a later look (SQLITE_BUSY). */
  isTransient?(error: unknown): boolean;
  intervalMs?: number;
}

/** How often another process's commits are looked for. */
export const EXTERNAL_CHECK_MS = 1000;
/** The most ids told in one check; more (a large import) come on the next checks. */
export const EXTERNAL_IDS_PER_CHECK = 2000;

export interface ExternalCaptures {
  /** Ids this process committed itself (already sent as `captures.added`): never told again. */
  ownCommitted(ids: readonly number[]): void;
  stop(): void;
}

/**
 * Captures another process writes (`hookscope import` beside a running
 * serve) reach the open UI as they reach this one's own: every second, when
 * `PRAGMA data_version` says another connection committed, the ids past the
 * last one looked at, less those this process committed itself, are told as
 * added. Deletions by another process are not seen here (see the closing
 * notes): the UI finds them on its next reload.
 */
export function watchExternalCaptures(deps: ExternalCapturesDeps): ExternalCaptures {
  const intervalMs = deps.intervalMs ?? EXTERNAL_CHECK_MS;
  /** Set by the first look that could read: until then nothing is told (what was there is not new). */
  let version: number | undefined;
  let seen = 0;
  let own = createIdRanges();
  let stopped = false;
  let cancel: (() => void) | undefined;

  /** Reads what there is now as the starting point. */
  function start(): void {
    seen = deps.maxId();
    version = deps.dataVersion();
  }

  function look(): void {
    if (version === undefined) return start();
    // The newest id first, then the version: a commit from elsewhere between the two shows as a changed version.
    const newest = deps.maxId();
    const now = deps.dataVersion();
    if (now === version) {
      // Nothing from elsewhere: every id up to the newest is this process's own, already told.
      seen = Math.max(seen, newest);
      own = createIdRanges();
    } else {
      version = now;
      if (newest > seen) {
        const ids = deps.idsBetween(seen, newest, EXTERNAL_IDS_PER_CHECK);
        // A check that took only part of a large import looks again next time, from where it stopped.
        const reached = ids.length === EXTERNAL_IDS_PER_CHECK ? ids[ids.length - 1] : newest;
        if (reached < newest) version = -1;
        const theirs = ids.filter((id) => !own.has(id));
        own.dropUpTo(reached);
        seen = reached;
        if (theirs.length > 0) deps.onAdded(theirs);
      }
    }
  }

  /** One look, never throwing: a damaged file (the capture path answers 503 for it) ends the watching. */
  function safely(): boolean {
    try {
      look();
      return true;
    } catch (error) {
      if (deps.isTransient?.(error)) return true;
      deps.onError?.(error);
      stopped = true;
      return false;
    }
  }

  function check(): void {
    if (stopped) return;
    if (safely()) cancel = deps.clock.setTimer(intervalMs, check);
  }

  safely();
  if (!stopped) cancel = deps.clock.setTimer(intervalMs, check);
  return {
    ownCommitted(ids) {
      for (const id of ids) if (id > seen) own.add(id);
    },
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}

/**
 * A set of ids kept as runs of consecutive ids: this process's commits come as
 * rising runs (one per batch, and batch after batch), so capture adds an id at
 * the cost of a comparison, where a Set hashed every one (0.4 µs a request at
 * 25,000 a second).
 */
function createIdRanges() {
  /** Runs [first, last] that never overlap, ordered by first unless `sorted` says an id came out of order. */
  const runs: [number, number][] = [];
  let sorted = true;

  function sort(): void {
    runs.sort((a, b) => a[0] - b[0]);
    sorted = true;
  }

  function has(id: number): boolean {
    if (!sorted) sort();
    let lo = 0;
    let hi = runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (id < runs[mid][0]) hi = mid - 1;
      else if (id > runs[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  return {
    add(id: number): void {
      if (!sorted) sort();
      const last = runs[runs.length - 1];
      if (last === undefined || id > last[1] + 1) runs.push([id, id]);
      else if (id === last[1] + 1) last[1] = id;
      else if (!has(id)) {
        runs.push([id, id]);
        sorted = false;
      }
    },
    has,
    /** Forgets ids up to `id`. */
    dropUpTo(id: number): void {
      let keep = 0;
      for (const run of runs) {
        if (run[1] <= id) continue;
        if (run[0] <= id) run[0] = id + 1;
        runs[keep++] = run;
      }
      runs.length = keep;
    },
  };
}
