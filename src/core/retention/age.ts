/** "Keep nothing older than D days" for one endpoint: which of its oldest captures have expired. */

export const DAY_MS = 86_400_000;

/**
 * Given an endpoint's oldest captures (id order, which is arrival order), the
 * id below which all have expired: the first capture still young enough
 * bounds the run, so a clock that stepped back never deletes a newer capture
 * before an older one. Returns 0 when none has expired; `complete` says
 * whether every capture given had expired (more may follow).
 */
export function expiredBelow(
  oldest: readonly { id: number; receivedAt: number }[],
  keepDays: number,
  now: number,
): { below: number; count: number; complete: boolean } {
  const cutoff = now - keepDays * DAY_MS;
  let count = 0;
  while (count < oldest.length && oldest[count].receivedAt < cutoff) count++;
  if (count === 0) return { below: 0, count: 0, complete: false };
  const complete = count === oldest.length;
  return { below: oldest[count - 1].id + 1, count, complete };
}
