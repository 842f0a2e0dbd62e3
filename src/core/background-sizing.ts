/**
 * Sizes each background task's next batch from what its items have cost so
 * far, so that one call fits in the time left of a tick: analysis of 256
 * captures, or indexing them, can take tens of milliseconds, and a tick that
 * runs them whole holds up every request waiting behind it. Pure: times are
 * passed in.
 */
export interface BatchSizer {
  /** Items for task `i`'s next call, given the milliseconds left and the pace's ceiling. */
  size(i: number, remainingMs: number, ceiling: number): number;
  /** Records that task `i` did `items` in `ms`. */
  record(i: number, items: number, ms: number): void;
}

/** Items tried before a task's cost is known: one, since one item may be a 10 MB body. */
export const FIRST_BATCH = 1;
/** Weight of the newest measurement in the running cost per item. */
const WEIGHT = 0.3;

export function createBatchSizer(): BatchSizer {
  const msPerItem = new Map<number, number>();
  return {
    size(i, remainingMs, ceiling) {
      const cost = msPerItem.get(i);
      if (cost === undefined) return Math.max(1, Math.min(FIRST_BATCH, ceiling));
      if (cost <= 0) return ceiling;
      return Math.max(1, Math.min(ceiling, Math.floor(remainingMs / cost)));
    },
    record(i, items, ms) {
      if (items <= 0) return;
      const cost = ms / items;
      const before = msPerItem.get(i);
      msPerItem.set(i, before === undefined ? cost : before * (1 - WEIGHT) + cost * WEIGHT);
    },
  };
}
