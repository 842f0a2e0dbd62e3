/**
 * Sizes each background task's next batch from what its calls have cost so
 * far, so that one call fits in the time left of a tick: analysis of 256
 * captures, or indexing them, can take tens of milliseconds, and a tick that
 * runs them whole holds up every request waiting behind it. Pure: times are
 * passed in.
 *
 * A call costs a fixed part (a transaction; for indexing, FTS5 writing a
 * segment and merging, which grows once a large body is indexed: 0.3 ms here)
 * and a part per item. Dividing a call's time by its items alone made a costly
 * call look like costly items: batches shrank to one item, each paying the
 * fixed part, and indexing fell to a few dozen rows a second behind a steady
 * load. So the sizer fits both parts over its recent calls: as soon as two
 * calls differ in size (a batch sized to what is left of a tick), the fixed
 * part stops counting against each item.
 */
export interface BatchSizer {
  /** Items for task `i`'s next call, given the milliseconds left and the pace's ceiling. */
  size(i: number, remainingMs: number, ceiling: number): number;
  /** Records that task `i` did `items` in `ms`. */
  record(i: number, items: number, ms: number): void;
  /** Task `i`'s running cost of one more item in milliseconds; undefined before its first call. */
  cost(i: number): number | undefined;
}

/** Items tried before a task's cost is known: one, since one item may be a 10 MB body. */
export const FIRST_BATCH = 1;
/** Weight of the newest call in the running averages. */
const WEIGHT = 0.3;
/** Below this spread of batch sizes (their variance), calls cannot tell the fixed part from the items' part. */
const MIN_SPREAD = 0.25;

/** Running (exponentially weighted) averages over a task's calls: items, milliseconds, and their products. */
interface Calls {
  n: number;
  ms: number;
  nn: number;
  nms: number;
}

export interface CallCost {
  /** Milliseconds a call costs whatever its size. */
  fixedMs: number;
  /** Milliseconds each item adds. */
  perItemMs: number;
  /** False while every call had about the same size: all the cost is put on the items. */
  separated: boolean;
}

/** The least-squares line through the weighted calls: ms = fixed + items × perItem. Pure. */
export function fitCallCost(c: Calls): CallCost {
  const spread = c.nn - c.n * c.n;
  if (spread >= MIN_SPREAD) {
    const perItemMs = (c.nms - c.n * c.ms) / spread;
    if (perItemMs > 0) return { fixedMs: Math.max(0, c.ms - perItemMs * c.n), perItemMs, separated: true };
  }
  return { fixedMs: 0, perItemMs: c.n > 0 ? c.ms / c.n : 0, separated: false };
}

export function createBatchSizer(): BatchSizer {
  const calls = new Map<number, Calls>();
  return {
    size(i, remainingMs, ceiling) {
      const c = calls.get(i);
      if (c === undefined) return Math.max(1, Math.min(FIRST_BATCH, ceiling));
      const { fixedMs, perItemMs } = fitCallCost(c);
      if (perItemMs <= 0) return ceiling;
      return Math.max(1, Math.min(ceiling, Math.floor((remainingMs - fixedMs) / perItemMs)));
    },
    record(i, items, ms) {
      if (items <= 0) return;
      const c = calls.get(i);
      if (c === undefined) {
        calls.set(i, { n: items, ms, nn: items * items, nms: items * ms });
        return;
      }
      const mix = (before: number, now: number) => before * (1 - WEIGHT) + now * WEIGHT;
      c.n = mix(c.n, items);
      c.ms = mix(c.ms, ms);
      c.nn = mix(c.nn, items * items);
      c.nms = mix(c.nms, items * ms);
    },
    cost(i) {
      const c = calls.get(i);
      return c === undefined ? undefined : fitCallCost(c).perItemMs;
    },
  };
}
