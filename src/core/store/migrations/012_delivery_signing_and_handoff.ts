import type { Migration } from './types';

/**
 * What a delivery signs with, what each attempt signed, and who runs it.
 *
 * deliveries:
 * - `signature_form`: the provider's signature form every attempt signs in
 *   (LRDefender 'plain' | 'timestamped'); NULL is the provider's default.
 * - `timestamps`: 'real' (the clock at sending) or 'provider' (the attempt's
 *   provider-schedule time) goes into each attempt's signature.
 * - `paused_at`: set when the process running the delivery stopped with no
 *   one to take it over (`hookscope send` interrupted); `serve` or `retry`
 *   resumes it. The status column stays 'pending'; readers show 'paused'.
 *
 * delivery_attempts:
 * - `signed_timestamp` (unix seconds) and `signature` (the signature header's
 *   value): what the attempt was signed with, stored when it is claimed.
 * - `held_by` / `held_until`: a waiting attempt that one process (a
 *   `hookscope send` run) means to send itself: no other sender arms it
 *   until `held_until` (real ms) has passed. A hold released early (Ctrl-C,
 *   --detach) gets `held_until` = the time of release, so a running sender's
 *   watch (leases.ts) finds it at its next look and takes it over.
 */
export const migration012: Migration = {
  version: 12,
  name: 'delivery signing and handoff',
  up(db) {
    db.exec(`
      ALTER TABLE deliveries ADD COLUMN signature_form TEXT;
      ALTER TABLE deliveries ADD COLUMN timestamps TEXT NOT NULL DEFAULT 'real' CHECK (timestamps IN ('real', 'provider'));
      ALTER TABLE deliveries ADD COLUMN paused_at INTEGER;
      ALTER TABLE delivery_attempts ADD COLUMN signed_timestamp INTEGER;
      ALTER TABLE delivery_attempts ADD COLUMN signature TEXT;
      ALTER TABLE delivery_attempts ADD COLUMN held_by TEXT;
      ALTER TABLE delivery_attempts ADD COLUMN held_until INTEGER;
      CREATE INDEX attempts_held_by_end ON delivery_attempts(held_until) WHERE state = 'scheduled' AND held_until IS NOT NULL;
    `);
  },
};
