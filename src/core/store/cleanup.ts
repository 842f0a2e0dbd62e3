import type { Database } from 'better-sqlite3';
import { filterWhere, type CaptureFilter } from './capture-filter';

/**
 * Which captures a deletion takes: given ids, or every capture matching a
 * filter (an endpoint, a provider...), or all. `upto` bounds it to the
 * captures that existed when it was asked for: one arriving later is kept.
 */
export type DeleteTarget = (
  { kind: 'ids'; ids: number[] } | { kind: 'filter'; filter: CaptureFilter } | { kind: 'all' }
) & { upto: number };

export type CleanupRepo = ReturnType<typeof createCleanupRepo>;

function whereOf(target: DeleteTarget): { sql: string; args: unknown[] } {
  const where: string[] = ['c.id <= ?'];
  const args: unknown[] = [target.upto];
  if (target.kind === 'ids') {
    where.push('c.id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(target.ids));
  } else if (target.kind === 'filter') {
    const f = filterWhere(target.filter);
    where.push(...f.where);
    args.push(...f.args);
  }
  return { sql: where.join(' AND '), args };
}

/**
 * All SQL about deleting captures and endpoints. Deletion goes in slices of a
 * bounded size, each its own short statement, so capture never waits behind
 * it; a capture's search entries, slices and replays go with it (the delete
 * triggers of migrations 002 and 014, ON DELETE CASCADE), and its id is never
 * handed out again (migration 016).
 */
export function createCleanupRepo(db: Database) {
  const deleteIn = db.prepare('DELETE FROM captures WHERE id IN (SELECT value FROM json_each(?))');
  const endpointCaptures = db.prepare<[number, number], { id: number }>(
    'SELECT id FROM captures WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?',
  );
  const deleteEndpoint = db.prepare('DELETE FROM endpoints WHERE id = ?');
  return {
    /** How many captures the target takes now. */
    count(target: DeleteTarget): number {
      const { sql, args } = whereOf(target);
      return (
        db
          .prepare(`SELECT count(*) AS n FROM captures c JOIN endpoints e ON e.id = c.endpoint_id WHERE ${sql}`)
          .get(...args) as { n: number }
      ).n;
    },
    /** Deletes up to `max` of the target's captures, newest first; returns their ids (fewer than `max`: the target is done). */
    deleteSlice(target: DeleteTarget, max: number): number[] {
      const { sql, args } = whereOf(target);
      const ids = (
        db
          .prepare(
            `SELECT c.id FROM captures c JOIN endpoints e ON e.id = c.endpoint_id WHERE ${sql} ORDER BY c.id DESC LIMIT ?`,
          )
          .all(...args, max) as { id: number }[]
      ).map((r) => r.id);
      if (ids.length > 0) deleteIn.run(JSON.stringify(ids));
      return ids;
    },
    /**
     * One slice of deleting an endpoint: up to `max` of its captures, and the
     * endpoint itself (its secrets and analysis rows by cascade) once none is left.
     */
    deleteEndpointSlice(endpointId: number, max: number): { ids: number[]; gone: boolean } {
      const ids = endpointCaptures.all(endpointId, max).map((r) => r.id);
      if (ids.length > 0) deleteIn.run(JSON.stringify(ids));
      if (ids.length < max) {
        // Whatever arrived between the select and here is at most a few rows: the cascade takes them.
        deleteEndpoint.run(endpointId);
        return { ids, gone: true };
      }
      return { ids, gone: false };
    },
    maxId(): number {
      return (db.prepare('SELECT coalesce(max(id), 0) AS n FROM captures').get() as { n: number }).n;
    },
  };
}
