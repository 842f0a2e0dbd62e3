import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const OBJECTS = ['contact', 'company', 'deal', 'ticket', 'product', 'line_item'] as const;
const ACTIONS: Record<string, string> = {
  creation: 'was created',
  deletion: 'was deleted',
  propertyChange: 'had a subscribed property changed',
  merge: 'was merged with another',
  associationChange: 'gained or lost an association',
  restore: 'was restored from the recycle bin',
};

/** The subscription types of HubSpot's Webhooks API (https://developers.hubspot.com/docs/api/webhooks), by object. */
const EVENTS: Record<string, string> = {
  ...Object.fromEntries(
    OBJECTS.flatMap((object) =>
      Object.entries(ACTIONS)
        .filter(([action]) => !(object === 'product' && action === 'associationChange'))
        .map(([action, text]) => [`${object}.${action}`, `A ${object.replace('_', ' ')} ${text}.`]),
    ),
  ),
  'contact.privacyDeletion': 'A contact was deleted for privacy compliance (GDPR).',
  'conversation.creation': 'A conversation thread was created.',
  'conversation.deletion': 'A conversation thread was archived or deleted.',
  'conversation.privacyDeletion': 'A conversation thread was deleted for privacy compliance.',
  'conversation.propertyChange': "A conversation thread's property changed.",
  'conversation.newMessage': 'A message was added to a conversation thread.',
};

function sample(type: string): JsonObject {
  const [object, action] = type.split('.');
  const base: JsonObject = {
    eventId: '{{int:100000000:4000000000}}',
    subscriptionId: '{{int:100000:9999999}}',
    portalId: '{{int:1000000:99999999}}',
    appId: '{{int:100000:9999999}}',
    occurredAt: '{{time:unix-ms}}',
    subscriptionType: '{{eventType}}',
    attemptNumber: 0,
    objectId: '{{int:1000:99999999999}}',
    changeSource: 'CRM_UI',
  };
  if (action === 'propertyChange')
    return {
      ...base,
      propertyName: object === 'conversation' ? 'status' : 'lifecyclestage',
      propertyValue: object === 'conversation' ? 'CLOSED' : 'customer',
    };
  const flag = ({ creation: 'CREATED', deletion: 'DELETED', restore: 'RESTORED' } as Record<string, string>)[action];
  if (flag) return { ...base, changeFlag: flag };
  if (action === 'newMessage') return { ...base, messageId: '{{hex:32}}', messageType: 'MESSAGE' };
  return base;
}

export const hubspot: ProviderDefinition = {
  id: 'hubspot',
  name: 'HubSpot',
  kind: 'common-scheme',
  description:
    'HubSpot app webhooks (CRM object and conversation changes, batched in a JSON array), v3 signature: base64 HMAC-SHA256 of method + URI + body + timestamp.',
  source: 'https://developers.hubspot.com/docs/api/webhooks/validating-requests',
  headers: [
    jsonContentType(),
    signatureHeader(
      'X-HubSpot-Signature-v3',
      'Base64 HMAC-SHA256, keyed with the app secret, of method + full URI + raw body + X-HubSpot-Request-Timestamp.',
    ),
    { name: 'X-HubSpot-Request-Timestamp', description: 'Unix milliseconds, signed.', value: { kind: 'timestamp' } },
  ],
  signature: {
    defaultForm: 'v3',
    forms: [
      hmacForm({
        name: 'v3',
        label: 'HubSpot v3 base64 HMAC-SHA256 over method + URI + body + timestamp (ms)',
        header: 'X-HubSpot-Signature-v3',
        format: { kind: 'plain' },
        digest: 'base64',
        signedContent: { template: '{method}{url}{body}{timestamp}', bodyForms: ['raw'] },
        timestamp: { in: 'header', header: 'X-HubSpot-Request-Timestamp' },
        timestampUnit: 'ms',
        toleranceSeconds: 300,
      }),
    ],
  },
  events: eventsFrom(EVENTS, sample),
  envelope: {
    description:
      'A JSON array of up to 100 events, each { eventId, subscriptionId, portalId, appId, occurredAt (ms), subscriptionType, attemptNumber, objectId, changeSource, ... }; the sender sends one event per array.',
    requiredKeys: ['eventId', 'subscriptionId', 'portalId', 'occurredAt', 'subscriptionType', 'attemptNumber'],
    timeField: { path: 'occurredAt', format: 'unix-ms' },
    batched: true,
  },
  eventTypeLocations: [{ in: 'body', path: 'subscriptionType' }],
  detection: { headers: ['X-HubSpot-Signature-v3', 'X-HubSpot-Request-Timestamp'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 5 * SECOND,
    success: '2xx',
    retryDelaysMs: [1, 5, 15, 30, 60, 120, 180, 240, 300].map((m) => m * MINUTE).concat([16 * HOUR]),
    afterFailure: 'Dropped after the tenth attempt, about 24 hours after the first.',
  },
  notes: [
    "Scheme: https://developers.hubspot.com/docs/api/webhooks/validating-requests - X-HubSpot-Signature-v3 is the base64 HMAC-SHA256, keyed with the app's client secret, of the method, the full URI (https://host/path?query), the raw body and the X-HubSpot-Request-Timestamp value (unix ms), concatenated; a request more than 5 minutes old must be rejected. Proven both ways against @hubspot/api-client Signature.isValid / getSignature (signatureVersion v3).",
    'HubSpot also sends the older X-HubSpot-Signature (v1: SHA-256 of secret + body; v2 adds method and URI), plain hashes with the secret prefixed, not HMACs; only v3 is played and verified.',
    'The documentation asks to decode some percent-escapes of the URI before signing; Hookscope signs and checks the URI as sent (the library does the same).',
    'Batching: the body is a JSON array of up to 100 events (https://developers.hubspot.com/docs/api/webhooks); the sender sends one event per array, and detection reads its first element.',
    'Timeout 5 s; up to 10 attempts spread over 24 hours for connection failures, timeouts and 5xx (same page, "Retries"). HubSpot publishes no exact schedule: the ladder here (1, 5, 15, 30 min, 1, 2, 3, 4, 5 h, then 16 h) is a Hookscope choice spanning about 24 hours.',
    'Events: the subscription types of the Webhooks API page (contact, company, deal, ticket, product, line_item: creation, deletion, propertyChange, merge, associationChange, restore; contact.privacyDeletion; conversation.*).',
  ],
};
