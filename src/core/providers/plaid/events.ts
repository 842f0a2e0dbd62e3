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
 * Hookscope's event type is the webhook_code alone: the provider model reads an
 * event type from one body field, so a code Plaid sends under several
 * webhook_types (DEFAULT_UPDATE, ERROR, STATUS_UPDATED...) is one event whose
 * sample is its most common pair and whose description names the others.
 */
import type { JsonObject, ProviderEvent } from '../../../shared/providers';
import data from './webhooks.json';

export interface PlaidWebhook {
  type: string;
  code: string;
  /** The library's interface for this pair (ItemErrorWebhook). */
  interface: string;
  description: string;
  sample: JsonObject;
}

interface WebhooksFile {
  source: string;
  /** Per webhook_code, its pairs, the one the sample plays first. */
  events: { code: string; pairs: Omit<PlaidWebhook, 'code'>[] }[];
}

const FILE = data as unknown as WebhooksFile;

/** Where the list comes from: the library version and file. */
export const PLAID_WEBHOOKS_SOURCE = FILE.source;

/** Every webhook_type/webhook_code pair Plaid declares. */
export function plaidWebhooks(): PlaidWebhook[] {
  return FILE.events.flatMap((e) => e.pairs.map((p) => ({ ...p, code: e.code })));
}

function describe(pairs: Omit<PlaidWebhook, 'code'>[], code: string): string {
  const [first, ...others] = pairs;
  const main = `${first.type} / ${code}: ${first.description}`;
  if (others.length === 0) return main;
  const also = others.map((p) => `${p.type} / ${code}: ${p.description}`).join(' ');
  return `${main} Also sent with webhook_type ${others.map((p) => p.type).join(', ')} (edit webhook_type in the payload to play it): ${also}`;
}

export function plaidEvents(): ProviderEvent[] {
  return FILE.events.map((e) => ({
    type: e.code,
    description: describe(e.pairs, e.code),
    sample: e.pairs[0].sample,
  }));
}
