import type { ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, hmacForm, jsonContentType } from '../definition-parts';

export const standardWebhooks: ProviderDefinition = {
  id: 'standard-webhooks',
  name: 'Standard Webhooks',
  kind: 'common-scheme',
  description: 'The Standard Webhooks specification (also used by Svix, Resend, Clerk and others).',
  source: 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md',
  headers: [
    jsonContentType(),
    { name: 'webhook-id', description: 'Message id; the same on every retry.', value: { kind: 'delivery-id' } },
    { name: 'webhook-timestamp', description: 'Unix seconds of this attempt.', value: { kind: 'timestamp' } },
    { name: 'webhook-signature', description: 'Space-separated v1,<base64> signatures.', value: { kind: 'signature' } },
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Standard Webhooks v1,<base64> over "<id>.<timestamp>.<body>"',
        header: 'webhook-signature',
        format: { kind: 'versioned-list', version: 'v1' },
        digest: 'base64',
        signedContent: { template: '{id}.{timestamp}.{body}', bodyForms: ['raw'] },
        timestamp: { in: 'header', header: 'webhook-timestamp' },
        idHeader: 'webhook-id',
        toleranceSeconds: 300,
        secretEncoding: 'whsec-base64',
      }),
    ],
  },
  events: [
    {
      type: 'user.created',
      description: 'Example event: a user was created.',
      sample: {
        type: '{{eventType}}',
        timestamp: '{{time:iso-ms}}',
        data: { id: '{{id:user_:24}}', email: 'ada@example.com', createdAt: '{{time:iso-ms}}' },
      },
    },
    {
      type: 'invoice.paid',
      description: 'Example event: an invoice was paid.',
      sample: {
        type: '{{eventType}}',
        timestamp: '{{time:iso-ms}}',
        data: {
          id: '{{id:inv_:24}}',
          amount: '{{int:500:99000}}',
          currency: '{{pick:USD|EUR|GBP}}',
          paidAt: '{{time:iso-ms}}',
        },
      },
    },
  ],
  envelope: {
    description: 'Recommended: { type, timestamp (ISO 8601), data }',
    requiredKeys: ['type', 'timestamp', 'data'],
    timeField: { path: 'timestamp', format: 'iso' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['webhook-signature', 'webhook-id', 'webhook-timestamp'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'prefixed', prefix: 'msg_' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 15 * SECOND,
    success: '2xx',
    retryDelaysMs: [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
    afterFailure: 'Marked failed.',
  },
  notes: [
    'The secret is whsec_<base64>: the key is the base64-decoded part after the prefix, not the string itself.',
    'The retry ladder and timeout are the schedule the specification suggests (as Svix runs it); senders may differ, so edit them to match yours.',
    "Sample times are the moment the delivery is created on the sender's clock (the instant its first attempt signs) and stay the same on every retry, as a provider's event time does.",
  ],
};
