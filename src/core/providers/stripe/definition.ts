import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HOUR, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

function stripeEvent(object: JsonObject): JsonObject {
  return {
    id: '{{id:evt_:24}}',
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: '{{time:unix-s}}',
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: '{{id:req_:14}}', idempotency_key: '{{uuid}}' },
    type: '{{eventType}}',
  };
}

export const stripe: ProviderDefinition = {
  id: 'stripe',
  name: 'Stripe',
  kind: 'common-scheme',
  description: 'Stripe webhook events, signed with Stripe-Signature.',
  source: 'https://docs.stripe.com/webhooks#verify-manually',
  headers: [
    jsonContentType('application/json; charset=utf-8'),
    {
      name: 'User-Agent',
      description: 'Stripe webhook agent.',
      value: { kind: 'static', value: 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    },
    signatureHeader('Stripe-Signature', 't=<unix>,v1=<hex> over "<t>.<body>"; several v1 during secret rotation.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Stripe t=<unix>,v1=<hex> over "<t>.<body>"',
        header: 'Stripe-Signature',
        format: { kind: 'kv', timestampKey: 't', signatureKey: 'v1' },
        digest: 'hex',
        signedContent: { template: '{timestamp}.{body}', bodyForms: ['raw'] },
        timestamp: { in: 'signature' },
        toleranceSeconds: 300,
      }),
    ],
  },
  events: [
    {
      type: 'payment_intent.succeeded',
      description: 'A PaymentIntent was paid.',
      sample: stripeEvent({
        id: '{{id:pi_:24}}',
        object: 'payment_intent',
        amount: '{{int:500:50000}}',
        currency: '{{pick:usd|eur|gbp}}',
        status: 'succeeded',
      }),
    },
    {
      type: 'payment_intent.payment_failed',
      description: 'A payment attempt failed.',
      sample: stripeEvent({
        id: '{{id:pi_:24}}',
        object: 'payment_intent',
        amount: '{{int:500:50000}}',
        currency: '{{pick:usd|eur|gbp}}',
        status: 'requires_payment_method',
        last_payment_error: { code: '{{pick:card_declined|expired_card|insufficient_funds}}' },
      }),
    },
    {
      type: 'checkout.session.completed',
      description: 'A Checkout Session was completed.',
      sample: stripeEvent({
        id: '{{id:cs_test_:24}}',
        object: 'checkout.session',
        amount_total: '{{int:500:50000}}',
        payment_status: 'paid',
        mode: 'payment',
      }),
    },
    {
      type: 'customer.subscription.created',
      description: 'A subscription was created.',
      sample: stripeEvent({
        id: '{{id:sub_:24}}',
        object: 'subscription',
        customer: '{{id:cus_:14}}',
        status: '{{pick:active|trialing}}',
      }),
    },
  ],
  envelope: {
    description:
      '{ id (evt_), object: "event", api_version, created (unix seconds), data { object }, livemode, pending_webhooks, request, type }',
    requiredKeys: ['id', 'object', 'type', 'data', 'created'],
    timeField: { path: 'created', format: 'unix-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['Stripe-Signature'], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'id', prefix: 'evt_', description: 'Event id.' }],
    delivery: { generate: { style: 'prefixed', prefix: 'evt_' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 20 * SECOND,
    success: '2xx',
    retryDelaysMs: [1 * HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 16 * HOUR, 24 * HOUR],
    afterFailure: 'Marked failed; Stripe emails the account owner and may disable the endpoint.',
  },
  notes: [
    'The secret (whsec_...) is used whole as the UTF-8 key, unlike Standard Webhooks.',
    'Stripe documents "up to 3 days with exponential backoff" in live mode without exact delays or timeout: the ladder here approximates it; edit it as needed.',
    "The event's created (unix seconds) is the moment the delivery is created on the sender's clock, the same on every retry.",
  ],
};
