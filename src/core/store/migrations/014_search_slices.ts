import type { Migration } from './types';

/**
 * Large text bodies are indexed in slices, a few kilobytes per step of the
 * background, so that one huge body never holds the thread for long (a 9 MB
 * body of 900k distinct words used to hold it for seconds). The capture's own
 * row in captures_fts keeps its path and headers; its body goes into
 * captures_fts_slices, one row per slice, with rowid = capture id * 2^20 +
 * slice number. `search_slices` lists the captures indexed that way and how far
 * each has got (`next_byte` into the decoded body; `done` once it is whole).
 * Deleting a capture deletes its slices. The slices' index never merges by
 * itself (automerge 0, crisismerge far away): the slicer merges it a few pages
 * per step instead, so no insert pays for a large merge.
 */
export const migration014: Migration = {
  version: 14,
  name: 'search slices',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE captures_fts_slices USING fts5(
        body, content = '', contentless_delete = 1, tokenize = 'unicode61'
      );
      CREATE TABLE search_slices (
        capture_id INTEGER PRIMARY KEY,
        next_byte  INTEGER NOT NULL DEFAULT 0,
        slices     INTEGER NOT NULL DEFAULT 0,
        done       INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO captures_fts_slices (captures_fts_slices, rank) VALUES ('automerge', 0);
      INSERT INTO captures_fts_slices (captures_fts_slices, rank) VALUES ('crisismerge', 1000);
      CREATE INDEX search_slices_pending ON search_slices (capture_id) WHERE done = 0;
      CREATE TRIGGER captures_fts_slices_delete AFTER DELETE ON captures
      WHEN EXISTS (SELECT 1 FROM search_slices WHERE capture_id = old.id) BEGIN
        DELETE FROM captures_fts_slices WHERE rowid BETWEEN old.id * 1048576 AND old.id * 1048576 + 1048575;
        DELETE FROM search_slices WHERE capture_id = old.id;
      END;
    `);
  },
};
