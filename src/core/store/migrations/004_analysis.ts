import type { Migration } from './types';

/**
 * Provider attribution and signature verdicts. Analysis runs after the row is
 * committed (off the acknowledgement path); `analyzed = 0` marks rows still to
 * do, so a crash between commit and analysis only delays the verdict. Secrets
 * are per endpoint, several at once (rotation), tried in order.
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
      CREATE INDEX captures_to_analyze ON captures(id) WHERE analyzed = 0;
      CREATE INDEX captures_by_provider ON captures(provider, event_type, id);
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
