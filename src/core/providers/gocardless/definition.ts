import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';
import { GOCARDLESS_EVENTS, RESOURCE_LINKS } from './events';

export const GOCARDLESS_SIGNATURE_HEADER = 'Webhook-Signature';

/** Why the event happened: a bank's failure report for failures, GoCardless itself otherwise. */
function details(resource: string, action: string): JsonObject {
  const singular = RESOURCE_LINKS[resource].link;
  if (resource === 'payments' && action === 'failed')
    return {
      origin: 'bank',
      cause: 'insufficient_funds',
      description: "The customer's account had insufficient funds to make this payment.",
      scheme: 'bacs',
      reason_code: 'ARRUD-0',
      will_attempt_retry: false,
    };
  if (resource === 'mandates' && action === 'cancelled')
    return {
      origin: 'bank',
      cause: 'bank_account_closed',
      description: "The customer's bank account was closed.",
      scheme: 'bacs',
      reason_code: 'ADDACS-B',
    };
  return {
    origin: 'gocardless',
    cause: `${singular}_${action}`,
    description: `The ${singular.replace(/_/g, ' ')} event "${action.replace(/_/g, ' ')}".`,
  };
}

function links(resource: string): JsonObject {
  const own = RESOURCE_LINKS[resource];
  const out: JsonObject = { [own.link]: `${own.prefix}{{HEX:12}}` };
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
  source: 'https://developer.gocardless.com/getting-started/staying-up-to-date-with-webhooks',
  headers: [
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
  events: eventsFrom(GOCARDLESS_EVENTS, (type) => {
    const [resource, action] = type.split('.');
    return {
      id: 'EV{{HEX:12}}',
      created_at: '{{time:iso-ms}}',
      resource_type: resource,
      action,
      links: links(resource),
      details: details(resource, action),
      metadata: {},
      resource_metadata: {},
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
    "Scheme: https://developer.gocardless.com/getting-started/staying-up-to-date-with-webhooks - Webhook-Signature is the hex HMAC-SHA256 of the raw body with the webhook endpoint's secret. Proven against gocardless-nodejs 10.1.2's webhooks.parse / verifySignature, which throws InvalidSignatureError (test/core/providers/oracles/gocardless.test.ts). No timestamp is signed: GoCardless documents no replay window.",
    'Body: one POST carries a batch, {"events":[...]} (the same page; parseWithMeta also reads meta.webhook_id). Samples are one event, posted as a batch of one with meta.webhook_id derived from the event id (the same on every attempt); detection reads the first event (envelope.batchPath "events").',
    'Event type: two body fields, resource_type and action, shown as "<resource_type>.<action>" (payments.confirmed), read with eventTypeLocations actionPath.',
    "Events: the resource types of gocardless-nodejs's EventResourceType enum with the actions the API reference lists for each (https://developer.gocardless.com/api-reference#event-types). outbound_payments, payer_authorisations, payment_account_transactions, organisations and exports are left out: their actions were not read for this catalog. The details (origin, cause, description, scheme, reason_code) of the samples are illustrative: real causes vary per event.",
    'Retries: https://support.gocardless.com/hc/en-nz/articles/360000989989-Webhook-retries-failures - a webhook fails when no 2xx comes back within 10 seconds, on an authorisation failure, or on a redirect (not followed); it is retried up to 8 times "at increasing intervals e.g. 1 minute, 2 minutes, 10 minutes etc.". Only the first three steps are published; the sender then uses 30 min, 1, 2, 4 and 8 h (its own choice).',
  ],
};
