import type { Database } from 'better-sqlite3';
import type { HeaderPair } from '../../shared/capture-types';
import { expandedFtsQuery, searchTerms, toFtsQuery, type SearchPlan } from './search-query';
import { createSearchSlices, SLICE_THRESHOLD, type DecodeBody } from './search-slices';
import { createSearchVocab, type IndexedText } from './search-vocab';

export { searchTerms, toFtsQuery } from './search-query';

export interface SearchableRow {
  path: string;
  query: string;
  headers: HeaderPair[];
  body: Buffer;
}

export type TextOf = (row: SearchableRow) => IndexedText;

interface PendingRow {
  id: number;
  path: string;
  query: string;
  headers: string;
  /** Null for a body over SLICE_THRESHOLD: it is indexed in slices (search-slices.ts). */
  body: Buffer | null;
}

/**
 * Past this many indexed rows without their terms in the vocabulary (a
 * database from before it, catching up), search uses FTS5's prefix query
 * instead of scanning those rows one by one.
 */
const MAX_VOCAB_LAG = 2000;

export type SearchRepo = ReturnType<typeof createSearchRepo>;

/**
 * Full-text search over decoded text bodies, headers and paths. Indexing runs
 * in the background in batches; search covers rows not yet indexed by reading
 * them directly, so a capture is findable the moment it is stored. Prefixes
 * are expanded through the index's vocabulary (search-vocab.ts) so that a
 * common word over a million rows is as quick as a rare one.
 */
