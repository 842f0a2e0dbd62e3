import type { Migration } from './types';

/**
 * Provider attribution and signature verdicts. Analysis runs after the row is
 * committed (off the acknowledgement path), in id order from
 * `analysis_state.analyzed_upto`, so a crash between commit and analysis only
 * delays the verdict. `analyzed = 0` on older rows asks for re-verification
 * (an endpoint's secrets changed). The provider index is partial: a new row
 * (provider still NULL) costs it nothing on the capture path. Secrets are per
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
      ALTER TABLE captures ADD COLUMN analyzed INTEGER NOT NULL DEFAULT 0;
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
