import type { ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const HEADER = 'X-Webhook-Signature';

export const lrdefender: ProviderDefinition = {
  id: 'lrdefender',
  name: 'LRDefender',
  kind: 'documented',
  description: 'Device identification, bot and fraud signals, sent as HMAC-signed JSON.',
  source: 'seeds/000_6dfd08d586f6c8f8.txt',
  headers: [
    jsonContentType(),
    signatureHeader(HEADER, 'HMAC-SHA256 of the raw body: plain <hex>, or t=<unix>,v1=<hex> over "<t>.<body>".'),
  ],
  signature: {
    defaultForm: 'timestamped',
    forms: [
      hmacForm({
        name: 'timestamped',
        label: 'LRDefender t=<unix>,v1=<hex> over "<t>.<body>"',
        header: HEADER,
        format: { kind: 'kv', timestampKey: 't', signatureKey: 'v1' },
        digest: 'hex',
        signedContent: { template: '{timestamp}.{body}', bodyForms: ['raw'] },
        timestamp: { in: 'signature' },
        toleranceSeconds: 300,
      }),
      hmacForm({
        name: 'plain',
        label: 'LRDefender plain <hex> over the raw body',
        header: HEADER,
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: [
    { type: 'device.identified', description: 'A device was identified (known or new).' },
    { type: 'device.new', description: 'A device was seen for the first time.' },
    { type: 'device.updated', description: "A known device's attributes changed." },
    { type: 'bot.detected', description: 'A request was classified as coming from a bot.' },
    { type: 'anomaly.detected', description: 'Unusual behaviour was detected for a device.' },
    { type: 'fraud.high_risk', description: 'A device or session was scored high risk.' },
    { type: 'compliance.consent_given', description: 'A visitor gave tracking consent.' },
    { type: 'compliance.deletion_requested', description: 'A visitor asked for their data to be deleted.' },
    { type: 'experiment.completed', description: 'An experiment finished and has results.' },
    { type: 'tenant.limit_exceeded', description: 'The tenant exceeded a plan limit.' },
  ],
  subscriptionWildcard: '*',
  envelope: {
    description: '{ type, webhookId, timestamp (ISO 8601 with milliseconds), data }',
    requiredKeys: ['type', 'webhookId', 'timestamp', 'data'],
    timeField: { path: 'timestamp', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: [HEADER], headersAreGeneric: true },
  ids: {
    conventions: [
      { field: 'webhookId', prefix: 'wh_', description: 'The webhook subscription that triggered the delivery.' },
      {
        field: 'data.deviceId',
        pattern: '^[0-9a-f]{24}$',
        description: 'Device id: 24 hex characters, as in the documented payload.',
      },
    ],
    delivery: { generate: { style: 'prefixed', prefix: 'dlv_' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 30 * SECOND,
    success: '2xx',
    retryDelaysMs: [1 * SECOND, 5 * SECOND, 15 * SECOND, 60 * SECOND, 5 * MINUTE],
    afterFailure:
      'Marked failed and visible in the dashboard delivery log; retried manually with POST /api/tenant/webhooks/:id/retry.',
  },
  notes: [
    'The document lists five delays "(5 attempts)": read as five retries after the first attempt, six attempts in all.',
    'Secrets look like whsec_...; the whole string is the HMAC key as UTF-8 (no base64 decoding, unlike Standard Webhooks).',
    'Both signature forms share X-Webhook-Signature; the verifier accepts both and checks the 300 s tolerance only on the timestamped form (the Node SDK example passes tolerance: 300). The simulator sends the timestamped form unless told otherwise.',
    'X-Webhook-Signature is a generic name, so a request is recognised as LRDefender only when its body also has the {type, webhookId, timestamp, data} envelope.',
    "Only bot.detected has a documented data shape ({deviceId, botScore, isBot}); the other events' data fields are illustrative.",
    'Every example verifies through an SDK whose comparison is not shown, so verdicts describe a strict comparison and claim nothing about what the examples would accept; only the Node example passes a tolerance (300 s).',
    'timestamp, and every time in data, is the moment the delivery is created (the instant its first attempt signs) and does not change on retries.',
    'webhookId names the webhook subscription, not the event: one per simulated webhook (provider + target URL), made on the first send and reused by every later send to that URL (send --webhook-id sets it).',
    'Handler check: the signature scenarios run in both forms (timestamped, then plain); the plain form signs no timestamp, so a retry in it repeats the bytes and a replay cannot be refused by time.',
  ],
};
