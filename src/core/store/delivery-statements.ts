import type { Database } from 'better-sqlite3';
import { RECORDED_RESPONSE_COLUMNS } from './recorded-response';

/** The sender's prepared statements over webhooks, deliveries and attempts (used by deliveries.ts only). */
export function prepareDeliveryStatements(db: Database) {
  return {
    webhookById: db.prepare('SELECT * FROM webhooks WHERE id = ?'),
    webhookByKey: db.prepare('SELECT * FROM webhooks WHERE provider = ? AND url = ?'),
    webhooks: db.prepare('SELECT * FROM webhooks ORDER BY id'),
    insertWebhook: db.prepare('INSERT INTO webhooks (provider, url, secret, created_at) VALUES (?, ?, ?, ?)'),
    setSecret: db.prepare('UPDATE webhooks SET secret = ? WHERE id = ?'),
    setSubscriptionId: db.prepare('UPDATE webhooks SET subscription_id = ? WHERE id = ?'),
    setStreak: db.prepare('UPDATE webhooks SET failing_since = ?, failing_last = ? WHERE id = ?'),
    disable: db.prepare('UPDATE webhooks SET enabled = 0, disabled_at = ?, disabled_reason = ? WHERE id = ?'),
    enable: db.prepare(
      'UPDATE webhooks SET enabled = 1, disabled_at = NULL, disabled_reason = NULL, failing_since = NULL, failing_last = NULL WHERE id = ?',
    ),
    insertDelivery: db.prepare(
      `INSERT INTO deliveries (webhook_id, provider, event_type, event_id, url, policy, body, created_at, signature_form, timestamps)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    delivery: db.prepare('SELECT * FROM deliveries WHERE id = ?'),
    finishDelivery: db.prepare(
      `UPDATE deliveries SET status = ?, failure_reason = ?, finished_at = ?, paused_at = NULL WHERE id = ?`,
    ),
    insertAttempt: db.prepare(
      `INSERT INTO delivery_attempts (delivery_id, n, ladder_index, trigger, scheduled_at, due_at, held_by, held_until)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    attempt: db.prepare('SELECT * FROM delivery_attempts WHERE id = ?'),
    attempts: db.prepare('SELECT * FROM delivery_attempts WHERE delivery_id = ? ORDER BY n'),
    maxN: db.prepare('SELECT COALESCE(MAX(n), 0) AS n FROM delivery_attempts WHERE delivery_id = ?'),
    waitingOf: db.prepare(`SELECT * FROM delivery_attempts WHERE delivery_id = ? AND state = 'scheduled'`),
    claimCheck: db.prepare(
      `SELECT a.state, d.status, w.enabled FROM delivery_attempts a
       JOIN deliveries d ON d.id = a.delivery_id JOIN webhooks w ON w.id = d.webhook_id
     WHERE a.id = ?`,
    ),
    // These three read the partial indexes of migration 007.
    scheduledAfter: db.prepare(
      `SELECT id, due_at FROM delivery_attempts WHERE state = 'scheduled' AND (due_at, id) > (?, ?)
       AND (held_until IS NULL OR held_by = ?) ORDER BY due_at, id LIMIT ?`,
    ),
    expired: db.prepare(
      `SELECT * FROM delivery_attempts WHERE state = 'in_flight' AND lease_until <= ? AND claimed_by IS NOT ? ORDER BY lease_until, id`,
    ),
    nextLease: db.prepare(
      `SELECT lease_until FROM delivery_attempts WHERE state = 'in_flight' AND lease_until > ? AND claimed_by IS NOT ?
     ORDER BY lease_until LIMIT 1`,
    ),
    // Holds (migration 012): ended ones (released, or expired with their holder gone) and the next to end.
    endedHolds: db.prepare(
      `SELECT * FROM delivery_attempts WHERE state = 'scheduled' AND held_until IS NOT NULL AND held_until <= ?
       AND held_by IS NOT ? ORDER BY held_until, id`,
    ),
    nextHoldEnd: db.prepare(
      `SELECT held_until FROM delivery_attempts WHERE state = 'scheduled' AND held_until IS NOT NULL AND held_until > ?
       AND held_by IS NOT ? ORDER BY held_until LIMIT 1`,
    ),
    takeOver: db.prepare(
      `UPDATE delivery_attempts SET held_by = ?, held_until = ?, due_at = COALESCE(?, due_at) WHERE id = ? AND state = 'scheduled'`,
    ),
    release: db.prepare(
      `UPDATE delivery_attempts SET held_by = NULL, held_until = ? WHERE delivery_id = ? AND state = 'scheduled' AND held_by = ?`,
    ),
    pause: db.prepare(`UPDATE deliveries SET paused_at = ? WHERE id = ? AND status = 'pending'`),
    unpause: db.prepare(`UPDATE deliveries SET paused_at = NULL WHERE id = ?`),
    rescale: db.prepare(
      `UPDATE delivery_attempts SET due_at = CAST(ROUND(@now + MAX(0, due_at - @now) * CAST(@old AS REAL) / @new) AS INTEGER) WHERE state = 'scheduled'`,
    ),
    claim: db.prepare(
      `UPDATE delivery_attempts
       SET state = 'in_flight', claimed_by = ?, lease_until = ?, sent_at = ?,
           request_method = ?, request_headers = ?, request_body = ?, signed_timestamp = ?, signature = ?,
           held_by = NULL, held_until = NULL
     WHERE id = ? AND state = 'scheduled'`,
    ),
    record: db.prepare(
      `UPDATE delivery_attempts
       SET state = 'done', lease_until = NULL, request_headers = COALESCE(?, request_headers),
           ${RECORDED_RESPONSE_COLUMNS.map((c) => `${c} = ?`).join(', ')}
     WHERE id = ? AND state = 'in_flight'`,
    ),
    setDue: db.prepare(
      `UPDATE delivery_attempts SET due_at = ?, trigger = ?, held_by = NULL, held_until = NULL WHERE id = ? AND state = 'scheduled'`,
    ),
    cancel: db.prepare(`UPDATE delivery_attempts SET state = 'cancelled' WHERE id = ? AND state = 'scheduled'`),
    scheduledOfWebhook: db.prepare(
      `SELECT a.* FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
     WHERE d.webhook_id = ? AND a.state = 'scheduled'`,
    ),
    failedSince: db.prepare(
      `SELECT id FROM deliveries WHERE status = 'failed' AND created_at >= ? AND (? IS NULL OR webhook_id = ?) ORDER BY id`,
    ),
  };
}
