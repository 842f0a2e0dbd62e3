import type { Database } from 'better-sqlite3';
import { INSERT_CAPTURE_SQL, insertCaptureParams, type NewCapture } from './captures';

/** What to export: given ids, or every capture matching the filter. */
export interface ExportSelection {
  ids?: number[];
  endpoint?: string;
  /** Only captures received at or after this epoch ms. */
  since?: number;
}

/**
 * A capture coming from an import file: the request as it was, with no
 * verdict. Its provider and signature status are this folder's analysis's to
 * give (a file can say anything), so it is analyzed like a new capture.
 */
export type ImportedCapture = NewCapture;

/** The duplicate check; its plan is a search of captures_by_endpoint_time, never a scan (test/hostile/import.test.ts). */
export const DUPLICATE_SQL =
  'SELECT id FROM captures WHERE endpoint_id = ? AND received_at = ? AND method = ? AND url = ? AND body_sha256 = ? LIMIT 1';

export type TransferRepo = ReturnType<typeof createTransferRepo>;

/**
 * SQL for export and import: selecting captures in time order, finding an
 * imported capture already stored (through captures_by_endpoint_time,
 * migration 010), and inserting imported ones for the analysis to verify.
 */
export function createTransferRepo(db: Database) {
  const insert = db.prepare(INSERT_CAPTURE_SQL);
  const duplicate = db.prepare<[number, number, string, string, string], { id: number }>(DUPLICATE_SQL);

  return {
    /** Ids of the selected captures, oldest first. */
    selectIds(selection: ExportSelection): number[] {
      const where: string[] = [];
      const args: unknown[] = [];
      if (selection.ids) {
        if (selection.ids.length === 0) return [];
        where.push(`c.id IN (SELECT value FROM json_each(?))`);
        args.push(JSON.stringify(selection.ids));
      }
      if (selection.endpoint !== undefined) {
        where.push('e.slug = ?');
        args.push(selection.endpoint);
      }
      if (selection.since !== undefined) {
        where.push('c.received_at >= ?');
        args.push(selection.since);
      }
      const sql = `SELECT c.id FROM captures c JOIN endpoints e ON e.id = c.endpoint_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id`;
      return (db.prepare(sql).all(...args) as { id: number }[]).map((r) => r.id);
    },
    /** The id of a capture identical in endpoint, time, method, URL and body, if one is stored. */
    findDuplicate(c: NewCapture): number | undefined {
      return duplicate.get(c.endpointId, c.receivedAt, c.method, c.url, c.bodySha256)?.id;
    },
    /** Inserts an imported capture with no verdict; ids above the analysis cursor are analyzed as new. */
    insertImported(c: ImportedCapture): number {
      return Number(insert.run(...insertCaptureParams(c)).lastInsertRowid);
    },
    /** Ids of the endpoints the given captures belong to. */
    endpointIdsOf(ids: number[]): number[] {
      if (ids.length === 0) return [];
      return (
        db
          .prepare(
            'SELECT DISTINCT endpoint_id AS id FROM captures WHERE id IN (SELECT value FROM json_each(?)) ORDER BY endpoint_id',
          )
          .all(JSON.stringify(ids)) as { id: number }[]
      ).map((r) => r.id);
    },
    /** Runs `fn` in one write transaction, taking the write lock at once. */
    immediate<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}
