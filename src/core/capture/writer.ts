import type { NewCapture } from '../store/captures';

interface Waiting {
  row: NewCapture;
  resolve: (id: number) => void;
  reject: (error: unknown) => void;
}

export interface BatchWriter {
  /** Resolves with the row id once the transaction holding it has committed. */
  write(row: NewCapture): Promise<number>;
  /** Commits whatever is queued now. */
  flush(): void;
  readonly queued: number;
}

/**
 * Group commit: every row that arrives in one turn of the event loop goes into
 * one transaction, flushed on setImmediate. Requests are answered only after
 * their row is committed, so an acknowledged webhook is never lost; one
 * transaction per turn instead of per request is what keeps this fast.
 */
export function createBatchWriter(
  insertMany: (rows: NewCapture[]) => number[],
  onCommitted?: (ids: number[], rows: NewCapture[]) => void,
): BatchWriter {
  let queue: Waiting[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    let ids: number[];
    try {
      ids = insertMany(batch.map((w) => w.row));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    for (let i = 0; i < batch.length; i++) batch[i].resolve(ids[i]);
    if (onCommitted) {
      try {
        onCommitted(
          ids,
          batch.map((w) => w.row),
        );
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
    flush,
    get queued() {
      return queue.length;
    },
  };
}
