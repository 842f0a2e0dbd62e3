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

/** https://docs.knock.app/developer-tools/outbound-webhooks/event-types */
const EVENTS: Record<string, string> = {
  'message.sent': 'A message was sent to a channel provider.',
  'message.delivered': 'The provider marked a message delivered to the user (channels with delivery tracking).',
  'message.delivery_attempted':
    'A delivery attempt failed and may be retried (event_data: attempt, max_attempts, retryable).',
  'message.undelivered':
    'Delivery failed for good and will not be retried (event_data: failure_reason, failure_details).',
  'message.bounced': 'Delivery failed on a bounce or a bad recipient identifier; not retried.',
  'message.complaint': 'The recipient reported a delivered email as spam (some email providers).',
  'message.seen': 'The recipient saw the message.',
  'message.unseen': 'The message was marked unseen.',
  'message.read': 'The recipient read the message.',
  'message.unread': 'The message was marked unread.',
  'message.archived': 'The recipient archived the message.',
  'message.unarchived': 'The message was unarchived.',
  'message.interacted': 'The recipient interacted with the message (e.g. clicked an in-app feed cell).',
  'message.link_clicked': 'The recipient clicked a tracked link (event_data: url).',
  'workflow_recipient_run.started': 'A workflow run for one recipient started.',
  'workflow_recipient_run.completed': 'A workflow run for one recipient completed.',
  'workflow_recipient_run.error': 'A workflow run for one recipient hit an error.',
  'workflow.updated': 'A workflow was updated in the environment.',
  'workflow.committed': 'A workflow was committed to the environment.',
  'email_layout.updated': 'An email layout was updated.',
  'email_layout.committed': 'An email layout was committed.',
  'translation.updated': 'A translation was updated.',
  'translation.committed': 'A translation was committed.',
  'partial.updated': 'A partial was updated.',
  'partial.committed': 'A partial was committed.',
  'source_event_action.updated': 'A source event action was updated.',
  'source_event_action.committed': 'A source event action was committed.',
};

const STATUS: Record<string, string> = {
  sent: 'sent',
  delivered: 'delivered',
  delivery_attempted: 'sent',
  undelivered: 'undelivered',
  bounced: 'bounced',
  complaint: 'delivered',
};

function message(action: string): JsonObject {
  return {
    __typename: 'Message',
    id: '{{id::27}}',
    channel_id: '{{uuid}}',
    recipient: 'user-{{int:1:9999}}',
    actors: [],
    workflow: 'new-comment',
    tenant: null,
    status: STATUS[action] ?? 'delivered',
    engagement_statuses: action === 'read' || action === 'link_clicked' ? ['seen', 'read'] : [],
    seen_at: ['seen', 'read', 'interacted', 'link_clicked'].includes(action) ? '{{time:iso-ms}}' : null,
    read_at: action === 'read' ? '{{time:iso-ms}}' : null,
    archived_at: action === 'archived' ? '{{time:iso-ms}}' : null,
    inserted_at: '{{time:iso-ms}}',
    updated_at: '{{time:iso-ms}}',
    source: { __typename: 'NotificationSource', key: 'new-comment', version_id: '{{uuid}}' },
    data: { comment_id: '{{uuid}}' },
    metadata: {},
  };
}

function eventData(action: string): JsonObject | null {
  if (action === 'committed') return { __typename: 'EventData', commit_id: '{{uuid}}' };
  if (action === 'delivery_attempted') return { __typename: 'EventData', attempt: 1, max_attempts: 3, retryable: true };
  if (action === 'undelivered' || action === 'bounced')
    return {
      __typename: 'EventData',
      failure_reason: action === 'bounced' ? 'bounced' : 'retries_exhausted',
      failure_details: 'The message could not be delivered to the provider.',
    };
  if (action === 'link_clicked') return { __typename: 'EventData', url: 'https://app.example.com/comments/42' };
  return null;
}