export function createSearchRepo(db: Database, textOf: TextOf, decode: DecodeBody = (r) => r.body) {
  const vocab = createSearchVocab(db);
  const slices = createSearchSlices(db, decode);
  const getState = db.prepare<[], { indexed_upto: number; vocab_upto: number }>(
    'SELECT indexed_upto, vocab_upto FROM search_state WHERE id = 1',
  );
  const pending = db.prepare<[number, number, number], PendingRow>(
    'SELECT id, path, query, headers, CASE WHEN length(body) > ? THEN NULL ELSE body END AS body FROM captures WHERE id > ? ORDER BY id LIMIT ?',
  );
  /** Rows above the index, newest first, in pages: a search stops reading once it has its `limit`. */
  const wholeDown = db.prepare<[number, number, number], PendingRow & { body: Buffer }>(
    'SELECT id, path, query, headers, body FROM captures WHERE id > ? AND id < ? ORDER BY id DESC LIMIT ?',
  );
  const wholeById = db.prepare<[number], PendingRow & { body: Buffer }>(
    'SELECT id, path, query, headers, body FROM captures WHERE id = ?',
  );
  const insertFts = db.prepare('INSERT INTO captures_fts (rowid, path, headers, body) VALUES (?, ?, ?, ?)');
  const setUpto = db.prepare('UPDATE search_state SET indexed_upto = ? WHERE id = 1');
  const setVocabUpto = db.prepare('UPDATE search_state SET vocab_upto = ? WHERE id = 1');
  const matchBelow = db.prepare<[string, number, number], { rowid: number }>(
    'SELECT rowid FROM captures_fts WHERE captures_fts MATCH ? AND rowid <= ? ORDER BY rowid DESC LIMIT ?',
  );

  const state = () => getState.get() ?? { indexed_upto: 0, vocab_upto: 0 };
  const textOfRow = (row: PendingRow) => textOf(toSearchable(row));
  const noBody = Buffer.alloc(0);

  function toSearchable(row: PendingRow): SearchableRow {
    let headers: HeaderPair[];
    try {
      headers = JSON.parse(row.headers) as HeaderPair[];
    } catch {
      headers = [];
    }
    return { path: row.path, query: row.query, headers, body: row.body ?? noBody };
  }

  /**
   * Indexes rows above the mark; their terms join the vocabulary too while it
   * is caught up. A large body (stored, or once decoded) is left out of its
   * row and queued to be indexed in slices.
   */
  const indexBatch = db.transaction((max: number): number => {
    const { indexed_upto: upto, vocab_upto: vocabUpto } = state();
    const rows = pending.all(SLICE_THRESHOLD, upto, max);
    if (rows.length === 0) return 0;
    const texts = rows.map(textOfRow);
    rows.forEach((row, i) => {
      if (row.body === null || texts[i].body.length > SLICE_THRESHOLD) {
        texts[i] = { ...texts[i], body: '' };
        slices.enqueue(row.id);
      }
      insertFts.run(row.id, texts[i].path, texts[i].headers, texts[i].body);
    });
    const last = rows[rows.length - 1].id;
    setUpto.run(last);
    if (vocabUpto >= upto) {
      vocab.add(texts);
      setVocabUpto.run(last);
    }
    return rows.length;
  });

  /** A database indexed before the vocabulary existed: adds the terms of rows already indexed. */
  const vocabBatch = db.transaction((max: number): number => {
    const { indexed_upto: upto, vocab_upto: vocabUpto } = state();
    if (vocabUpto >= upto) return 0;
    const rows = pending.all(SLICE_THRESHOLD, vocabUpto, max).filter((r) => r.id <= upto);
    if (rows.length === 0) return 0;
    // A body indexed in slices brings its own terms (search-slices.ts); a large one indexed whole before slices existed is read whole.
    vocab.add(
      rows.map((r) =>
        slices.isSliced(r.id)
          ? { ...textOfRow(r), body: '' }
          : textOfRow(r.body === null ? (wholeById.get(r.id) ?? r) : r),
      ),
    );
    setVocabUpto.run(rows[rows.length - 1].id);
    return rows.length;
  });

  function holdsEvery(row: PendingRow, needles: string[]): boolean {
    const t = textOfRow(row);
    const hay = `${t.path}\n${t.headers}\n${t.body}`.toLowerCase();
    return needles.every((n) => hay.includes(n));
  }

  /** Ids above `after` whose text holds every term, newest first (rows the index does not cover). */
  function scanAbove(after: number, terms: string[], limit: number): number[] {
    const needles = terms.map((t) => t.toLowerCase());
    const found: number[] = [];
    // Newest first, stopping at `limit`: a common word over a backlog of 20,000 unindexed captures reads a page, not all of them.
    for (let below = Number.MAX_SAFE_INTEGER; found.length < limit;) {
      const rows = wholeDown.all(after, below, 500);
      if (rows.length === 0) break;
      for (const row of rows) if (holdsEvery(row, needles) && found.push(row.id) >= limit) break;
      below = rows[rows.length - 1].id;
    }
    return found;
  }

  /** The same for captures the index covers but whose large body is still being sliced. */
  function scanUnfinished(upto: number, terms: string[]): number[] {
    const needles = terms.map((t) => t.toLowerCase());
    const found: number[] = [];
    for (const id of slices.unfinished(upto)) {
      const row = wholeById.get(id);
      if (row && holdsEvery(row, needles)) found.push(id);
    }
    return found.reverse();
  }

  /** One term as its own FTS query (for sliced bodies, where terms may sit in different slices); null: it matches nothing indexed. */
  function termQuery(term: string, native: boolean): string | null {
    if (native) return toFtsQuery([term]);
    const plan = expandedFtsQuery([term], vocab.expand);
    return plan.kind === 'nothing' ? null : plan.kind === 'query' ? plan.query : toFtsQuery([term]);
  }

  return {
    indexedUpto(): number {
      return state().indexed_upto;
    },
    /** Highest capture id whose terms are in the vocabulary. */
    vocabUpto(): number {
      return state().vocab_upto;
    },
    /** Bodies queued or half done in slices. */
    slicing(): number {
      return slices.pending();
    },
    /** Indexes up to `max` slices of large bodies (a background task of its own: its items cost more). */
    indexSlices(max = 8): number {
      return slices.step(max);
    },
    /** Indexes up to `max` rows not yet indexed (and catches the vocabulary up); returns how many it did. */
    indexPending(max = 500): number {
      const indexed = indexBatch(max);
      return indexed > 0 ? indexed : vocabBatch(max);
    },
    /** Ids of captures matching every term, newest first. */
    search(text: string, limit = 50): number[] {
      const terms = searchTerms(text);
      if (terms.length === 0) return [];
      const { indexed_upto: upto, vocab_upto: vocabUpto } = state();
      const plan: SearchPlan =
        upto - vocabUpto <= MAX_VOCAB_LAG ? expandedFtsQuery(terms, vocab.expand) : { kind: 'native' };
      // The index answers for rows up to `covered`; rows above it are read directly (few: the indexer keeps up).
      const covered = plan.kind === 'native' ? upto : vocabUpto;
      const fresh = scanAbove(covered, terms, limit);
      if (fresh.length >= limit) return fresh.slice(0, limit);
      // A large body being sliced is read directly too: found by every word while half indexed.
      const below = new Set(scanUnfinished(covered, terms));
      if (plan.kind !== 'nothing') {
        const query = plan.kind === 'query' ? plan.query : toFtsQuery(terms);
        for (const r of matchBelow.all(query, covered, limit - fresh.length)) below.add(r.rowid);
        if (slices.anyDone()) {
          const perTerm = terms.map((t) => termQuery(t, plan.kind === 'native'));
          if (perTerm.every((q) => q !== null))
            for (const id of slices.matching(perTerm as string[], covered)) below.add(id);
        }
      }
      return [...fresh, ...[...below].sort((a, b) => b - a)].slice(0, limit);
    },
  };
}
