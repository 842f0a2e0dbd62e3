import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  SVIX_RETRY_DELAYS_MS,
  SVIX_TIMEOUT_MS,
  eventsFrom,
  standardWebhooksForm,
  standardWebhooksHeaders,
} from '../definition-parts';

const EVENTS: Record<string, string> = {
  'email.sent': 'The API request succeeded and Resend will try to deliver the email.',
  'email.delivered': "The email reached the recipient's mail server.",
  'email.delivery_delayed': 'Delivery is delayed (a full inbox, a throttling server).',
  'email.complained': 'The recipient marked the email as spam.',
  'email.bounced': "The recipient's mail server rejected the email.",
  'email.opened': 'The recipient opened the email.',
  'email.clicked': 'The recipient clicked a link.',
  'email.failed': 'The email failed to send.',
  'contact.created': 'A contact was created.',
  'contact.updated': 'A contact was updated.',
  'contact.deleted': 'A contact was deleted.',
  'domain.created': 'A domain was added.',
  'domain.updated': 'A domain was updated (its verification status changed).',
  'domain.deleted': 'A domain was removed.',
};

function data(type: string): JsonObject {
  if (type.startsWith('email.')) {
    return {
      created_at: '{{time:iso-ms}}',
      email_id: '{{uuid}}',
      from: 'Acme <onboarding@resend.dev>',
      to: ['delivered@resend.dev'],
      subject: 'Sending this example',
      ...(type === 'email.bounced'
        ? { bounce: { message: "The recipient's mailbox does not exist.", subType: 'Suppressed', type: 'Permanent' } }
        : {}),
      ...(type === 'email.clicked'
        ? {
            click: {
              ipAddress: '192.0.2.1',
              link: 'https://resend.com',
              timestamp: '{{time:iso-ms}}',
              userAgent: 'Mozilla/5.0',
            },
          }
        : {}),
    };
  }
  if (type.startsWith('contact.'))
    return {
      id: '{{uuid}}',
      audience_id: '{{uuid}}',
      created_at: '{{time:iso-ms}}',
      updated_at: '{{time:iso-ms}}',
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      unsubscribed: false,
    };
  return {
    id: '{{uuid}}',
    name: 'example.com',
    status: 'verified',
    created_at: '{{time:iso-ms}}',
    region: 'us-east-1',
    records: [],
  };
}

export const resend: ProviderDefinition = {
  id: 'resend',
  name: 'Resend',
  kind: 'common-scheme',
  description: 'Resend email events, delivered through Svix (svix-* headers).',
  source: 'https://resend.com/docs/dashboard/webhooks/introduction',
  headers: standardWebhooksHeaders('svix'),
  signature: { defaultForm: 'default', forms: [standardWebhooksForm('svix')] },
  events: eventsFrom(EVENTS, (type) => ({ type: '{{eventType}}', created_at: '{{time:iso-ms}}', data: data(type) })),
  envelope: {
    description: '{ type, created_at (ISO 8601), data }',
    requiredKeys: ['type', 'created_at', 'data'],
    timeField: { path: 'created_at', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['svix-signature', 'svix-id', 'svix-timestamp'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'prefixed', prefix: 'msg_' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: SVIX_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: SVIX_RETRY_DELAYS_MS,
    afterFailure: 'Marked failed; it can be replayed from the dashboard.',
  },
  notes: [
    'Scheme: https://resend.com/docs/dashboard/webhooks/verify-webhooks-requests - svix-id/svix-timestamp/svix-signature, whsec_ secret, verified with the svix library (proven against it here).',
    'Events and payloads: https://resend.com/docs/dashboard/webhooks/event-types.',
    'Retries: Resend documents the Svix schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the first attempt).',
  ],
};
