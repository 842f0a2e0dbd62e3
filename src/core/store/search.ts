import type { Database } from 'better-sqlite3';
import type { HeaderPair } from '../../shared/capture-types';

export interface SearchableRow {
  path: string;
  query: string;
  headers: HeaderPair[];
  body: Buffer;
}

export type TextOf = (row: SearchableRow) => { path: string; headers: string; body: string };

/** Splits what a user typed into terms; each becomes a quoted FTS5 prefix phrase. */
export function searchTerms(text: string): string[] {
  return text
    .split(/\s+/)
    .map((t) => t.trim())
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
}

export function toFtsQuery(terms: string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ');
}

interface PendingRow {
  id: number;
  path: string;
  query: string;
  headers: string;
  body: Buffer;
}

export type SearchRepo = ReturnType<typeof createSearchRepo>;

/**
 * Full-text search over decoded text bodies, headers and paths. Indexing runs
 * in the background in batches; search covers rows not yet indexed by reading
 * them directly, so a capture is findable the moment it is stored.
 */
export function createSearchRepo(db: Database, textOf: TextOf) {
  const getUpto = db.prepare<[], { indexed_upto: number }>('SELECT indexed_upto FROM search_state WHERE id = 1');
  const pending = db.prepare<[number, number], PendingRow>(
    'SELECT id, path, query, headers, body FROM captures WHERE id > ? ORDER BY id LIMIT ?',
  );
  const insertFts = db.prepare('INSERT INTO captures_fts (rowid, path, headers, body) VALUES (?, ?, ?, ?)');
  const setUpto = db.prepare('UPDATE search_state SET indexed_upto = ? WHERE id = 1');

  function toSearchable(row: PendingRow): SearchableRow {
    let headers: HeaderPair[] = [];
    try {
      headers = JSON.parse(row.headers) as HeaderPair[];
    } catch {
      headers = [];
    }
    return { path: row.path, query: row.query, headers, body: row.body };
  }

  const indexBatch = db.transaction((max: number): number => {
    const upto = getUpto.get()?.indexed_upto ?? 0;
    const rows = pending.all(upto, max);
    for (const row of rows) {
      const text = textOf(toSearchable(row));
      insertFts.run(row.id, text.path, text.headers, text.body);
    }
    if (rows.length) setUpto.run(rows[rows.length - 1].id);
    return rows.length;
  });

  return {
    indexedUpto(): number {
      return getUpto.get()?.indexed_upto ?? 0;
    },
    /** Indexes up to `max` rows not yet indexed; returns how many it did. */
    indexPending(max = 500): number {
      return indexBatch(max);
    },
    /** Ids of captures matching every term, newest first. */
    search(text: string, limit = 50): number[] {
      const terms = searchTerms(text);
      if (terms.length === 0) return [];
      const upto = getUpto.get()?.indexed_upto ?? 0;
      const needles = terms.map((t) => t.toLowerCase());
      const fresh: number[] = [];
      // Rows above the index mark: few, since the indexer keeps up; scanned newest first.
      for (let after = upto; ; ) {
        const rows = pending.all(after, 1000);
        if (rows.length === 0) break;
        for (const row of rows) {
          const t = textOf(toSearchable(row));
          const hay = `${t.path}\n${t.headers}\n${t.body}`.toLowerCase();
          if (needles.every((n) => hay.includes(n))) fresh.push(row.id);
        }
        after = rows[rows.length - 1].id;
      }
      fresh.reverse();
      if (fresh.length >= limit) return fresh.slice(0, limit);
      const indexed = db
        .prepare<[string, number], { rowid: number }>(
          'SELECT rowid FROM captures_fts WHERE captures_fts MATCH ? ORDER BY rowid DESC LIMIT ?',
        )
        .all(toFtsQuery(terms), limit - fresh.length)
        .map((r) => r.rowid);
      return [...fresh, ...indexed];
    },
  };
}
