import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const EVENTS: Record<string, string> = {
  'incident.acknowledged': 'An incident was acknowledged.',
  'incident.annotated': 'A note was added to an incident.',
  'incident.delegated': 'An incident was reassigned to another escalation policy.',
  'incident.escalated': 'An incident was escalated to another user in the same escalation level.',
  'incident.priority_updated': "An incident's priority changed.",
  'incident.reassigned': 'An incident was reassigned to another user.',
  'incident.reopened': 'An incident was reopened.',
  'incident.resolved': 'An incident was resolved.',
  'incident.responder.added': 'A responder was added to an incident.',
  'incident.responder.replied': 'A responder replied to a request.',
  'incident.status_update_published': 'A status update was added to an incident.',
  'incident.triggered': 'An incident was newly created (triggered).',
  'incident.unacknowledged': 'An incident was unacknowledged.',
  'service.created': 'A service was created.',
  'service.deleted': 'A service was deleted.',
  'service.updated': 'A service was updated.',
};

function ref(type: string, path: string, summary: string): JsonObject {
  const id = `{{id:P:6}}`;
  return {
    html_url: `https://acme.pagerduty.com/${path}/${id}`,
    id,
    self: `https://api.pagerduty.com/${path}/${id}`,
    summary,
    type,
  };
}

const STATUS: Record<string, string> = {
  acknowledged: 'acknowledged',
  resolved: 'resolved',
  triggered: 'triggered',
  reopened: 'triggered',
  unacknowledged: 'triggered',
};

function data(type: string): JsonObject {
  const incidentRef = ref('incident_reference', 'incidents', 'Checkout latency above 2 s');
  if (type === 'incident.annotated')
    return {
      incident: incidentRef,
      id: '{{id:P:6}}',
      content: 'Rolled back the last deploy; watching.',
      trimmed: false,
      type: 'incident_note',
    };
  if (type === 'incident.status_update_published')
    return {
      incident: incidentRef,
      id: '{{id:P:6}}',
      message: 'A fix is being deployed.',
      trimmed: false,
      type: 'incident_status_update',
    };
  if (type.startsWith('incident.responder.'))
    return {
      incident: incidentRef,
      user: ref('user_reference', 'users', 'Ada Lovelace'),
      escalation_policy: ref('escalation_policy_reference', 'escalation_policies', 'Default'),
      message: 'Please help with the checkout incident',
      state: type === 'incident.responder.added' ? 'pending' : 'joined',
      type: 'incident_responder',
    };
  if (type.startsWith('service.'))
    return {
      ...ref('service', 'services', 'Checkout API'),
      alert_creation: 'create_alerts_and_incidents',
      teams: [ref('team_reference', 'teams', 'Engineering')],
    };
  const change = type.slice('incident.'.length);
  return {
    id: '{{id:Q:13}}',
    type: 'incident',
    self: 'https://api.pagerduty.com/incidents/{{id:Q:13}}',
    html_url: 'https://acme.pagerduty.com/incidents/{{id:Q:13}}',
    number: '{{int:1:9999}}',
    status: STATUS[change] ?? 'triggered',
    incident_key: '{{hex:32}}',
    created_at: '{{time:iso-s}}',
    title: 'Checkout latency above 2 s',
    service: ref('service_reference', 'services', 'Checkout API'),
    assignees: [ref('user_reference', 'users', 'Ada Lovelace')],
    escalation_policy: ref('escalation_policy_reference', 'escalation_policies', 'Default'),
    teams: [ref('team_reference', 'teams', 'Engineering')],
    priority: ref('priority_reference', 'priorities', 'P1'),
    urgency: 'high',
    conference_bridge: null,
    resolve_reason: null,
  };
}

export const pagerduty: ProviderDefinition = {
  id: 'pagerduty',
  name: 'PagerDuty',
  kind: 'common-scheme',
  description: 'PagerDuty v3 webhook subscriptions (incidents, services), X-PagerDuty-Signature v1=<hex>[,v1=<hex>].',
  source: 'https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/01-Overview.md',
  headers: [
    jsonContentType('application/json; charset=utf-8'),
    {
      name: 'User-Agent',
      description: 'PagerDuty v3 webhooks.',
      value: { kind: 'static', value: 'PagerDuty-Webhook/V3.0' },
    },
    {
      name: 'X-Webhook-Id',
      description: 'Unique per webhook, the same on every delivery attempt.',
      value: { kind: 'delivery-id' },
    },
    {
      name: 'X-Webhook-Subscription',
      description: 'The webhook subscription id.',
      value: { kind: 'static', value: 'PY1OL64' },
    },
    signatureHeader(
      'X-PagerDuty-Signature',
      'v1=<hex HMAC-SHA256 of the body>, one per active secret, comma-separated (several during a rotation).',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'PagerDuty v1=<hex> HMAC-SHA256 of the body',
        header: 'X-PagerDuty-Signature',
        format: { kind: 'prefixed', prefix: 'v1=' },
        digest: 'hex',
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    event: {
      id: '{{id:01:24}}',
      event_type: '{{eventType}}',
      resource_type: type.split('.')[0],
      occurred_at: '{{time:iso-ms}}',
      agent: type.startsWith('service.') ? null : ref('user_reference', 'users', 'Ada Lovelace'),
      client: type.startsWith('service.') ? null : { name: 'PagerDuty' },
      data: data(type),
    },
  })),
  envelope: {
    description:
      '{ event: { id, event_type, resource_type, occurred_at, agent, client, data } } (one event per webhook)',
    requiredKeys: ['event'],
    timeField: { path: 'event.occurred_at', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event.event_type' }],
  detection: { headers: ['X-PagerDuty-Signature', 'X-Webhook-Subscription'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false, maxPayloadBytes: 256 * 1024 },
  delivery: {
    timeoutMs: 5 * SECOND,
    success: '2xx',
    retryDelaysMs: [75 * SECOND, 150 * SECOND, 5 * MINUTE, 10 * MINUTE],
    afterFailure:
      'Dropped after the 5th attempt (a 4xx other than 429, or a TLS error, is dropped at once). After 3 consecutive dropped webhooks the subscription is disabled for 24 hours and its queue dropped.',
  },
  notes: [
    'Scheme: https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/04-Signatures.md (Verifying Signatures) - X-PagerDuty-Signature holds "v1=<hex HMAC-SHA256 of the raw body>", keyed with the subscription secret as text, one per active secret, comma-separated with no spaces during a zero-downtime rotation; a handler accepts the request when any v1 entry matches. Hookscope checks every entry and says which one matched.',
    "Proven against the vector of PagerDuty's own library: go-pagerduty's webhookv3 tests (https://github.com/PagerDuty/go-pagerduty/blob/master/webhookv3/webhookv3_test.go) publish a secret, a body and its signature (PagerDuty has no npm library with a verify function; its Go library is the official verifier), plus an independent node:crypto computation of the documented recipe, both directions (test/core/providers/oracles/pagerduty.test.ts).",
    'Retries and timeout: https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/02-Behavior.md - a 2xx within 5 s; no answer, a timeout, a 5xx, a 429, a refused connection or a DNS error is retried up to 4 times (5 attempts) with exponential backoff over about 20 minutes. The steps are not published one by one: here 75 s, 150 s, 5 min and 10 min. At-least-once: X-Webhook-Id is the same on every attempt. Payloads over 256 KB are dropped.',
    'Events: the v3 event types of https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/01-Overview.md (Event Types), grouped by resource (incident.*, service.*), with the event.data object each names. Payloads abridged.',
  ],
};
