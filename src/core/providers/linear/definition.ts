import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const EVENTS: Record<string, string> = {
  Issue: 'An issue was created, updated or removed (action create | update | remove).',
  Comment: 'A comment was created, updated or removed.',
  IssueLabel: 'An issue label changed.',
  Reaction: 'An emoji reaction changed.',
  Project: 'A project changed.',
  ProjectUpdate: 'A project update was posted or changed.',
  Cycle: 'A cycle changed.',
  Document: 'A document changed.',
  Initiative: 'An initiative changed.',
  Attachment: 'An issue attachment changed.',
  Customer: 'A customer changed.',
  CustomerNeed: 'A customer request changed.',
  User: 'A user changed.',
  IssueSLA: "An issue's SLA was set, is at high risk, or was breached.",
  OAuthApp: 'The OAuth app was revoked.',
};

function data(type: string): JsonObject {
  const common = { id: '{{uuid}}', createdAt: '{{time:iso-ms}}', updatedAt: '{{time:iso-ms}}' };
  if (type === 'Issue')
    return {
      ...common,
      number: '{{int:1:999}}',
      identifier: 'ENG-{{int:1:999}}',
      title: 'Checkout fails on Safari',
      priority: '{{int:0:4}}',
      teamId: '{{uuid}}',
      stateId: '{{uuid}}',
      labelIds: [],
    };
  if (type === 'Comment') return { ...common, body: 'Reproduced on 17.4.', issueId: '{{uuid}}', userId: '{{uuid}}' };
  return { ...common, name: `Example ${type}` };
}

export const linear: ProviderDefinition = {
  id: 'linear',
  name: 'Linear',
  kind: 'common-scheme',
  description: 'Linear data-change webhooks (issues, comments, projects...), HMAC-SHA256 hex of the body.',
  source: 'https://linear.app/developers/webhooks',
  headers: [
    jsonContentType('application/json; charset=utf-8'),
    { name: 'Linear-Delivery', description: 'Delivery id (a UUID).', value: { kind: 'delivery-id' } },
    { name: 'Linear-Event', description: 'The entity type (Issue, Comment...).', value: { kind: 'event-type' } },
    signatureHeader('Linear-Signature', 'Hex HMAC-SHA256 of the raw body.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Linear hex HMAC-SHA256 of the body',
        header: 'Linear-Signature',
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    action: 'create',
    type: '{{eventType}}',
    actor: { id: '{{uuid}}', type: 'user', name: 'Ada Lovelace' },
    createdAt: '{{time:iso-ms}}',
    data: data(type),
    url: 'https://linear.app/acme/issue/ENG-1',
    organizationId: '{{uuid}}',
    webhookTimestamp: '{{time:unix-ms}}',
    webhookId: '{{uuid}}',
  })),
  envelope: {
    description:
      '{ action, type, actor, createdAt, data, url, organizationId, webhookTimestamp (unix ms, signed), webhookId }',
    requiredKeys: ['action', 'type', 'data', 'organizationId', 'webhookTimestamp', 'webhookId'],
    timeField: { path: 'webhookTimestamp', format: 'unix-ms' },
  },
  eventTypeLocations: [
    { in: 'header', name: 'Linear-Event' },
    { in: 'body', path: 'type' },
  ],
  detection: { headers: ['Linear-Signature', 'Linear-Delivery'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 5 * SECOND,
    success: '2xx',
    retryDelaysMs: [1 * MINUTE, 1 * HOUR, 6 * HOUR],
    afterFailure: 'Dropped after the third retry; a webhook that keeps failing may be disabled.',
  },
  notes: [
    "Scheme: https://linear.app/developers/webhooks (Securing webhooks) - Linear-Signature is the hex HMAC-SHA256 of the raw body with the webhook's signing secret. Proven against @linear/sdk's LinearWebhookClient.verify.",
    "Replay protection lives in the body: webhookTimestamp (unix ms) is signed, and LinearWebhookClient rejects one more than 60 s from its clock. Hookscope keeps one body per delivery, so a retry carries the first attempt's webhookTimestamp and the SDK refuses retries that come over a minute later; Hookscope's verifier checks the signature only.",
    'Retries: "three times, after 1 minute, 1 hour and 6 hours"; a handler must answer within 5 s (the same page).',
    'The event type is the entity ("Issue"), with the change in "action" (create, update, remove); samples use create.',
  ],
};
