import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const EVENTS: Record<string, string> = {
  'transaction.created': 'A transaction was created.',
  'transaction.ready': 'A transaction has what it needs to be paid.',
  'transaction.updated': 'A transaction changed.',
  'transaction.paid': 'A transaction was paid (before it is fully processed).',
  'transaction.completed': 'A transaction was paid and fully processed.',
  'transaction.payment_failed': 'A payment attempt failed.',
  'transaction.past_due': 'A renewal transaction is past due.',
  'subscription.created': 'A subscription was created.',
  'subscription.activated': 'A trialing subscription became active.',
  'subscription.updated': 'A subscription changed.',
  'subscription.past_due': 'A renewal payment failed.',
  'subscription.paused': 'A subscription was paused.',
  'subscription.resumed': 'A paused subscription was resumed.',
  'subscription.canceled': 'A subscription was canceled.',
  'customer.created': 'A customer was created.',
  'customer.updated': 'A customer was updated.',
  'adjustment.created': 'A refund or credit was created.',
  'adjustment.updated': 'A refund or credit changed (approved, rejected).',
};

function data(type: string): JsonObject {
  const [resource, change] = type.split('.');
  const times = { created_at: '{{time:iso-ms}}', updated_at: '{{time:iso-ms}}' };
  if (resource === 'transaction') {
    const status = (
      {
        created: 'draft',
        ready: 'ready',
        updated: 'ready',
        paid: 'paid',
        completed: 'completed',
        payment_failed: 'ready',
        past_due: 'past_due',
      } as Record<string, string>
    )[change];
    return {
      id: '{{id:txn_:26}}',
      status,
      customer_id: '{{id:ctm_:26}}',
      currency_code: 'USD',
      origin: 'web',
      subscription_id: null,
      items: [{ price_id: '{{id:pri_:26}}', quantity: 1 }],
      details: { totals: { subtotal: '{{int:500:99000}}', total: '{{int:500:99000}}' } },
      ...times,
    };
  }
  if (resource === 'subscription') {
    const status = (
      {
        created: 'active',
        activated: 'active',
        updated: 'active',
        past_due: 'past_due',
        paused: 'paused',
        resumed: 'active',
        canceled: 'canceled',
      } as Record<string, string>
    )[change];
    return {
      id: '{{id:sub_:26}}',
      status,
      customer_id: '{{id:ctm_:26}}',
      currency_code: 'USD',
      billing_cycle: { interval: 'month', frequency: 1 },
      items: [{ price: { id: '{{id:pri_:26}}' }, quantity: 1, status: 'active' }],
      ...times,
    };
  }
  if (resource === 'customer')
    return {
      id: '{{id:ctm_:26}}',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      status: 'active',
      locale: 'en',
      ...times,
    };
  return {
    id: '{{id:adj_:26}}',
    action: 'refund',
    transaction_id: '{{id:txn_:26}}',
    status: change === 'created' ? 'pending_approval' : 'approved',
    reason: 'Requested by the customer',
    currency_code: 'USD',
    ...times,
  };
}

export const paddle: ProviderDefinition = {
  id: 'paddle',
  name: 'Paddle Billing',
  kind: 'common-scheme',
  description: 'Paddle Billing notifications: Paddle-Signature ts=..;h1=.. over "<ts>:<body>".',
  source: 'https://developer.paddle.com/webhooks/signature-verification',
  headers: [jsonContentType(), signatureHeader('Paddle-Signature', 'ts=<unix>;h1=<hex HMAC-SHA256 of "<ts>:<body>">.')],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Paddle ts=<unix>;h1=<hex> over "<ts>:<body>"',
        header: 'Paddle-Signature',
        format: { kind: 'kv', timestampKey: 'ts', signatureKey: 'h1', separator: ';' },
        digest: 'hex',
        signedContent: { template: '{timestamp}:{body}', bodyForms: ['raw'] },
        timestamp: { in: 'signature' },
        toleranceSeconds: 5,
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    event_id: '{{id:evt_:26}}',
    event_type: '{{eventType}}',
    occurred_at: '{{time:iso-ms}}',
    notification_id: '{{id:ntf_:26}}',
    data: data(type),
  })),
  envelope: {
    description: '{ event_id, event_type, occurred_at (ISO 8601), notification_id, data }',
    requiredKeys: ['event_id', 'event_type', 'occurred_at', 'notification_id', 'data'],
    timeField: { path: 'occurred_at', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event_type' }],
  detection: { headers: ['Paddle-Signature'], headersAreGeneric: false },
  ids: {
    conventions: [
      { field: 'event_id', prefix: 'evt_', description: 'Event id.' },
      { field: 'notification_id', prefix: 'ntf_', description: 'Notification id: the same on every retry.' },
    ],
    delivery: { fromPayload: 'notification_id', generate: { style: 'prefixed', prefix: 'ntf_' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 5 * SECOND,
    success: '2xx',
    // 60 retries over 3 days in live: exponential backoff, then hourly (the steps are not published one by one).
    retryDelaysMs: [
      ...[1, 2, 4, 8, 16, 32].map((m) => m * MINUTE),
      ...Array.from({ length: 54 }, () => 1 * HOUR + 10 * MINUTE),
    ],
    afterFailure:
      'Marked failed after 3 days (live; sandbox: 3 retries within 15 minutes); it can be replayed from the dashboard.',
  },
  notes: [
    'Scheme: https://developer.paddle.com/webhooks/signature-verification - Paddle-Signature "ts=<unix>;h1=<hex>", HMAC-SHA256 of "<ts>:<raw body>" keyed with the endpoint\'s secret key (pdl_ntfset_...) as text. Proven against @paddle/paddle-node-sdk\'s Webhooks.isSignatureValid, whose window is 5 s.',
    'Retries: https://developer.paddle.com/webhooks/respond-to-webhooks - answer within 5 s; live notifications are retried 60 times over 3 days with exponential backoff (the steps are not published: 1, 2, 4...32 min, then every 70 min here), sandbox 3 times within 15 minutes.',
    'Events: https://developer.paddle.com/webhooks/overview (the most used transaction, subscription, customer and adjustment events).',
  ],
};
