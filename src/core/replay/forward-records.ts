import type { CaptureResponse } from '../../shared/capture-types';
import type { NewReplay, ReplayRepo, StoredReplay } from '../store/replays';

/** One forward to record: the exchange, and for a proxying endpoint the answer its capture was given. */
export interface ForwardRecord {
  replay: NewReplay;
  /** Stored as the capture's response (the planned one is replaced); absent in rule mode. */
  given?: CaptureResponse;
}

export interface ForwardRecordsDeps {
  replays: Pick<ReplayRepo, 'add' | 'get'>;
  setResponse(id: number, response: CaptureResponse): void;
  /** Runs `work` in one write transaction. */
  transaction<T>(work: () => T): T;
  /** Defers `run` until the I/O of this turn has been handled (setImmediate in the app). */
  soon?(run: () => void): void;
  /** Whether anyone hears of records (default yes); nobody listening, a record is not read back. */
  listening?(): boolean;
  onRecorded?(replay: StoredReplay): void;
  onError?(error: unknown): void;
}

export type ForwardRecords = ReturnType<typeof createForwardRecords>;

/**
 * Forwards are recorded off the request path, the way captures are
 * committed: every record made in one turn of the event loop goes into one
 * transaction after that turn's I/O, instead of two transactions of its own
 * before the proxied answer goes out. The capture itself was committed before
 * it was forwarded; what waits here is the record of the target's answer, a
 * turn later. A record that cannot be stored (its capture deleted meanwhile)
 * is reported and never takes the others of its turn with it.
 */
export function createForwardRecords(deps: ForwardRecordsDeps) {
  const soon = deps.soon ?? ((run: () => void) => void setImmediate(run));
  let queue: ForwardRecord[] = [];
  let scheduled = false;

  function store(r: ForwardRecord): number {
    if (r.given) deps.setResponse(r.replay.captureId, r.given);
    return deps.replays.add(r.replay);
  }

  function commit(batch: ForwardRecord[]): number[] {
    try {
      return deps.transaction(() => batch.map(store));
    } catch {
      // One bad record fails its transaction: the rest are stored one by one, the bad one reported.
      const ids: number[] = [];
      for (const r of batch) {
        try {
          ids.push(deps.transaction(() => store(r)));
        } catch (error) {
          deps.onError?.(error);
        }
      }
      return ids;
    }
  }

  function flush(): void {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const ids = commit(batch);
    if (!deps.onRecorded || !(deps.listening?.() ?? true)) return;
    for (const id of ids) {
      try {
        deps.onRecorded(deps.replays.get(id));
      } catch (error) {
        deps.onError?.(error);
      }
    }
  }

  return {
    /** Queues a record; it is committed with the others of this turn. */
    add(record: ForwardRecord): void {
      queue.push(record);
      if (!scheduled) {
        scheduled = true;
        soon(flush);
      }
    },
    /** Commits whatever is queued now (on close). */
    flush,
    get queued(): number {
      return queue.length;
    },
  };
}
