import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

/** Sentry-Hook-Resource values; the change is in the body's `action`. */
const EVENTS: Record<string, string> = {
  installation: 'The integration was installed or uninstalled (action created | deleted).',
  event_alert: 'An issue alert rule fired and chose this integration as its action (action triggered).',
  issue: 'An issue was created or changed state (action created | resolved | assigned | archived | unresolved).',
  metric_alert: 'A metric alert changed severity (action critical | warning | resolved).',
  error: 'A new error event was processed (action created).',
  comment: 'A comment on an issue was created, updated or deleted.',
};

const ACTIONS: Record<string, string> = {
  installation: '{{pick:created|deleted}}',
  event_alert: 'triggered',
  issue: '{{pick:created|resolved|assigned|archived|unresolved}}',
  metric_alert: '{{pick:critical|warning|resolved}}',
  error: 'created',
  comment: '{{pick:created|updated|deleted}}',
};

const project = { id: '{{int:1:999999}}', name: 'front-end', slug: 'front-end', platform: 'javascript' };

const issue = {
  id: '{{int:1000000000:1999999999}}',
  shortId: 'FRONT-END-{{int:1:999}}',
  title: "TypeError: Cannot read properties of undefined (reading 'id')",
  culprit: 'checkout(app/cart)',
  level: 'error',
  status: 'unresolved',
  substatus: 'new',
  platform: 'javascript',
  firstSeen: '{{time:iso-ms}}',
  lastSeen: '{{time:iso-ms}}',
  count: '{{int:1:500}}',
  userCount: '{{int:1:50}}',
  project,
  metadata: { type: 'TypeError', value: "Cannot read properties of undefined (reading 'id')" },
};

function data(resource: string): JsonObject {
  if (resource === 'installation')
    return {
      installation: {
        uuid: '{{uuid}}',
        status: 'installed',
        organization: { slug: 'acme' },
        app: { uuid: '{{uuid}}', slug: 'hookscope-example' },
        code: '{{hex:32}}',
      },
    };
  if (resource === 'issue') return { issue };
  if (resource === 'error')
    return {
      error: {
        event_id: '{{hex:32}}',
        issue_id: '{{int:1000000000:1999999999}}',
        project: '{{int:1:999999}}',
        title: "TypeError: Cannot read properties of undefined (reading 'id')",
        level: 'error',
        platform: 'javascript',
        datetime: '{{time:iso-ms}}',
        url: 'https://sentry.io/api/0/projects/acme/front-end/events/{{hex:32}}/',
        web_url: 'https://sentry.io/organizations/acme/issues/{{int:1000000000:1999999999}}/events/{{hex:32}}/',
      },
    };
  if (resource === 'comment')
    return {
      comment_id: '{{int:1:999999}}',
      issue_id: '{{int:1000000000:1999999999}}',
      project_slug: 'front-end',
      timestamp: '{{time:iso-ms}}',
      comment: 'Looking into this now.',
    };
  if (resource === 'event_alert')
    return {
      event: {
        event_id: '{{hex:32}}',
        issue_id: '{{int:1000000000:1999999999}}',
        title: "TypeError: Cannot read properties of undefined (reading 'id')",
        level: 'error',
        datetime: '{{time:iso-ms}}',
      },
      triggered_rule: 'Send a notification for new issues',
    };
  return {
    metric_alert: {
      id: '{{int:1:99999}}',
      identifier: '{{int:1:99999}}',
      title: 'p95 transaction duration above 2 s',
      status: '{{int:0:2}}',
      date_started: '{{time:iso-ms}}',
      date_detected: '{{time:iso-ms}}',
      date_created: '{{time:iso-ms}}',
      projects: ['front-end'],
    },
    description_text: '2345 ms, above the 2000 ms critical threshold',
    description_title: 'Critical: p95 transaction duration above 2 s',
    web_url: 'https://sentry.io/organizations/acme/alerts/rules/details/{{int:1:99999}}/',
  };
}

