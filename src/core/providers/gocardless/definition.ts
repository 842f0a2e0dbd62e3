import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';
import { GOCARDLESS_EVENTS, RESOURCE_LINKS } from './events';

export const GOCARDLESS_SIGNATURE_HEADER = 'Webhook-Signature';

/** Why the event happened: the origin and cause GoCardless documents for the event (a bank's report names its scheme and code). */
function details(type: string): JsonObject {
  const event = GOCARDLESS_EVENTS[type];
  const out: JsonObject = { origin: event.origin, cause: event.cause, description: event.description };
  if (event.scheme) out.scheme = event.scheme;
  if (event.reasonCode) out.reason_code = event.reasonCode;
  if (type === 'payments.failed') out.will_attempt_retry = false;
  return out;
}

/** The resource's own id (exports carry none) and the mandate or payment behind it. */
function links(resource: string): JsonObject {
  const own = RESOURCE_LINKS[resource];
  const out: JsonObject = own ? { [own.link]: `${own.prefix}{{HEX:12}}` } : {};
  if (resource === 'payments' || resource === 'subscriptions' || resource === 'instalment_schedules')
    out.mandate = 'MD{{HEX:12}}';
  if (resource === 'refunds') out.payment = 'PM{{HEX:12}}';
  if (resource === 'billing_requests') out.customer = 'CU{{HEX:12}}';
  return out;
}

export const gocardless: ProviderDefinition = {
  id: 'gocardless',
  name: 'GoCardless',
  kind: 'common-scheme',
  description:
    'GoCardless webhooks (payments, mandates, payouts...), a batch {"events":[...]} signed with a hex HMAC-SHA256 of the body in Webhook-Signature.',
  source: 'https://developer.gocardless.com/getting-started/api/staying-up-to-date-with-webhooks',
  headers: [
    {
      name: 'Origin',
      description:
        'The GoCardless environment: https://api.gocardless.com (live) or https://api-sandbox.gocardless.com.',
      value: { kind: 'static', value: 'https://api.gocardless.com' },
    },
    {
      name: 'User-Agent',
      description: "GoCardless's webhook sender.",
      value: { kind: 'static', value: 'gocardless-webhook-service/1.1' },
    },
    jsonContentType(),
    signatureHeader(GOCARDLESS_SIGNATURE_HEADER, "Hex HMAC-SHA256 of the raw body with the endpoint's secret."),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'GoCardless hex HMAC-SHA256 of the body',
        header: GOCARDLESS_SIGNATURE_HEADER,
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: Object.entries(GOCARDLESS_EVENTS).map(([type, event]) => {
    const [resource, action] = type.split('.');
    return {
      type,
      description: event.description,
      sample: {
        id: 'EV{{HEX:12}}',
        created_at: '{{time:iso-ms}}',
        resource_type: resource,
        action,
        links: links(resource),
        details: details(type),
        metadata: {},
        resource_metadata: {},
      },
    };
  }),
  envelope: {
    description:
      'The body is { "events": [event, ...], "meta": { "webhook_id" } }, each event { id (EV...), created_at, resource_type, action, links, details, metadata, resource_metadata }; samples are one event, posted as a batch of one.',
    requiredKeys: ['id', 'created_at', 'resource_type', 'action', 'links', 'details'],
    timeField: { path: 'created_at', format: 'iso-ms' },
    batchPath: 'events',
  },
  eventTypeLocations: [{ in: 'body', path: 'resource_type', actionPath: 'action' }],
  // "Webhook-Signature" is also Standard Webhooks' webhook-signature: it counts only with GoCardless's envelope.
  detection: { headers: [GOCARDLESS_SIGNATURE_HEADER], headersAreGeneric: true },
  ids: {
    conventions: [
      { field: 'id', prefix: 'EV', pattern: '^EV[0-9A-Z]+$', description: 'Event id: a handler deduplicates by it.' },
    ],
    delivery: { generate: { style: 'prefixed', prefix: 'WB' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 10 * SECOND,
    success: '2xx',
    retryDelaysMs: [1 * MINUTE, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, 1 * HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR],
    afterFailure: 'Marked failed in the dashboard, where it can be retried by hand.',
  },
  notes: [
    "Headers: the same page's example request (User-Agent gocardless-webhook-service/1.1, Content-Type application/json, Webhook-Signature) and the API reference's webhooks section (https://developer.gocardless.com/api-reference#appendix-webhooks): an Origin header names the environment, https://api.gocardless.com live or https://api-sandbox.gocardless.com in the sandbox (the sender plays live). A handler must answer a webhook whose signature is wrong with 498 Token Invalid, and one about an event it does not know with 204; HTTPS is required outside the sandbox.",
    "Scheme: https://developer.gocardless.com/getting-started/api/staying-up-to-date-with-webhooks - Webhook-Signature is the hex HMAC-SHA256 of the raw body with the webhook endpoint's secret. Proven against gocardless-nodejs 10.1.2's webhooks.parse / verifySignature, which throws InvalidSignatureError (test/core/providers/oracles/gocardless.test.ts). No timestamp is signed: GoCardless documents no replay window.",
    'Body: one POST carries a batch, {"events":[...]} (the same page; parseWithMeta also reads meta.webhook_id). Samples are one event, posted as a batch of one with meta.webhook_id derived from the event id (the same on every attempt); detection reads the first event (envelope.batchPath "events").',
    'Event type: two body fields, resource_type and action, shown as "<resource_type>.<action>" (payments.confirmed), read with eventTypeLocations actionPath.',
    "Events: every action the API reference's Event Actions tables list (https://developer.gocardless.com/api-reference#event-actions) for the resource types of gocardless-nodejs's EventResourceType enum, read from karoo-ca/gocardless-events' schema.json (a cleaned copy of those tables): payments, mandates, payouts, refunds, subscriptions, instalment_schedules, creditors, billing_requests, scheme_identifiers, payer_authorisations and exports. customers, organisations, outbound_payments and payment_account_transactions are in the enum but no action is listed for them there: left out. Each sample's details carry the origin and cause of the first row the table lists for its event (a bank's report: its scheme and first reason code); the description is Hookscope's own words, as are the event descriptions.",
    'Retries: https://support.gocardless.com/hc/en-nz/articles/360000989989-Webhook-retries-failures - a webhook fails when no 2xx comes back within 10 seconds, on an authorisation failure, or on a redirect (not followed); it is retried up to 8 times "at increasing intervals e.g. 1 minute, 2 minutes, 10 minutes etc.". Only the first three steps are published; the sender then uses 30 min, 1, 2, 4 and 8 h (its own choice).',
  ],
};
