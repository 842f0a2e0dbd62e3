import type { Migration } from './types';

/**
 * Provider attribution and signature verdicts. Analysis runs after the row is
 * committed (off the acknowledgement path), in id order from
 * `analysis_state.analyzed_upto`, so a crash between commit and analysis only
 * delays the verdict. `stale_verdict = 1` asks for re-verification of an
 * older row (its endpoint's secrets or provider changed). Both indexes are
 * partial, so a new row (provider NULL, verdict not stale) costs them nothing
 * on the capture path. Secrets are per
 * endpoint, several at once (rotation), tried in order.
 */
export const migration004: Migration = {
  version: 4,
  name: 'provider analysis and endpoint secrets',
  up(db) {
    db.exec(`
      ALTER TABLE captures ADD COLUMN provider TEXT;
      ALTER TABLE captures ADD COLUMN event_type TEXT;
      ALTER TABLE captures ADD COLUMN signature_status TEXT;
      ALTER TABLE captures ADD COLUMN signature TEXT;
      ALTER TABLE captures ADD COLUMN stale_verdict INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX captures_stale_verdict ON captures(id) WHERE stale_verdict = 1;
      CREATE INDEX captures_by_provider ON captures(provider, event_type, id) WHERE provider IS NOT NULL;
      CREATE TABLE analysis_state (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        analyzed_upto INTEGER NOT NULL
      );
      INSERT INTO analysis_state (id, analyzed_upto) VALUES (1, 0);
      CREATE TABLE endpoint_secrets (
        id          INTEGER PRIMARY KEY,
        endpoint_id INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
        secret      TEXT    NOT NULL,
        created_at  INTEGER NOT NULL,
        UNIQUE (endpoint_id, secret)
      );
    `);
  },
};
