import type { Migration } from './types';

/**
 * Full-text search. The index is contentless (the text lives in captures) and
 * is filled in the background in batches, never on the acknowledgement path;
 * `search_state.indexed_upto` is the highest capture id already indexed, so a
 * search can scan the few rows above it directly.
 */
export const migration002: Migration = {
  version: 2,
  name: 'full-text search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE captures_fts USING fts5(
        path, headers, body,
        content = '', contentless_delete = 1, tokenize = 'unicode61'
      );
      CREATE TABLE search_state (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_upto INTEGER NOT NULL
      );
      INSERT INTO search_state (id, indexed_upto) VALUES (1, 0);
      CREATE TRIGGER captures_fts_delete AFTER DELETE ON captures BEGIN
        DELETE FROM captures_fts WHERE rowid = old.id;
      END;
    `);
  },
};
