import type { CaptureResponse } from '../../shared/capture-types';
import type { BatchWriter, Rider } from '../capture/writer';
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
  /** Runs `work` in one write transaction (a savepoint when inside the captures' one). */
  transaction<T>(work: () => T): T;
  /** The capture writer: when captures are about to be committed this turn, the records go into their transaction. */
  alongside?: Pick<BatchWriter, 'queued' | 'ride'>;
  /** Defers `run` until the I/O of this turn has been handled (setImmediate in the app). */
  soon?(run: () => void): void;
  /** Runs `run` after `ms` (a record waiting for captures to ride with); default setTimeout. */
  later?(ms: number, run: () => void): void;
  /** Whether anyone hears of records (default yes); nobody listening, a record is not read back. */
  listening?(): boolean;
  onRecorded?(replay: StoredReplay): void;
  onError?(error: unknown): void;
}

export type ForwardRecords = ReturnType<typeof createForwardRecords>;

/** With no capture being committed this turn, records wait this long for one to ride with before taking a transaction of their own. */
export const RIDE_WAIT_MS = 20;

/**
 * Forwards are recorded off the request path, the way captures are
 * committed: the records of a turn of the event loop go into the transaction
 * that commits the next captures (this turn's, when any arrived; under load,
 * one comes within a turn or two), or into one of their own after
 * RIDE_WAIT_MS when none comes. Before, each took two transactions of its own
 * before the proxied answer went out. The capture itself was committed before
 * it was forwarded; what waits here is the record of the target's answer.
 * A record that cannot be stored (its capture deleted meanwhile) is
 * reported and never takes the others, or the captures, with it.
 */
export function createForwardRecords(deps: ForwardRecordsDeps) {
  const soon = deps.soon ?? ((run: () => void) => void setImmediate(run));
  const later = deps.later ?? ((ms: number, run: () => void) => void setTimeout(run, ms).unref());
  let queue: ForwardRecord[] = [];
  let scheduled = false;

  function store(r: ForwardRecord): number {
    if (r.given) deps.setResponse(r.replay.captureId, r.given);
    return deps.replays.add(r.replay);
  }

  function commit(batch: ForwardRecord[]): number[] {
    if (batch.length === 0) return [];
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
    told(commit(batch));
  }

  /** Joins the captures' transaction: what is queued when it runs is stored in it, and heard of once it commits. */
  function rider(): Rider {
    let taken: ForwardRecord[] = [];
    let ids: number[] = [];
    return {
      store() {
        scheduled = false;
        taken = queue;
        queue = [];
        ids = commit(taken);
      },
      committed: () => told(ids),
      failed() {
        // The captures' transaction failed (or never began): nothing was kept; the records are tried again on their own.
        queue = taken.concat(queue);
        taken = [];
        scheduled = queue.length > 0;
        if (scheduled) soon(flush);
      },
    };
  }

  function told(ids: number[]): void {
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
      if (scheduled) return;
      scheduled = true;
      if (!deps.alongside) return soon(flush);
      const waiting = deps.alongside.queued === 0;
      deps.alongside.ride(rider());
      // No capture is being committed this turn: the next one is waited for, a little.
      if (waiting) later(RIDE_WAIT_MS, flush);
    },
    /** Commits whatever is queued now (on close). */
    flush,
    get queued(): number {
      return queue.length;
    },
  };
}
