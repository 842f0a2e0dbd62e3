import type { Database } from 'better-sqlite3';
import type { NewCapture } from './captures';

/** What to export: given ids, or every capture matching the filter. */
export interface ExportSelection {
  ids?: number[];
  endpoint?: string;
  /** Only captures received at or after this epoch ms. */
  since?: number;
}

/** A capture coming from an export file: the row as it was, with its verdict. */
export interface ImportedCapture extends NewCapture {
  provider: string | null;
  eventType: string | null;
  signatureStatus: string | null;
  signature: unknown;
  /** Verify it again in this folder (a HAR from elsewhere has no verdict to keep). */
  staleVerdict: boolean;
}

export type TransferRepo = ReturnType<typeof createTransferRepo>;

/**
 * SQL for export and import: selecting captures in time order, and inserting
 * imported ones with the verdict they had (the analysis cursor is moved past
 * them so they are not verified again against this folder's secrets).
 */
export function createTransferRepo(db: Database) {
  const insert = db.prepare(`INSERT INTO captures (endpoint_id, received_at, method, url, path, query, http_version,
      remote_address, remote_port, headers, body, body_size, body_sha256, truncated, error, response_status, response,
      provider, event_type, signature_status, signature, stale_verdict)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const duplicate = db.prepare<[number, number, string, string, string], { id: number }>(
    `SELECT id FROM captures WHERE endpoint_id = ? AND received_at = ? AND method = ? AND url = ? AND body_sha256 = ? LIMIT 1`,
  );
  const maxId = db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM captures');
  const cursor = db.prepare<[], { analyzed_upto: number }>('SELECT analyzed_upto FROM analysis_state WHERE id = 1');
  const setCursor = db.prepare('UPDATE analysis_state SET analyzed_upto = max(analyzed_upto, ?) WHERE id = 1');

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
      if (selection.endpoint !== undefined) (where.push('e.slug = ?'), args.push(selection.endpoint));
      if (selection.since !== undefined) (where.push('c.received_at >= ?'), args.push(selection.since));
      const sql = `SELECT c.id FROM captures c JOIN endpoints e ON e.id = c.endpoint_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id`;
      return (db.prepare(sql).all(...args) as { id: number }[]).map((r) => r.id);
    },
    /** The id of a capture identical in endpoint, time, method, URL and body, if one is stored. */
    findDuplicate(c: NewCapture): number | undefined {
      return duplicate.get(c.endpointId, c.receivedAt, c.method, c.url, c.bodySha256)?.id;
    },
    insertImported(c: ImportedCapture): number {
      const status = c.response.kind === 'answered' ? c.response.status : null;
      const result = insert.run(
        c.endpointId, c.receivedAt, c.method, c.url, c.path, c.query, c.httpVersion,
        c.remoteAddress, c.remotePort, JSON.stringify(c.headers), c.body, c.bodySize, c.bodySha256,
        c.truncated ? 1 : 0, c.error, status, JSON.stringify(c.response),
        c.provider, c.eventType, c.signatureStatus, c.signature === null || c.signature === undefined ? null : JSON.stringify(c.signature),
        c.staleVerdict ? 1 : 0,
      );
      return Number(result.lastInsertRowid);
    },
    /** True when every stored capture has been analyzed (nothing waits below the cursor's reach). */
    nothingPending(): boolean {
      return (cursor.get()?.analyzed_upto ?? 0) >= (maxId.get()?.n ?? 0);
    },
    /** Moves the analysis cursor to the newest capture: imported verdicts are kept as they were. */
    markAllAnalyzed(): void {
      setCursor.run(maxId.get()?.n ?? 0);
    },
    /** Ids of the endpoints the given captures belong to. */
    endpointIdsOf(ids: number[]): number[] {
      if (ids.length === 0) return [];
      return (
        db.prepare('SELECT DISTINCT endpoint_id AS id FROM captures WHERE id IN (SELECT value FROM json_each(?)) ORDER BY endpoint_id').all(JSON.stringify(ids)) as { id: number }[]
      ).map((r) => r.id);
    },
    /** Runs `fn` in one write transaction, taking the write lock at once. */
    immediate<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}
