import type { ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

/** The actions an Asana event reports (https://developers.asana.com/docs/webhooks-guide, Event types). */
const ACTIONS: Record<string, string> = {
  changed: 'A field of a resource changed (change.field names it): a task renamed, completed, reassigned...',
  added: 'A resource was added to a parent: a task to a project, a story (comment) to a task.',
  removed: 'A resource was removed from a parent.',
  deleted: 'A resource was deleted.',
  undeleted: 'A deleted resource was restored.',
};

export const asana: ProviderDefinition = {
  id: 'asana',
  name: 'Asana',
  kind: 'common-scheme',
  description:
    'Asana webhooks: an X-Hook-Secret handshake the handler echoes, then event batches signed with X-Hook-Signature (hex HMAC-SHA256 of the body).',
  source: 'https://developers.asana.com/docs/webhooks-guide',
  headers: [
    jsonContentType(),
    signatureHeader('X-Hook-Signature', 'Hex HMAC-SHA256 of the raw body with the X-Hook-Secret.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: "Asana hex HMAC-SHA256 of the body, keyed with the handshake's X-Hook-Secret",
        header: 'X-Hook-Signature',
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: [
    {
      type: 'handshake',
      description:
        'The handshake when a webhook is created: an empty POST with X-Hook-Secret, which the handler echoes in its answer (and keeps: it signs every later event).',
      sample: {},
      handshake: {
        request: {
          method: 'POST',
          query: {},
          headers: [{ name: 'X-Hook-Secret', value: { from: 'secret' } }],
          body: 'none',
          signed: false,
        },
        answer: {
          status: [200, 204],
          anyOf: [[{ in: 'header', name: 'X-Hook-Secret', value: { from: 'secret' }, match: 'exact' }]],
          advisory: [],
          afterFailure: 'The webhook is not created: the POST /webhooks request that asked for it fails with an error.',
          summary: 'status 200 or 204 with the same X-Hook-Secret header as the request',
        },
      },
    },
    ...Object.entries(ACTIONS).map(([action, description]) => ({
      type: action,
      description,
      sample: {
        events: [
          {
            user: { gid: '{{int:1000000000000000:1999999999999999}}', resource_type: 'user' },
            created_at: '{{time:iso-ms}}',
            action: '{{eventType}}',
            resource: {
              gid: '{{int:1000000000000000:1999999999999999}}',
              resource_type: action === 'added' ? 'story' : 'task',
              resource_subtype: action === 'added' ? 'comment_added' : 'default_task',
            },
            parent:
              action === 'added' || action === 'removed'
                ? { gid: '{{int:1000000000000000:1999999999999999}}', resource_type: 'task' }
                : null,
            ...(action === 'changed' ? { change: { field: 'completed', action: 'changed' } } : {}),
          },
        ],
      },
    })),
  ],
  envelope: {
    description: '{ events: [ { user, created_at, action, resource { gid, resource_type }, parent, change? } ] }',
    requiredKeys: ['events'],
  },
  eventTypeLocations: [{ in: 'body', path: 'events[0].action' }],
  detection: { headers: ['X-Hook-Signature', 'X-Hook-Secret'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 10 * SECOND,
    success: '2xx',
    retryDelaysMs: [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, 1 * HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 8 * HOUR],
    afterFailure: 'Dropped after about 24 hours of retries.',
  },
  notes: [
    "Handshake: https://developers.asana.com/reference/createwebhook - creating a webhook makes Asana POST to the target with an X-Hook-Secret header; the target must answer 200 OK or 204 No Content with a matching X-Hook-Secret header, while the creating request is still in flight, else the webhook is not created. Hookscope sends the webhook's secret as X-Hook-Secret, with an empty body and no signature.",
    'Scheme: https://developers.asana.com/docs/webhooks-guide (Security) - each later event carries X-Hook-Signature, the hex HMAC-SHA256 of the raw body keyed with that X-Hook-Secret.',
    'Timeout and retries: the same guide - a delivery not answered with a success within 10 seconds is resent "for up to 24 hours"; the schedule is not documented, so Hookscope spreads 9 retries over about 24 hours (1, 5, 15, 30 minutes, then 1, 2, 4, 8, 8 hours).',
    "A body carries a batch of events; the event type here is the first one's action (changed, added, removed, deleted, undeleted), and resource.resource_type names what it happened to.",
    'Proven by the documented recipe only (Asana publishes no verification function in its npm library and no test vector): test/core/providers/oracles/handshake-providers.test.ts computes the signature with node:crypto.',
  ],
};
