import type { BulkReplaySummary, ReplayErrorKind } from '../../shared/replay-types';
import { isHookscopeError } from '../../shared/errors';
import type { StoredReplay } from '../store/replays';

export const MAX_BULK_CONCURRENCY = 64;

type Result = BulkReplaySummary['results'][number];

/**
 * Replays captures in the order given, at most `concurrency` at a time (each
 * starts only when a slot frees, so requests go out in order). A capture that
 * cannot be sent (a truncated one, one without a target) counts as failed,
 * 'not-sent', and the run goes on; any other error stops it.
 */
export async function runBulk(
  ids: readonly number[],
  send: (id: number) => Promise<StoredReplay>,
  concurrency: number,
  onEach?: (result: Result, index: number) => void,
): Promise<BulkReplaySummary> {
  const limit = Math.max(1, Math.min(MAX_BULK_CONCURRENCY, Math.floor(concurrency)));
  const results: Result[] = new Array(ids.length);
  let next = 0;

  async function one(index: number): Promise<void> {
    const captureId = ids[index];
    let result: Result;
    try {
      const r = await send(captureId);
      result = { captureId, replayId: r.id, status: r.status, ok: r.ok, errorKind: r.errorKind, error: r.errorMessage };
    } catch (error) {
      if (!isHookscopeError(error) || (error.code !== 'BAD_INPUT' && error.code !== 'CAPTURE_NOT_FOUND')) throw error;
      result = { captureId, replayId: null, status: null, ok: false, errorKind: 'not-sent', error: error.message };
    }
    results[index] = result;
    onEach?.(result, index);
  }

  async function lane(): Promise<void> {
    while (next < ids.length) await one(next++);
  }

  await Promise.all(Array.from({ length: Math.min(limit, ids.length) }, lane));
  return summarize(results);
}

export function summarize(results: Result[]): BulkReplaySummary {
  const failedByKind: Partial<Record<ReplayErrorKind, number>> = {};
  for (const r of results) {
    if (r.ok) continue;
    const kind = r.errorKind ?? 'status';
    failedByKind[kind] = (failedByKind[kind] ?? 0) + 1;
  }
  const succeeded = results.filter((r) => r.ok).length;
  return {
    total: results.length,
    sent: results.filter((r) => r.replayId !== null).length,
    succeeded,
    failed: results.length - succeeded,
    failedByKind,
    results,
  };
}
