import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  UNDOCUMENTED_NOTE,
  UNDOCUMENTED_RETRY_DELAYS_MS,
  UNDOCUMENTED_TIMEOUT_MS,
  eventsFrom,
  hmacForm,
  signatureHeader,
} from '../definition-parts';

/** Message and inbound events (https://mailchimp.com/developer/transactional/docs/webhooks/). */
const EVENTS: Record<string, string> = {
  send: 'A message was sent.',
  deferral: 'A message was deferred by the receiving server (it will be retried).',
  hard_bounce: 'A message hard-bounced.',
  soft_bounce: 'A message soft-bounced.',
  open: 'A recipient opened a message.',
  click: 'A recipient clicked a tracked link.',
  spam: 'A recipient marked a message as spam.',
  unsub: 'A recipient unsubscribed.',
  reject: 'A message was rejected (denylist, unsubscribed, invalid...).',
  inbound: 'An email arrived at an inbound domain route.',
};

function event(type: string): JsonObject {
  if (type === 'inbound')
    return {
      event: '{{eventType}}',
      _id: '{{hex:32}}',
      ts: '{{time:unix-s}}',
      msg: {
        raw_msg: 'From: ada@example.com\nTo: support@in.example.com\nSubject: Order\n\nIs my order on its way?',
        email: 'support@in.example.com',
        from_email: 'ada@example.com',
        subject: 'Order',
        text: 'Is my order on its way?',
      },
    };
  return {
    event: '{{eventType}}',
    _id: '{{hex:32}}',
    ts: '{{time:unix-s}}',
    msg: {
      _id: '{{hex:32}}',
      ts: '{{time:unix-s}}',
      email: 'ada@example.com',
      sender: 'orders@example.com',
      subject: 'Your order has shipped',
      state: type === 'hard_bounce' || type === 'soft_bounce' ? 'bounced' : type === 'reject' ? 'rejected' : 'sent',
      tags: ['order-shipped'],
      metadata: { order_id: 'ord_{{int:1000:99999}}' },
    },
    ...(type === 'click' ? { url: 'https://example.com/orders/track' } : {}),
  };
}

export const mailchimpTransactional: ProviderDefinition = {
  id: 'mailchimp-transactional',
  name: 'Mailchimp Transactional (Mandrill)',
  kind: 'common-scheme',
  description:
    'Mailchimp Transactional (Mandrill) webhooks: a form POST with one field, mandrill_events (a JSON array), signed by X-Mandrill-Signature: base64 HMAC-SHA1 of the URL followed by each POST field name+value sorted by name.',
  source: 'https://mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/',
  headers: [
    {
      name: 'Content-Type',
      description: 'Form fields: mandrill_events holds the JSON array of events.',
      value: { kind: 'static', value: 'application/x-www-form-urlencoded' },
    },
    signatureHeader(
      'X-Mandrill-Signature',
      "Base64 HMAC-SHA1, keyed with the webhook's key, of the webhook URL followed by each POST field name+value, sorted by name.",
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        ...hmacForm({
          name: 'default',
          label: 'Mandrill base64 HMAC-SHA1 over the URL + sorted POST fields',
          header: 'X-Mandrill-Signature',
          format: { kind: 'plain' },
          digest: 'base64',
          signedContent: { template: '{url}{form}', bodyForms: ['raw'] },
        }),
        algorithm: 'hmac-sha1',
      },
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({ mandrill_events: [event(type)] })),
  envelope: {
    description: 'Form field mandrill_events: a JSON array of up to 1000 events { event, _id, ts, msg, ... }.',
    requiredKeys: ['mandrill_events'],
    timeField: { path: 'mandrill_events[0].ts', format: 'unix-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'mandrill_events[0].event' }],
  detection: { headers: ['X-Mandrill-Signature'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure: 'Not documented in detail: Mandrill retries a failing batch for a while, then drops it.',
  },
  notes: [
    "Scheme: https://mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/#authenticating-webhook-requests - X-Mandrill-Signature is the base64 HMAC-SHA1, keyed with the webhook's authentication key, of the webhook URL exactly as configured followed by every POST field sorted by name, each name then value (the same recipe as Twilio's).",
    'Proof: Mailchimp publishes no test vectors and no official Node library with a verifier; the scheme is proven by documentation recipe only, against an independent node:crypto computation written from that page (test/core/providers/oracles/mailchimp-transactional.test.ts).',
    'Body: one form field, mandrill_events, whose value is a JSON array of events (Hookscope reads it as JSON for detection and the event type); the sender sends one event per batch.',
    'Events: the message events and inbound of https://mailchimp.com/developer/transactional/docs/webhooks/ (sync events for allowlist/denylist changes are not modelled).',
    UNDOCUMENTED_NOTE,
  ],
};
