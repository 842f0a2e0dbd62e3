import type { Migration } from './types';

/**
 * Indexes for the sender's two queues, so neither is read by a full scan:
 * - waiting attempts in due order (the engine arms the earliest ones and reads
 *   on from where it stopped: `state = 'scheduled' AND (due_at, id) > (?, ?)
 *   ORDER BY due_at, id`);
 * - claims in flight by lease end (claims of a dead sender whose lease ran
 *   out, and the earliest lease still running, to look again then).
 * 003's `attempts_waiting` (partial on `state IN ('scheduled', 'in_flight')`)
 * served neither query (SQLite cannot use it for `state = 'scheduled'`) and
 * goes.
 */
export const migration007: Migration = {
  version: 7,
  name: 'attempt queues',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS attempts_waiting;
      CREATE INDEX attempts_scheduled_by_due ON delivery_attempts(due_at) WHERE state = 'scheduled';
      CREATE INDEX attempts_in_flight_by_lease ON delivery_attempts(lease_until) WHERE state = 'in_flight';
    `);
  },
};
