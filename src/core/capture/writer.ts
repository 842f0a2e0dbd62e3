import type { NewCapture } from '../store/captures';

interface Waiting {
  row: NewCapture;
  resolve: (id: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Other writes that go into the captures' next transaction instead of one of
 * their own (the records of forwards: replay/forward-records.ts).
 */
export interface Rider {
  /** Runs inside the transaction, after the rows; never throws (a failure of its own is its own to isolate). */
  store(): void;
  /** The transaction committed. */
  committed(): void;
  /** The transaction failed: nothing `store` wrote is kept. */
  failed(): void;
}

export interface BatchWriter {
  /** Resolves with the row id once the transaction holding it has committed. */
  write(row: NewCapture): Promise<number>;
  /** Joins the next transaction that commits rows (none is started for a rider alone). */
  ride(rider: Rider): void;
  /** Commits whatever is queued now. */
  flush(): void;
  readonly queued: number;
}

/**
 * Group commit: every row that arrives in one turn of the event loop goes into
 * one transaction, flushed on setImmediate. Requests are answered only after
 * their row is committed, so an acknowledged webhook is never lost; one
 * transaction per turn instead of per request is what keeps this fast.
 * `insertMany` runs `alongside` (the riders) in the rows' transaction.
 */
export function createBatchWriter(
  insertMany: (rows: NewCapture[], alongside?: () => void) => number[],
  onCommitted?: (ids: number[], rows: NewCapture[]) => void,
): BatchWriter {
  let queue: Waiting[] = [];
  let riders: Rider[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    const along = riders;
    queue = [];
    riders = [];
    const rows = batch.map((w) => w.row);
    let ids: number[];
    try {
      ids = insertMany(rows, along.length > 0 ? () => along.forEach((r) => r.store()) : undefined);
    } catch (error) {
      for (const w of batch) w.reject(error);
      for (const r of along) r.failed();
      return;
    }
    for (let i = 0; i < batch.length; i++) batch[i].resolve(ids[i]);
    for (const r of along) r.committed();
    if (onCommitted) {
      try {
        onCommitted(ids, rows);
      } catch {
        // A listener's failure never undoes a commit or an acknowledgement.
      }
    }
  }

  return {
    write(row) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    ride(rider) {
      riders.push(rider);
    },
    flush,
    get queued() {
      return queue.length;
    },
  };
}
