import type { Migration } from './types';

/**
 * The search index's vocabulary: every distinct term the FTS index holds, one
 * row each, so that a prefix ("cust") can be expanded into the terms it stands
 * for ("customer", "customers") and searched as an OR of exact terms. FTS5's
 * own prefix query builds the doclist of every matching row before it can
 * return the newest ten; an OR of exact terms is walked newest first and stops
 * at the limit. `vocab_upto` is the highest capture id whose terms are in the
 * table; the indexer fills it behind `indexed_upto` (existing databases catch
 * up in the background, and search uses FTS5's prefix query until they have).
 * Terms of deleted captures stay: expanding to a term that matches nothing
 * costs nothing.
 */
export const migration008: Migration = {
  version: 8,
  name: 'search vocabulary',
  up(db) {
    db.exec(`
      CREATE TABLE search_vocab (term TEXT PRIMARY KEY) WITHOUT ROWID;
      ALTER TABLE search_state ADD COLUMN vocab_upto INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
