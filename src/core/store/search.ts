import type { Database } from 'better-sqlite3';
import type { HeaderPair } from '../../shared/capture-types';
import { expandedFtsQuery, searchTerms, toFtsQuery, type SearchPlan } from './search-query';
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
  body: Buffer;
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
export function createSearchRepo(db: Database, textOf: TextOf) {
  const vocab = createSearchVocab(db);
  const getState = db.prepare<[], { indexed_upto: number; vocab_upto: number }>(
    'SELECT indexed_upto, vocab_upto FROM search_state WHERE id = 1',
  );
  const pending = db.prepare<[number, number], PendingRow>(
    'SELECT id, path, query, headers, body FROM captures WHERE id > ? ORDER BY id LIMIT ?',
  );
  const insertFts = db.prepare('INSERT INTO captures_fts (rowid, path, headers, body) VALUES (?, ?, ?, ?)');
  const setUpto = db.prepare('UPDATE search_state SET indexed_upto = ? WHERE id = 1');
  const setVocabUpto = db.prepare('UPDATE search_state SET vocab_upto = ? WHERE id = 1');
  const matchBelow = db.prepare<[string, number, number], { rowid: number }>(
    'SELECT rowid FROM captures_fts WHERE captures_fts MATCH ? AND rowid <= ? ORDER BY rowid DESC LIMIT ?',
  );

  const state = () => getState.get() ?? { indexed_upto: 0, vocab_upto: 0 };
  const textOfRow = (row: PendingRow) => textOf(toSearchable(row));

  function toSearchable(row: PendingRow): SearchableRow {
    let headers: HeaderPair[] = [];
    try {
      headers = JSON.parse(row.headers) as HeaderPair[];
    } catch {
      headers = [];
    }
    return { path: row.path, query: row.query, headers, body: row.body };
  }

  /** Indexes rows above the mark; their terms join the vocabulary too while it is caught up. */
  const indexBatch = db.transaction((max: number): number => {
    const { indexed_upto: upto, vocab_upto: vocabUpto } = state();
    const rows = pending.all(upto, max);
    if (rows.length === 0) return 0;
    const texts = rows.map(textOfRow);
    rows.forEach((row, i) => insertFts.run(row.id, texts[i].path, texts[i].headers, texts[i].body));
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
    const rows = pending.all(vocabUpto, max).filter((r) => r.id <= upto);
    if (rows.length === 0) return 0;
    vocab.add(rows.map(textOfRow));
    setVocabUpto.run(rows[rows.length - 1].id);
    return rows.length;
  });

  /** Ids above `after` whose text holds every term, newest first (rows the index does not cover). */
  function scanAbove(after: number, terms: string[]): number[] {
    const needles = terms.map((t) => t.toLowerCase());
    const found: number[] = [];
    for (let from = after; ; ) {
      const rows = pending.all(from, 1000);
      if (rows.length === 0) break;
      for (const row of rows) {
        const t = textOfRow(row);
        const hay = `${t.path}\n${t.headers}\n${t.body}`.toLowerCase();
        if (needles.every((n) => hay.includes(n))) found.push(row.id);
      }
      from = rows[rows.length - 1].id;
    }
    return found.reverse();
  }

  return {
    indexedUpto(): number {
      return state().indexed_upto;
    },
    /** Highest capture id whose terms are in the vocabulary. */
    vocabUpto(): number {
      return state().vocab_upto;
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
      const plan: SearchPlan = upto - vocabUpto <= MAX_VOCAB_LAG ? expandedFtsQuery(terms, vocab.expand) : { kind: 'native' };
      // The index answers for rows up to `covered`; rows above it are read directly (few: the indexer keeps up).
      const covered = plan.kind === 'native' ? upto : vocabUpto;
      const fresh = scanAbove(covered, terms);
      if (fresh.length >= limit) return fresh.slice(0, limit);
      if (plan.kind === 'nothing') return fresh;
      const query = plan.kind === 'query' ? plan.query : toFtsQuery(terms);
      const indexed = matchBelow.all(query, covered, limit - fresh.length).map((r) => r.rowid);
      return [...fresh, ...indexed];
    },
  };
}
