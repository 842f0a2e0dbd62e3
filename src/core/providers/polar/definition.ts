import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, eventsFrom, standardWebhooksForm, standardWebhooksHeaders } from '../definition-parts';

const EVENTS: Record<string, string> = {
  'checkout.created': 'A checkout session was created.',
  'checkout.updated': 'A checkout session changed (confirmed, succeeded, failed).',
  'order.created': 'An order was created (a purchase or a renewal).',
  'order.paid': 'An order was paid.',
  'order.updated': 'An order was updated.',
  'order.refunded': 'An order was refunded, fully or in part.',
  'subscription.created': 'A subscription was created.',
  'subscription.updated': 'A subscription changed.',
  'subscription.active': 'A subscription became active.',
  'subscription.canceled': 'A subscription was set to cancel.',
  'subscription.uncanceled': 'A pending cancellation was undone.',
  'subscription.revoked': 'A subscription was revoked (access ends now).',
  'refund.created': 'A refund was created.',
  'refund.updated': 'A refund changed.',
  'product.created': 'A product was created.',
  'product.updated': 'A product was updated.',
  'benefit_grant.created': 'A benefit was granted to a customer.',
  'benefit_grant.revoked': 'A benefit grant was revoked.',
  'customer.created': 'A customer was created.',
  'customer.updated': 'A customer was updated.',
  'customer.deleted': 'A customer was deleted.',
  'customer.state_changed': "A customer's active subscriptions or benefits changed.",
};

function data(type: string): JsonObject {
  const base = {
    id: '{{uuid}}',
    created_at: '{{time:iso-ms}}',
    modified_at: '{{time:iso-ms}}',
    organization_id: '{{uuid}}',
  };
  const [resource] = type.split('.');
  if (resource === 'order')
    return {
      ...base,
      status: type === 'order.refunded' ? 'refunded' : 'paid',
      amount: '{{int:500:99000}}',
      currency: 'usd',
      billing_reason: 'purchase',
      customer_id: '{{uuid}}',
      product_id: '{{uuid}}',
    };
  if (resource === 'subscription')
    return {
      ...base,
      status: type === 'subscription.revoked' ? 'canceled' : 'active',
      amount: '{{int:500:9900}}',
      currency: 'usd',
      recurring_interval: 'month',
      customer_id: '{{uuid}}',
      product_id: '{{uuid}}',
      cancel_at_period_end: type === 'subscription.canceled',
    };
  if (resource === 'checkout')
    return {
      ...base,
      status: type === 'checkout.created' ? 'open' : 'succeeded',
      amount: '{{int:500:99000}}',
      currency: 'usd',
      product_id: '{{uuid}}',
    };
  if (resource === 'refund')
    return {
      ...base,
      status: 'succeeded',
      amount: '{{int:100:9900}}',
      currency: 'usd',
      reason: 'customer_request',
      order_id: '{{uuid}}',
    };
  if (resource === 'product') return { ...base, name: 'Pro plan', is_recurring: true, is_archived: false };
  if (resource === 'benefit_grant')
    return {
      ...base,
      benefit_id: '{{uuid}}',
      customer_id: '{{uuid}}',
      is_granted: type === 'benefit_grant.created',
      is_revoked: type === 'benefit_grant.revoked',
    };
  return { ...base, email: 'ada@example.com', name: 'Ada Lovelace', external_id: null };
}

export const polar: ProviderDefinition = {
  id: 'polar',
  name: 'Polar',
  kind: 'common-scheme',
  description: 'Polar billing events, signed per Standard Webhooks (webhook-* headers).',
  source: 'https://docs.polar.sh/integrate/webhooks/delivery',
  headers: standardWebhooksHeaders('webhook'),
  signature: {
    defaultForm: 'default',
    forms: [
      {
        ...standardWebhooksForm('webhook', 'utf8'),
        label: "Standard Webhooks v1,<base64> keyed with the secret's own bytes",
      },
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({ type: '{{eventType}}', timestamp: '{{time:iso-ms}}', data: data(type) })),
  envelope: {
    description: '{ type, timestamp (ISO 8601), data }',
    requiredKeys: ['type', 'timestamp', 'data'],
    timeField: { path: 'timestamp', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['webhook-signature', 'webhook-id', 'webhook-timestamp'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'prefixed', prefix: 'msg_' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 20 * SECOND,
    success: '2xx',
    // "up to 10 times with exponential backoff": ten retries doubling from 30 s (the steps are not published).
    retryDelaysMs: [0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256].map((m) => m * MINUTE),
    afterFailure: 'Marked failed; endpoints that keep failing are disabled (not documented in detail).',
  },
  notes: [
    "Scheme: https://docs.polar.sh/integrate/webhooks/delivery - Standard Webhooks headers and signature. The key is the secret string's own UTF-8 bytes: @polar-sh/sdk's validateEvent base64-encodes the secret before handing it to standardwebhooks, so a handler that strips a prefix and base64-decodes it (the usual Standard Webhooks reading) rejects every request.",
    'Retries and timeout: https://polar.sh/docs/integrate/webhooks/delivery (Failure Handling) - requests time out after 20 s; a failed delivery is retried up to 10 times with exponential backoff. The steps are not published: here ten retries doubling from 30 s (about 8.5 h in all). Edit them to match what you observe.',
    'Events and payloads: https://docs.polar.sh/api-reference/webhooks (the event list); payload data is abridged to the fields handlers read most.',
  ],
};
