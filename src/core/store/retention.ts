import type { Database } from 'better-sqlite3';
import type { RetentionLimits } from '../../shared/capture-types';

/** An endpoint's retention limits; null is no limit (declared once, in the shared types). */
export type { RetentionLimits };

export interface RetentionRule extends RetentionLimits {
  endpointId: number;
  slug: string;
}

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;

/**
 * All SQL about retention. Every read walks the (endpoint_id, id) index in
 * bounded chunks, so no call costs more than the rows it is asked for.
 */
export function createRetentionRepo(db: Database) {
  const q = {
    rules: db.prepare<[], { id: number; slug: string; keep_count: number | null; keep_days: number | null }>(
      'SELECT id, slug, keep_count, keep_days FROM endpoints WHERE keep_count IS NOT NULL OR keep_days IS NOT NULL ORDER BY id',
    ),
    limits: db.prepare<[number], { keep_count: number | null; keep_days: number | null }>(
      'SELECT keep_count, keep_days FROM endpoints WHERE id = ?',
    ),
    set: db.prepare('UPDATE endpoints SET keep_count = ?, keep_days = ? WHERE id = ?'),
    newestBelow: db.prepare<[number, number, number], { id: number }>(
      'SELECT id FROM captures WHERE endpoint_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
    ),
    above: db.prepare<[number, number, number], { id: number }>(
      'SELECT id FROM captures WHERE endpoint_id = ? AND id > ? ORDER BY id LIMIT ?',
    ),
    nthFrom: db.prepare<[number, number, number], { id: number }>(
      'SELECT id FROM captures WHERE endpoint_id = ? AND id >= ? ORDER BY id LIMIT 1 OFFSET ?',
    ),
    oldest: db.prepare<[number, number], { id: number; received_at: number }>(
      'SELECT id, received_at FROM captures WHERE endpoint_id = ? ORDER BY id LIMIT ?',
    ),
    // Never the newest capture of all: ids come from max(id) + 1, and the search and analysis
    // cursors count on them never repeating, so the table is never emptied by retention.
    deleteBelow: db.prepare(
      `DELETE FROM captures WHERE id IN (SELECT id FROM captures WHERE endpoint_id = ? AND id < ?
         AND id < (SELECT max(id) FROM captures) ORDER BY id LIMIT ?)`,
    ),
  };

  return {
    /** Endpoints with a limit. */
    rules(): RetentionRule[] {
      return q.rules
        .all()
        .map((r) => ({ endpointId: r.id, slug: r.slug, keepCount: r.keep_count, keepDays: r.keep_days }));
    },
    limits(endpointId: number): RetentionLimits {
      const row = q.limits.get(endpointId);
      return { keepCount: row?.keep_count ?? null, keepDays: row?.keep_days ?? null };
    },
    setLimits(endpointId: number, limits: RetentionLimits): void {
      q.set.run(limits.keepCount, limits.keepDays, endpointId);
    },
    /** Ids of up to `max` captures of the endpoint below `beforeId`, newest first. */
    newestBelow(endpointId: number, beforeId: number, max: number): number[] {
      return q.newestBelow.all(endpointId, beforeId, max).map((r) => r.id);
    },
    /** Ids of up to `max` captures of the endpoint above `afterId`, oldest first. */
    above(endpointId: number, afterId: number, max: number): number[] {
      return q.above.all(endpointId, afterId, max).map((r) => r.id);
    },
    /** The id `offset` captures after `fromId` (itself included) in the endpoint, if there is one. */
    nthFrom(endpointId: number, fromId: number, offset: number): number | undefined {
      return q.nthFrom.get(endpointId, fromId, offset)?.id;
    },
    /** The endpoint's `max` oldest captures: id and time received. */
    oldest(endpointId: number, max: number): { id: number; receivedAt: number }[] {
      return q.oldest.all(endpointId, max).map((r) => ({ id: r.id, receivedAt: r.received_at }));
    },
    /** Deletes up to `max` of the endpoint's captures below `beforeId`, oldest first (never the newest of all); returns how many. */
    deleteBelow(endpointId: number, beforeId: number, max: number): number {
      return q.deleteBelow.run(endpointId, beforeId, max).changes;
    },
    /** PRAGMA data_version: changes when another connection commits (the CLI changing a limit). */
    dataVersion(): number {
      return db.pragma('data_version', { simple: true }) as number;
    },
  };
}
