import type { Migration } from './types';

/**
 * The sender: webhooks (a provider's subscription: URL + secret, which Prynt
 * can disable), deliveries (one event, one body) and their attempts.
 *
 * Times: `*_at` columns are real epoch ms of the injected clock, except
 * `delivery_attempts.scheduled_at` and the webhook's `failing_*`, which are
 * provider time (the sped-up ladder schedule). An attempt goes
 * scheduled -> in_flight (claimed in a transaction, request stored, lease set)
 * -> done, or -> cancelled. An in_flight row whose lease has expired belongs
 * to a sender that died mid-attempt; it is closed as 'interrupted', never
 * sent again.
 */
export const migration003: Migration = {
  version: 3,
  name: 'deliveries',
  up(db) {
    db.exec(`
      CREATE TABLE webhooks (
        id              INTEGER PRIMARY KEY,
        provider        TEXT    NOT NULL,
        url             TEXT    NOT NULL,
        secret          TEXT    NOT NULL DEFAULT '',
        enabled         INTEGER NOT NULL DEFAULT 1,
        failing_since   INTEGER,
        failing_last    INTEGER,
        disabled_at     INTEGER,
        disabled_reason TEXT,
        created_at      INTEGER NOT NULL,
        UNIQUE (provider, url)
      );
      CREATE TABLE deliveries (
        id             INTEGER PRIMARY KEY,
        webhook_id     INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        provider       TEXT    NOT NULL,
        event_type     TEXT    NOT NULL,
        event_id       TEXT,
        url            TEXT    NOT NULL,
        policy         TEXT    NOT NULL,
        body           BLOB    NOT NULL,
        status         TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        failure_reason TEXT,
        created_at     INTEGER NOT NULL,
        finished_at    INTEGER
      );
      CREATE INDEX deliveries_by_status ON deliveries(status, created_at);
      CREATE INDEX deliveries_by_webhook ON deliveries(webhook_id, id);
      CREATE TABLE delivery_attempts (
        id               INTEGER PRIMARY KEY,
        delivery_id      INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        n                INTEGER NOT NULL,
        ladder_index     INTEGER,
        trigger          TEXT    NOT NULL CHECK (trigger IN ('ladder', 'now', 'manual')),
        state            TEXT    NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'in_flight', 'done', 'cancelled')),
        scheduled_at     INTEGER NOT NULL,
        due_at           INTEGER NOT NULL,
        claimed_by       TEXT,
        lease_until      INTEGER,
        sent_at          INTEGER,
        request_method   TEXT,
        request_headers  TEXT,
        request_body     BLOB,
        response_status  INTEGER,
        response_headers TEXT,
        response_body    BLOB,
        response_size    INTEGER,
        duration_ms      INTEGER,
        ok               INTEGER,
        error_kind       TEXT,
        error_message    TEXT,
        UNIQUE (delivery_id, n)
      );
      CREATE INDEX attempts_waiting ON delivery_attempts(due_at) WHERE state IN ('scheduled', 'in_flight');
    `);
  },
};
