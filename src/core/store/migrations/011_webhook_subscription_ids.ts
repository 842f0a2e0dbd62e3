import type { Migration } from './types';

/**
 * The provider-format subscription id of each simulated webhook (Prynt and
 * LRDefender `webhookId`, LMIF `meta.webhookId`, e.g. `wh_xyz789`): created
 * on the first send to a (provider, url), then reused by every delivery to
 * it, as a provider names one subscription. NULL for providers whose
 * payloads name none, and for webhooks stored before this version until
 * their next send.
 */
export const migration011: Migration = {
  version: 11,
  name: 'webhook subscription ids',
  up(db) {
    db.exec(`ALTER TABLE webhooks ADD COLUMN subscription_id TEXT`);
  },
};