function data(resource: string, action: string): JsonObject {
  if (resource === 'message') return message(action);
  if (resource === 'workflow_recipient_run')
    return {
      __typename: 'WorkflowRecipientRun',
      id: '{{id::27}}',
      workflow: 'new-comment',
      recipient: 'user-{{int:1:9999}}',
      status: { started: 'processing', completed: 'completed', error: 'error' }[action] ?? action,
      inserted_at: '{{time:iso-ms}}',
      updated_at: '{{time:iso-ms}}',
    };
  const typename = resource
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return {
    __typename: typename,
    id: '{{uuid}}',
    key: `example-${resource.replace(/_/g, '-')}`,
    name: `Example ${resource.replace(/_/g, ' ')}`,
    environment: 'development',
    updated_at: '{{time:iso-ms}}',
    ...(action === 'committed' ? { sha: '{{hex:40}}' } : {}),
  };
}

export const knock: ProviderDefinition = {
  id: 'knock',
  name: 'Knock',
  kind: 'common-scheme',
  description: 'Knock outbound webhooks: x-knock-signature t=<unix ms>,s=<base64> over "<t>.<body>".',
  source: 'https://docs.knock.app/developer-tools/outbound-webhooks/overview',
  headers: [
    jsonContentType(),
    { name: 'x-knock-event', description: 'The event type (the body\'s "type").', value: { kind: 'event-type' } },
    {
      name: 'x-knock-environment-id',
      description: 'The environment the webhook belongs to.',
      value: { kind: 'static', value: '4f2b3a1c-8d6e-4b7a-9c0d-1e2f3a4b5c6d' },
    },
    signatureHeader('x-knock-signature', 't=<unix ms>,s=<base64 HMAC-SHA256 of "<t>.<body>">.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Knock t=<unix ms>,s=<base64> over "<t>.<body>"',
        header: 'x-knock-signature',
        format: { kind: 'kv', timestampKey: 't', signatureKey: 's' },
        digest: 'base64',
        signedContent: { template: '{timestamp}.{body}', bodyForms: ['raw'] },
        timestamp: { in: 'signature' },
        timestampUnit: 'ms',
        toleranceSeconds: 300,
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => {
    const [resource, action] = type.split('.');
    return {
      __typename: 'Event',
      type: '{{eventType}}',
      created_at: '{{time:iso-ms}}',
      data: data(resource, action),
      event_data: eventData(action),
    };
  }),
  envelope: {
    description:
      '{ __typename: "Event", type, created_at (ISO 8601), data: the entity, event_data (or null) }; no event id',
    requiredKeys: ['__typename', 'type', 'created_at', 'data'],
    timeField: { path: 'created_at', format: 'iso-ms' },
  },
  eventTypeLocations: [
    { in: 'header', name: 'x-knock-event' },
    { in: 'body', path: 'type' },
  ],
  detection: { headers: ['x-knock-signature', 'x-knock-event'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    // "A handful of times over a few hours"; the steps are not published.
    retryDelaysMs: [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 1 * HOUR, 2 * HOUR],
    afterFailure:
      'Given up after a few hours of retries. Knock never retries a 301, 302, 303, 400, 401, 402, 403, 404 or 405, and honours a well-formed Retry-After on a 429.',
  },
  notes: [
    'Scheme: https://docs.knock.app/developer-tools/outbound-webhooks/overview (verifying signatures) - x-knock-signature "t=<timestamp>,s=<signature>", the base64 HMAC-SHA256 of "<t>.<raw body>" keyed with the webhook\'s signing secret; t is in milliseconds. A 5-minute replay window is recommended.',
    'Not the Standard Webhooks scheme (no webhook-id, a single header, "s=" instead of "v1,"), so the standardwebhooks oracle does not apply. Knock publishes no verification library (@knocklabs/node verifies nothing inbound) and no test vector: this provider is proven by an independent node:crypto computation written from the documented recipe only (test/core/providers/oracles/knock.test.ts).',
    "Headers: x-knock-event (the body's type) and x-knock-environment-id (the same page); Hookscope sends a fixed example environment id.",
    'Events: https://docs.knock.app/developer-tools/outbound-webhooks/event-types. The envelope has no event id: deduplicate on type, the entity in data (data.id for messages) and created_at.',
    "Retries: the overview says Knock retries a failed delivery a handful of times over a few hours, without the steps, and never retries 301-303 or 400-405 (the sender cannot skip retries by status: it retries every failure). Hookscope's explicit ladder: 1 min, 5 min, 30 min, 1 h, 2 h. Timeout: not documented; the sender uses the visible 30 s default.",
  ],
};
