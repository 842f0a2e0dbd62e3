import type { Migration } from './types';

/**
 * Capture ids never repeat, even when the newest captures are deleted
 * (`hookscope delete --all`): the search, vocabulary and analysis cursors and
 * the retention windows all count on a new capture's id being above every id
 * seen before. SQLite gives a plain rowid table max(id) + 1, which would hand
 * a deleted id out again; so a trigger keeps the highest id ever deleted, and
 * inserts take their id from max(max(id), floor) + 1 (NEXT_CAPTURE_ID_SQL).
 */
export const migration016: Migration = {
  version: 16,
  name: 'capture id floor',
  up(db) {
    db.exec(`
      CREATE TABLE capture_id_floor (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        floor INTEGER NOT NULL
      );
      INSERT INTO capture_id_floor (id, floor) VALUES (1, 0);
      CREATE TRIGGER captures_id_floor AFTER DELETE ON captures
      WHEN old.id > (SELECT floor FROM capture_id_floor WHERE id = 1) BEGIN
        UPDATE capture_id_floor SET floor = old.id WHERE id = 1;
      END;
    `);
  },
};
