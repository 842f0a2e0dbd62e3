import type { Migration } from './types';

/**
 * Replays and live forwards of captures: the request as sent (after any edit
 * or re-signing, with the headers the HTTP client added), the target's answer
 * (status, headers, first 64 KiB of body, total size), how long it took and how
 * it failed. `kind` is 'replay' (on request) or 'forward' (sent live as the
 * capture arrived). A capture's replays go when it goes.
 */
export const migration005: Migration = {
  version: 5,
  name: 'replays and forwards',
  up(db) {
    db.exec(`
      CREATE TABLE replays (
        id               INTEGER PRIMARY KEY,
        capture_id       INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
        kind             TEXT    NOT NULL CHECK (kind IN ('replay', 'forward')),
        sent_at          INTEGER NOT NULL,
        url              TEXT    NOT NULL,
        request_method   TEXT    NOT NULL,
        request_headers  TEXT    NOT NULL,
        request_body     BLOB    NOT NULL,
        resigned         TEXT,
        edited           INTEGER NOT NULL DEFAULT 0,
        warnings         TEXT    NOT NULL DEFAULT '[]',
        response_status  INTEGER,
        response_headers TEXT    NOT NULL DEFAULT '[]',
        response_body    BLOB    NOT NULL DEFAULT x'',
        response_size    INTEGER NOT NULL DEFAULT 0,
        duration_ms      INTEGER,
        ok               INTEGER NOT NULL,
        error_kind       TEXT,
        error_message    TEXT
      );
      CREATE INDEX replays_by_capture ON replays(capture_id, id);
    `);
  },
};
