import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  SECOND,
  UNDOCUMENTED_TIMEOUT_MS,
  eventsFrom,
  hmacForm,
  jsonContentType,
  signatureHeader,
} from '../definition-parts';

/** https://docs.lemonsqueezy.com/help/webhooks/event-types */
const EVENTS: Record<string, string> = {
  order_created: 'A new order was placed.',
  order_refunded: 'An order was refunded, fully or in part.',
  subscription_created: 'A subscription was created (always sent with order_created).',
  subscription_updated: "A subscription's data changed: the catch-all subscription event.",
  subscription_cancelled: 'A subscription was cancelled; it stays active until the next billing date.',
  subscription_resumed: 'A cancelled subscription was resumed.',
  subscription_expired: 'A subscription ended (after cancellation, or once dunning was done).',
  subscription_paused: "A subscription's payment collection was paused.",
  subscription_unpaused: "A subscription's payment collection resumed.",
  subscription_payment_success: 'A subscription payment succeeded.',
  subscription_payment_failed: 'A subscription renewal payment failed.',
  subscription_payment_recovered: 'A subscription was paid after a failed payment.',
  subscription_payment_refunded: 'A subscription payment was refunded.',
  license_key_created: 'A license key was created from a new order.',
  license_key_updated: 'A license key was updated.',
  affiliate_activated: 'An affiliate was activated.',
};

const times = { created_at: '{{time:iso-ms}}', updated_at: '{{time:iso-ms}}' };

function resource(type: string): { kind: string; attributes: JsonObject } {
  const common = { store_id: '{{int:1000:99999}}', test_mode: false };
  if (type.startsWith('order_'))
    return {
      kind: 'orders',
      attributes: {
        ...common,
        customer_id: '{{int:1000:999999}}',
        identifier: '{{uuid}}',
        order_number: '{{int:1000:99999}}',
        user_name: 'Ada Lovelace',
        user_email: 'ada@example.com',
        currency: 'USD',
        subtotal: '{{int:500:99900}}',
        total: '{{int:500:99900}}',
        status: type === 'order_refunded' ? 'refunded' : 'paid',
        refunded: type === 'order_refunded',
        refunded_at: type === 'order_refunded' ? '{{time:iso-ms}}' : null,
        ...times,
      },
    };
  if (type.startsWith('subscription_payment_'))
    return {
      kind: 'subscription-invoices',
      attributes: {
        ...common,
        subscription_id: '{{int:1000:999999}}',
        customer_id: '{{int:1000:999999}}',
        billing_reason: 'renewal',
        currency: 'USD',
        status:
          { success: 'paid', failed: 'pending', recovered: 'paid', refunded: 'refunded' }[type.slice(21)] ?? 'paid',
        total: '{{int:500:99900}}',
        refunded: type === 'subscription_payment_refunded',
        ...times,
      },
    };
  if (type.startsWith('subscription_'))
    return {
      kind: 'subscriptions',
      attributes: {
        ...common,
        customer_id: '{{int:1000:999999}}',
        order_id: '{{int:1000:999999}}',
        product_name: 'Pro plan',
        variant_name: 'Monthly',
        user_email: 'ada@example.com',
        status:
          (
            {
              cancelled: 'cancelled',
              expired: 'expired',
              paused: 'paused',
            } as Record<string, string>
          )[type.slice(13)] ?? 'active',
        cancelled: type === 'subscription_cancelled',
        pause: type === 'subscription_paused' ? { mode: 'void', resumes_at: null } : null,
        renews_at: '{{time:iso-ms}}',
        ends_at: type === 'subscription_cancelled' || type === 'subscription_expired' ? '{{time:iso-ms}}' : null,
        ...times,
      },
    };
  if (type.startsWith('license_key_'))
    return {
      kind: 'license-keys',
      attributes: {
        ...common,
        customer_id: '{{int:1000:999999}}',
        order_id: '{{int:1000:999999}}',
        key_short: 'XXXX-{{hex:12}}',
        activation_limit: 5,
        instances_count: 0,
        status: 'inactive',
        expires_at: null,
        ...times,
      },
    };
  return {
    kind: 'affiliates',
    attributes: { ...common, user_name: 'Grace Hopper', user_email: 'grace@example.com', status: 'active', ...times },
  };
}

export const lemonSqueezy: ProviderDefinition = {
  id: 'lemon-squeezy',
  name: 'Lemon Squeezy',
  kind: 'common-scheme',
  description: 'Lemon Squeezy store events (JSON:API): X-Signature, hex HMAC-SHA256 of the body; X-Event-Name.',
  source: 'https://docs.lemonsqueezy.com/help/webhooks/signing-requests',
  headers: [
    jsonContentType(),
    { name: 'X-Event-Name', description: 'The event that triggered the webhook.', value: { kind: 'event-type' } },
    signatureHeader('X-Signature', 'Hex HMAC-SHA256 of the raw body, keyed with the signing secret.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Lemon Squeezy hex HMAC-SHA256 of the body',
        header: 'X-Signature',
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => {
    const { kind, attributes } = resource(type);
    const id = '{{int:1:999999}}';
    return {
      meta: {
        test_mode: false,
        event_name: '{{eventType}}',
        webhook_id: '{{uuid}}',
        custom_data: { user_id: '{{int:1:9999}}' },
      },
      data: {
        type: kind,
        id: `1${id}`,
        attributes,
        relationships: { store: { links: { related: 'https://api.lemonsqueezy.com/v1/stores/1' } } },
        links: { self: `https://api.lemonsqueezy.com/v1/${kind}/1` },
      },
    };
  }),
  envelope: {
    description:
      '{ meta: { event_name, test_mode, webhook_id, custom_data? }, data: a JSON:API resource { type, id, attributes, relationships, links } }',
    requiredKeys: ['meta', 'data'],
    timeField: { path: 'data.attributes.updated_at', format: 'iso-ms' },
  },
  eventTypeLocations: [
    { in: 'header', name: 'X-Event-Name' },
    { in: 'body', path: 'meta.event_name' },
  ],
  // X-Signature and X-Event-Name are plain names other senders use too: the meta/data envelope must match.
  detection: { headers: ['X-Signature', 'X-Event-Name'], headersAreGeneric: true },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: 'exactly-200',
    retryDelaysMs: [5 * SECOND, 25 * SECOND, 125 * SECOND],
    afterFailure:
      'Considered failed after the third retry and never retried again; it can be resent from Settings > Webhooks.',
  },
  notes: [
    "Scheme: https://docs.lemonsqueezy.com/help/webhooks/signing-requests - X-Signature is the hex HMAC-SHA256 of the raw body keyed with the webhook's signing secret (6 to 40 characters, https://docs.lemonsqueezy.com/help/webhooks). Lemon Squeezy publishes no verification library and no test vector: this provider is proven by an independent node:crypto computation written from the documented recipe only (test/core/providers/oracles/lemon-squeezy.test.ts).",
    'Delivery: https://docs.lemonsqueezy.com/help/webhooks/webhook-requests - a 200 is success, anything else is retried up to three more times with exponential backoff ("5 secs, 25 secs, 125 secs"), then the request is failed. Headers: Content-Type, X-Event-Name, X-Signature (same page). Timeout: not documented; the sender uses the visible 30 s default.',
    'Events: https://docs.lemonsqueezy.com/help/webhooks/event-types. The body is the JSON:API object of the event (order, subscription, subscription invoice, license key, affiliate) with meta.event_name and, when the checkout had it, meta.custom_data.',
    'The envelope carries no delivery id; Hookscope derives one from the body (the same on every retry).',
  ],
};
