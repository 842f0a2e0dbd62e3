/**
 * Shopify's webhook topics beyond the ones listed by hand in definition.ts,
 * read from topics.json (written by scripts/providers/shopify-topics.mjs
 * from the Admin API's WebhookSubscriptionTopic enum). Each gets a
 * description in Hookscope's words, built from the topic, and a sample from
 * its resource's template (samples.ts).
 */
import type { ProviderEvent } from '../../../shared/providers';
import { shopifySample } from './samples';
import data from './topics.json';

interface TopicsFile {
  source: string;
  topics: string[];
}

const FILE = data as unknown as TopicsFile;

/** Where the list comes from. */
export const SHOPIFY_TOPICS_SOURCE = FILE.source;

/** Every topic of topics.json, in its order. */
export const SHOPIFY_LISTED_TOPICS: readonly string[] = FILE.topics;

/** The topics whose name says too little on its own. */
const DESCRIPTIONS: Record<string, string> = {
  'customers/data_request':
    'Mandatory compliance topic: a customer asked the shop for the data the app holds about them.',
  'customers/redact': "Mandatory compliance topic: the shop asks the app to erase a customer's data.",
  'shop/redact': "Mandatory compliance topic: after the app's uninstall, the shop asks it to erase the shop's data.",
  'attributed_sessions/first': 'An order was attributed to its first marketing session.',
  'attributed_sessions/last': 'An order was attributed to its last marketing session.',
  'audit_events/admin_api_activity': 'An auditable Admin API request was made (Plus shops, event buses only).',
  'payment_schedules/due': 'Payment schedules fell due.',
};

/** The past tense of Shopify's action words (`create` → created). */
const PAST: Record<string, string> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  destroy: 'deleted',
  add: 'added',
  remove: 'removed',
  enable: 'enabled',
  disable: 'disabled',
  publish: 'published',
  connect: 'connected',
  disconnect: 'disconnected',
  activate: 'activated',
  deactivate: 'deactivated',
  approve: 'approved',
  decline: 'declined',
  close: 'closed',
  reopen: 'reopened',
  request: 'requested',
  assign: 'assigned',
  revoke: 'revoked',
  merge: 'merged',
  finish: 'finished',
  cancel: 'cancelled',
  dispose: 'disposed of',
};

/** "fulfillment_orders/placed_on_hold" → "Fulfillment orders: placed on hold." */
export function describeShopifyTopic(topic: string): string {
  if (DESCRIPTIONS[topic]) return DESCRIPTIONS[topic];
  const [resource, action] = topic.split(/[/.]/);
  const subject = resource.replace(/_/g, ' ');
  const what = PAST[action] ?? action.replace(/_/g, ' ');
  return `${subject.charAt(0).toUpperCase()}${subject.slice(1)}: ${what}.`;
}

/** The listed topics not already declared by hand (`known`), each with its description and sample. */
export function shopifyListedEvents(known: ReadonlySet<string>): ProviderEvent[] {
  return FILE.topics
    .filter((topic) => !known.has(topic))
    .map((topic) => ({ type: topic, description: describeShopifyTopic(topic), sample: shopifySample(topic) }));
}
