import type { Migration } from './types';

/** Endpoints (addressed by path prefix) and captures (every byte of every request). */
export const migration001: Migration = {
  version: 1,
  name: 'endpoints and captures',
  up(db) {
    db.exec(`
      CREATE TABLE endpoints (
        id           INTEGER PRIMARY KEY,
        slug         TEXT    NOT NULL UNIQUE,
        created_at   INTEGER NOT NULL,
        rule         TEXT    NOT NULL DEFAULT '{}',
        provider     TEXT,
        forward_url  TEXT,
        forward_mode TEXT    NOT NULL DEFAULT 'rule'
      );
      CREATE TABLE captures (
        id             INTEGER PRIMARY KEY,
        endpoint_id    INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
        received_at    INTEGER NOT NULL,
        method         TEXT    NOT NULL,
        url            TEXT    NOT NULL,
        path           TEXT    NOT NULL,
        query          TEXT    NOT NULL,
        http_version   TEXT    NOT NULL,
        remote_address TEXT,
        remote_port    INTEGER,
        headers        TEXT    NOT NULL,
        body           BLOB    NOT NULL,
        body_size      INTEGER NOT NULL,
        body_sha256    TEXT    NOT NULL,
        truncated      INTEGER NOT NULL DEFAULT 0,
        error          TEXT,
        response_status INTEGER,
        response       TEXT
      );
      -- Ids grow with arrival, so id order is time order: no index on received_at
      -- (every index is one more page written per commit on the capture path).
      CREATE INDEX captures_by_endpoint ON captures(endpoint_id, id);
    `);
    db.prepare(`INSERT INTO endpoints (slug, created_at) VALUES ('default', ?)`).run(Date.now());
  },
};
