import type { Migration } from './types';

/**
 * Indexes for the capture list's last two filters, which scanned the whole
 * table when few rows matched (0.5 to 1.6 s over a million captures):
 * - by signature status, filled by the background analysis, never on the
 *   capture path;
 * - by method, for methods other than POST only: nearly every webhook is a
 *   POST, so those captures cost no index entry at all, and a filter for POST
 *   matches nearly every row and needs none. The list query names the
 *   condition (`method <> 'POST'`) so that SQLite can use this partial index.
 */
export const migration009: Migration = {
  version: 9,
  name: 'list filter indexes',
  up(db) {
    db.exec(`
      CREATE INDEX captures_by_signature ON captures(signature_status, id) WHERE signature_status IS NOT NULL;
      CREATE INDEX captures_by_rare_method ON captures(method, id) WHERE method <> 'POST';
    `);
  },
};
