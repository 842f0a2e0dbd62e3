import type { ProviderDefinition } from '../../../shared/providers';
import { HOUR, UNDOCUMENTED_TIMEOUT_MS, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';
import { STRIPE_API_VERSION, STRIPE_EVENTS_SOURCE, stripeEvents } from './events';

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
  events: stripeEvents(),
  subscriptionWildcard: '*',
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
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    // Live mode: exponential backoff for up to 3 days (the steps are not published): doubling from 1 h, capped at a day, the last one landing on 72 h.
    retryDelaysMs: [1, 2, 4, 8, 16, 24, 17].map((h) => h * HOUR),
    afterFailure:
      'Marked failed after 3 days; Stripe emails the account about the failing endpoint and may disable it. Events can be resent from the Dashboard or listed with the API for 30 days.',
    notDocumented: ['timeout'],
  },
  notes: [
    'Scheme: https://docs.stripe.com/webhooks#verify-manually - Stripe-Signature "t=<unix>,v1=<hex>", HMAC-SHA256 of "<t>.<raw body>"; several v1 entries while a secret is rolled; the libraries allow 300 s of tolerance.',
    'The secret (whsec_...) is used whole as the UTF-8 key, unlike Standard Webhooks.',
    `Events: every event type of ${STRIPE_EVENTS_SOURCE} (its Event union), each with the library's description; regenerate with scripts/providers/stripe-events.mjs. api_version is the library's, ${STRIPE_API_VERSION}.`,
    "Samples: one template per object type (customer, invoice, charge, payment_intent, subscription, checkout.session...), chosen by the object type the library declares for the event's data.object; ids carry Stripe's prefixes (cus_, in_, ch_, pi_, sub_, cs_test_...), and obj_ where Stripe publishes none (as its stripe-mock fixtures do). Rarer objects carry only the fields every Stripe object has. *.updated events carry data.previous_attributes.",
    "The event's created (unix seconds) and the object's times are the moment the delivery is created on the sender's clock, the same on every retry; the event id (evt_) is the same on every retry.",
    'Retries: https://docs.stripe.com/webhooks#retries - in live mode Stripe retries for up to 3 days with exponential backoff (the steps are not published; here 1, 2, 4, 8, 16, 24 and 17 hours, which ends at 72 h); in a sandbox, three times over a few hours. Timeout: not documented by Stripe (a 2xx is expected "quickly", before any complex logic); the sender uses Hookscope\'s default of 30 s.',
  ],
};
