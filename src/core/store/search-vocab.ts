import type { Database, Statement } from 'better-sqlite3';

/** The tokenizer of captures_fts (migration 002); the vocabulary must split text the same way. */
export const FTS_TOKENIZER = 'unicode61';

/** Expansions past this many fall back to FTS5's own prefix query. */
export const MAX_EXPANSIONS = 100;

export interface IndexedText {
  path: string;
  headers: string;
  body: string;
}

export type SearchVocab = ReturnType<typeof createSearchVocab>;

/**
 * The search vocabulary (migration 008): the distinct terms of the FTS index.
 * Terms are found by SQLite's own tokenizer, never re-implemented here: a
 * batch's text goes through an in-memory FTS5 table of the same tokenizer,
 * and its fts5vocab view lists the batch's terms.
 */
export function createSearchVocab(db: Database) {
  /** The in-memory FTS5 table a batch's text goes through, made on first use. */
  let batch: { insert: Statement; addTerms: Statement; clear: Statement } | undefined;
  function batchTable() {
    if (!batch) {
      db.exec(`
        CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_batch USING fts5(path, headers, body, content = '', tokenize = '${FTS_TOKENIZER}');
        CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_batch_terms USING fts5vocab(temp, vocab_batch, row);
      `);
      batch = {
        insert: db.prepare('INSERT INTO temp.vocab_batch (path, headers, body) VALUES (?, ?, ?)'),
        addTerms: db.prepare('INSERT OR IGNORE INTO main.search_vocab (term) SELECT term FROM temp.vocab_batch_terms'),
        clear: db.prepare("INSERT INTO temp.vocab_batch (vocab_batch) VALUES ('delete-all')"),
      };
    }
    return batch;
  }

  const range = db.prepare<[string, string, number], { term: string }>(
    'SELECT term FROM search_vocab WHERE term >= ? AND term < ? ORDER BY term LIMIT ?',
  );

  return {
    /** Adds the terms of these texts; run inside the indexer's transaction. */
    add(texts: IndexedText[]): void {
      if (texts.length === 0) return;
      const table = batchTable();
      for (const t of texts) table.insert.run(t.path, t.headers, t.body);
      table.addTerms.run();
      table.clear.run();
    },
    /** The terms starting with `prefix` (already in token form), or null past MAX_EXPANSIONS. */
    expand(prefix: string): string[] | null {
      const terms = range.all(prefix, `${prefix}\u{10FFFF}`, MAX_EXPANSIONS + 1).map((r) => r.term);
      return terms.length > MAX_EXPANSIONS ? null : terms;
    },
  };
}

/** Terms copied into the vocabulary per item of a staged body (sorted, so each copy touches few pages). */
export const STAGED_TERMS_PER_ITEM = 1000;

export type VocabStaging = ReturnType<typeof createVocabStaging>;

/**
 * The terms of one large body on their way into the vocabulary. Added slice
 * by slice to the vocabulary itself, a body of a million distinct words puts
 * each slice's terms all over its B-tree: thousands of pages written per slice.
 * So a sliced body's text goes into an in-memory FTS5 table first (cheap), and
 * its distinct terms are copied over once it is done, in sorted runs of
 * STAGED_TERMS_PER_ITEM. The staging lives on this connection only: after a
 * restart the body is sliced again from its start.
 */
export function createVocabStaging(db: Database) {
  let table:
    | { insert: Statement; run: Statement<[string, number], { term: string }>; addTerm: Statement; clear: Statement }
    | undefined;
  function staging() {
    if (!table) {
      db.exec(`
        CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_staging USING fts5(body, content = '', tokenize = '${FTS_TOKENIZER}');
        CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_staging_terms USING fts5vocab(temp, vocab_staging, row);
      `);
      table = {
        insert: db.prepare('INSERT INTO temp.vocab_staging (body) VALUES (?)'),
        run: db.prepare('SELECT term FROM temp.vocab_staging_terms WHERE term > ? ORDER BY term LIMIT ?'),
        addTerm: db.prepare('INSERT OR IGNORE INTO main.search_vocab (term) VALUES (?)'),
        clear: db.prepare("INSERT INTO temp.vocab_staging (vocab_staging) VALUES ('delete-all')"),
      };
    }
    return table;
  }
  return {
    add(text: string): void {
      staging().insert.run(text);
    },
    /** Copies the next `count` staged terms after `after` (in term order); returns the last one copied, or null when none were left. */
    copy(after: string, count: number): string | null {
      const t = staging();
      const terms = t.run.all(after, count);
      for (const { term } of terms) t.addTerm.run(term);
      return terms.length > 0 ? terms[terms.length - 1].term : null;
    },
    clear(): void {
      staging().clear.run();
    },
  };
}
