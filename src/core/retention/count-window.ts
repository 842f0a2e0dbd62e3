/**
 * "Keep the newest N captures" for one endpoint, in bounded steps. The window
 * is the span of ids [low, top] holding the captures kept; everything of the
 * endpoint below `low` is past the limit.
 *
 * - walk: from the newest capture down, counting, until N are seen (then
 *   `low` is the N-th newest) or the endpoint runs out (nothing to delete);
 * - follow: captures that arrived above `top` widen the window; when it holds
 *   more than N, `low` moves up by the surplus;
 * - trim (the caller): deletes below `low`, oldest first.
 *
 * Each step touches at most the rows it is given, so a large endpoint is
 * handled over many small steps and capture never waits on it.
 */

/** The reads a window needs (the store's retention repo provides them). */
export interface WindowReads {
  newestBelow(endpointId: number, beforeId: number, max: number): number[];
  above(endpointId: number, afterId: number, max: number): number[];
  nthFrom(endpointId: number, fromId: number, offset: number): number | undefined;
}

export interface CountWindow {
  /** Advances by up to `max` rows of reading; returns how many rows it read. */
  step(max: number): number;
  /** Captures of the endpoint below this id are past the limit (0: none yet). */
  readonly low: number;
  readonly walking: boolean;
}

export function createCountWindow(reads: WindowReads, endpointId: number, keep: number): CountWindow {
  let walking = true;
  let cursor = Number.MAX_SAFE_INTEGER; // the walk's lowest id so far
  let seen = 0;
  let top = 0;
  let low = 0;
  /** Captures in [low, top] (low = 0: every capture up to top). */
  let size = 0;

  function walk(max: number): number {
    const wanted = Math.min(max, keep - seen);
    const ids = reads.newestBelow(endpointId, cursor, wanted);
    if (seen === 0 && ids.length > 0) top = ids[0];
    seen += ids.length;
    if (ids.length > 0) cursor = ids[ids.length - 1];
    if (seen >= keep) {
      low = cursor;
      size = keep;
      walking = false;
    } else if (ids.length < wanted) {
      // Fewer than `keep` captures exist: the window is all of them.
      low = 0;
      size = seen;
      walking = false;
    }
    return ids.length;
  }

  function follow(max: number): number {
    const ids = reads.above(endpointId, top, max);
    if (ids.length === 0) return 0;
    top = ids[ids.length - 1];
    size += ids.length;
    if (size > keep) {
      const surplus = size - keep;
      // low = 0 stands for "from the first capture": count from id 0 then.
      const next = reads.nthFrom(endpointId, low, surplus);
      if (next !== undefined) {
        low = next;
        size = keep;
      }
    }
    return ids.length;
  }

  return {
    step(max) {
      return walking ? walk(max) : follow(max);
    },
    get low() {
      return low;
    },
    get walking() {
      return walking;
    },
  };
}
