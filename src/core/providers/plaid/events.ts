/**
 * Plaid's webhooks, read from webhooks.json: every webhook_type/webhook_code
 * pair the `plaid` library declares (one `*Webhook` interface each, its
 * webhook_type and webhook_code named in its doc comments), with Plaid's
 * description and a sample built from the interface's fields. The file is
 * written by scripts/providers/plaid-webhooks.mjs from the library installed
 * in test/oracles (its `source` names the version), and
 * test/core/providers/oracles/plaid-webhooks.test.ts reads the library again
 * to check it; the app never depends on that package.
 *
 * Hookscope's event type is the pair, `WEBHOOK_TYPE.WEBHOOK_CODE`
 * (`TRANSACTIONS.SYNC_UPDATES_AVAILABLE`, `ITEM.ERROR`): a code Plaid sends
 * under several webhook_types (DEFAULT_UPDATE, ERROR...) is one event per type,
 * each with its own description and sample.
 */
import type { JsonObject, ProviderEvent } from '../../../shared/providers';
import data from './webhooks.json';

export interface PlaidWebhook {
  type: string;
  code: string;
  /** The library's interface for this pair (ItemErrorWebhook). */
  interface: string;
  description: string;
  /** The pair's payload template, its own webhook_type and webhook_code written out. */
  sample: JsonObject;
}

interface WebhooksFile {
  source: string;
  /** Every pair, in order of webhook_type then webhook_code. */
  webhooks: PlaidWebhook[];
}

const FILE = data as unknown as WebhooksFile;

/** Where the list comes from: the library version and file. */
export const PLAID_WEBHOOKS_SOURCE = FILE.source;

/** Every webhook_type/webhook_code pair Plaid declares. */
export function plaidWebhooks(): PlaidWebhook[] {
  return FILE.webhooks.map((w) => ({ ...w }));
}

/** Hookscope's event type for a pair: `ITEM.ERROR`. */
export function plaidEventType(w: Pick<PlaidWebhook, 'type' | 'code'>): string {
  return `${w.type}.${w.code}`;
}

export function plaidEvents(): ProviderEvent[] {
  return FILE.webhooks.map((w) => ({ type: plaidEventType(w), description: w.description, sample: w.sample }));
}
