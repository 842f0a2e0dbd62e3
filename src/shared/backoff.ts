/**
 * How long to wait before trying again after `failures` failures in a row
 * (1, 2, ...). Pure: the waiting itself is the caller's (the core's injected
 * clock in src/core/backoff.ts and the tunnel supervisor; the page's timer
 * for its event socket).
 */
export type BackoffSchedule = (failures: number) => number;

/** `firstMs`, doubling after each failure, never more than `maxMs`. */
export function doublingBackoff(firstMs: number, maxMs: number): BackoffSchedule {
  return (failures) => Math.min(maxMs, firstMs * 2 ** Math.min(Math.max(0, failures - 1), 52));
}

/** The given waits in turn, then the last one for every further failure. */
export function steppedBackoff(delaysMs: readonly number[]): BackoffSchedule {
  if (delaysMs.length === 0) throw new RangeError('a stepped backoff needs at least one delay');
  return (failures) => delaysMs[Math.min(Math.max(0, failures - 1), delaysMs.length - 1)];
}
