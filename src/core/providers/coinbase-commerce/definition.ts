import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  HOUR,
  MINUTE,
  UNDOCUMENTED_TIMEOUT_MS,
  eventsFrom,
  hmacForm,
  jsonContentType,
  signatureHeader,
} from '../definition-parts';

const EVENTS: Record<string, string> = {
  'charge:created': 'A charge was created.',
  'charge:pending': 'A payment was detected on-chain and awaits confirmation.',
  'charge:confirmed': 'The payment was confirmed: the charge is complete.',
  'charge:failed': 'The charge failed or expired without full payment.',
  'charge:delayed': 'A payment arrived after the charge expired, or did not match the amount.',
  'charge:resolved': 'An unresolved (delayed) charge was resolved.',
};

const TIMELINE: Record<string, string[]> = {
  'charge:created': ['NEW'],
  'charge:pending': ['NEW', 'PENDING'],
  'charge:confirmed': ['NEW', 'PENDING', 'COMPLETED'],
  'charge:failed': ['NEW', 'EXPIRED'],
  'charge:delayed': ['NEW', 'EXPIRED', 'UNRESOLVED'],
  'charge:resolved': ['NEW', 'EXPIRED', 'UNRESOLVED', 'RESOLVED'],
};

function charge(type: string): JsonObject {
  return {
    id: '{{uuid}}',
    resource: 'charge',
    code: '{{id::8}}',
    name: 'Order #{{int:1000:9999}}',
    description: 'T-shirt',
    hosted_url: 'https://commerce.coinbase.com/charges/{{id::8}}',
    pricing_type: 'fixed_price',
    pricing: { local: { amount: '{{int:5:500}}.00', currency: 'USD' } },
    metadata: { customer_id: '{{int:1:99999}}' },
    created_at: '{{time:iso-s}}',
    expires_at: '{{time:iso-s}}',
    timeline: TIMELINE[type].map((status) => ({ status, time: '{{time:iso-s}}' })),
    payments: [],
  };
}

export const coinbaseCommerce: ProviderDefinition = {
  id: 'coinbase-commerce',
  name: 'Coinbase Commerce',
  kind: 'common-scheme',
  description: 'Coinbase Commerce charge events: X-CC-Webhook-Signature, hex HMAC-SHA256 of the raw body.',
  source: 'https://docs.cloud.coinbase.com/commerce/docs/using-webhooks',
  headers: [
    jsonContentType(),
    signatureHeader('X-CC-Webhook-Signature', 'Hex HMAC-SHA256 of the raw body, keyed with the shared webhook secret.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Coinbase Commerce hex HMAC-SHA256 of the body',
        header: 'X-CC-Webhook-Signature',
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    id: '{{uuid}}',
    scheduled_for: '{{time:iso-s}}',
    attempt_number: 1,
    event: {
      id: '{{uuid}}',
      resource: 'event',
      type: '{{eventType}}',
      api_version: '2018-03-22',
      created_at: '{{time:iso-s}}',
      data: charge(type),
    },
  })),
  envelope: {
    description:
      '{ id (the delivery), scheduled_for, attempt_number, event: { id, resource: "event", type, api_version, created_at, data: the charge } }',
    requiredKeys: ['id', 'scheduled_for', 'attempt_number', 'event'],
    timeField: { path: 'event.created_at', format: 'iso-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event.type' }],
  detection: { headers: ['X-CC-Webhook-Signature'], headersAreGeneric: false },
  ids: {
    conventions: [
      { field: 'id', pattern: '^[0-9a-f-]{36}$', description: 'Delivery id (a UUID).' },
      { field: 'event.id', pattern: '^[0-9a-f-]{36}$', description: 'Event id (a UUID): the idempotency key.' },
    ],
    delivery: { fromPayload: 'id', generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: 'exactly-200',
    // Exponential backoff for up to three days, never more than an hour apart: 1, 2 ... 32 minutes, then hourly.
    retryDelaysMs: [
      ...[1, 2, 4, 8, 16, 32].map((m) => m * MINUTE),
      ...Array.from({ length: 70 }, () => 1 * HOUR),
      57 * MINUTE,
    ],
    afterFailure: 'Given up after three days of retries; there is no documented replay.',
  },
  notes: [
    'Scheme: https://docs.cloud.coinbase.com/commerce/docs/using-webhooks (Checking signatures) - X-CC-Webhook-Signature is the SHA256 HMAC of the raw request payload keyed with the shared webhook secret from Settings, hex. Proven against coinbase-commerce-node (Webhook.verifySigHeader, Webhook.verifyEventBody).',
    'Retries and success: the same page (Responding to a webhook) - "respond with a 200"; without it, exponential backoff for up to three days with a maximum interval of 1 hour. The steps are not published: 1, 2, 4 ... 32 minutes, then hourly to three days here. Whether another 2xx counts is not stated, so Hookscope expects exactly 200. Timeout: not documented; the sender uses the visible 30 s default.',
    'Endpoints must be https (the same page).',
    'Events and payload: https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-fields (the URL is spelled so) lists charge:created, pending, confirmed and failed; charge:delayed and charge:resolved are the legacy (pre-onchain) Commerce events for late or wrong payments, kept because older accounts still receive them. The body wraps the event ({ id, scheduled_for, attempt_number, event }). The real attempt_number grows on each retry; Hookscope sends one body per delivery, so it stays 1 (a byte-identical retry).',
    'Event types use a colon (charge:confirmed), as Coinbase writes them, not a dot.',
    'Coinbase Commerce is the legacy product; the newer Coinbase Business (CDP) webhooks sign differently (X-Hook0-Signature) and are not this provider.',
  ],
};