export const sentry: ProviderDefinition = {
  id: 'sentry',
  name: 'Sentry',
  kind: 'common-scheme',
  description: 'Sentry integration-platform webhooks (issues, errors, alerts, comments), hex HMAC-SHA256 of the body.',
  source: 'https://docs.sentry.io/organization/integrations/integration-platform/webhooks/',
  headers: [
    jsonContentType(),
    { name: 'Request-ID', description: 'A unique id for the request (a UUID).', value: { kind: 'delivery-id' } },
    {
      name: 'Sentry-Hook-Resource',
      description: 'The resource (installation, issue, error...); the action is in the body.',
      value: { kind: 'event-type' },
    },
    {
      name: 'Sentry-Hook-Timestamp',
      description: 'Unix seconds of the request (not part of the signature).',
      value: { kind: 'timestamp' },
    },
    signatureHeader(
      'Sentry-Hook-Signature',
      "Hex HMAC-SHA256 of the JSON body, keyed with the integration's client secret.",
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Sentry hex HMAC-SHA256 of the body',
        header: 'Sentry-Hook-Signature',
        format: { kind: 'plain' },
        digest: 'hex',
        signedContent: { template: '{body}', bodyForms: ['raw', 're-serialized'] },
      }),
    ],
  },
  events: eventsFrom(EVENTS, (resource) => ({
    action: ACTIONS[resource],
    installation: { uuid: '{{uuid}}' },
    data: data(resource),
    actor: { type: 'application', id: 'sentry', name: 'Sentry' },
  })),
  envelope: {
    description: '{ action, installation: { uuid }, data: { <resource>: ... }, actor }',
    requiredKeys: ['action', 'installation', 'data', 'actor'],
  },
  eventTypeLocations: [{ in: 'header', name: 'Sentry-Hook-Resource' }],
  detection: { headers: ['Sentry-Hook-Signature', 'Sentry-Hook-Resource'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 5 * SECOND,
    success: '2xx',
    retryDelaysMs: [5 * MINUTE, 5 * MINUTE, 5 * MINUTE],
    afterFailure:
      'Dropped after the third retry. A 4xx answer is not retried. An integration whose webhooks keep failing can be marked broken and disabled.',
  },
  notes: [
    "Scheme: https://docs.sentry.io/organization/integrations/integration-platform/webhooks/ (Verifying the Signature) - Sentry-Hook-Signature is the hex HMAC-SHA256 of the JSON body, keyed with the integration's client secret as text. The documented handler hashes JSON.stringify(request.body), so Hookscope accepts the raw body and its re-serialized form, and says which one matched: Sentry writes non-ASCII characters as \\uXXXX escapes, which JSON.stringify does not reproduce, so that handler rejects such a body while a raw-body handler accepts it.",
    'Sentry-Hook-Timestamp is not part of the signature; Hookscope checks no window.',
    'Proven by the documented recipe only: Sentry publishes no npm library with a verify function (its @sentry/* packages report errors) and no test vector; test/core/providers/oracles/sentry-vercel.test.ts checks both directions against an independent node:crypto computation of that recipe.',
    'The event type is the Sentry-Hook-Resource header (installation, event_alert, issue, metric_alert, error, comment), as on the page above; the change is in the body\'s "action", which samples pick among the documented ones (e.g. https://docs.sentry.io/organization/integrations/integration-platform/webhooks/issues/). Payloads abridged.',
    "Timeout and retries come from Sentry's source (getsentry/sentry): WEBHOOK_TIMEOUT = 5 s in src/sentry/utils/sentry_apps/webhooks.py, and the webhook task retries 3 times, 5 minutes apart (max_retries 3, default_retry_delay 5 min in src/sentry/tasks/sentry_apps.py) on timeouts, connection errors and 5xx; a 4xx is not retried.",
  ],
};
