import type { Migration } from './types';

/**
 * Retention, per endpoint: keep at most `keep_count` captures (the newest),
 * and none older than `keep_days`. NULL means no limit. Applied in the
 * background in small batches, oldest first; a capture's search entry and
 * replays go with it (the FTS delete trigger, ON DELETE CASCADE).
 */
export const migration006: Migration = {
  version: 6,
  name: 'retention',
  up(db) {
    db.exec(`
      ALTER TABLE endpoints ADD COLUMN keep_count INTEGER CHECK (keep_count IS NULL OR keep_count >= 1);
      ALTER TABLE endpoints ADD COLUMN keep_days  REAL    CHECK (keep_days IS NULL OR keep_days > 0);
    `);
  },
};
