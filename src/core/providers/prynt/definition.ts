import type { ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const SIGNATURE = 'X-Prynt-Signature';
const TIMESTAMP = 'X-Prynt-Timestamp';

export const prynt: ProviderDefinition = {
  id: 'prynt',
  name: 'Prynt',
  kind: 'documented',
  description: 'Visitor identification, rules-engine verdicts, signals, lists and alerts.',
  source: 'seeds/004_8c054bf253a6fd2a.txt',
  headers: [
    jsonContentType(),
    signatureHeader(SIGNATURE, 'sha256=<hex>, HMAC-SHA256 of "<timestamp>.<raw body>".'),
    { name: 'X-Prynt-Event', description: 'The event type.', value: { kind: 'event-type' } },
    { name: 'X-Prynt-Delivery', description: 'The eventId; the same on every retry.', value: { kind: 'delivery-id' } },
    {
      name: TIMESTAMP,
      description: 'Unix seconds when this attempt was signed; new on every retry.',
      value: { kind: 'timestamp' },
    },
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Prynt sha256=<hex> over "<timestamp>.<body>"',
        header: SIGNATURE,
        format: { kind: 'prefixed', prefix: 'sha256=' },
        digest: 'hex',
        signedContent: { template: '{timestamp}.{body}', bodyForms: ['raw'] },
        timestamp: { in: 'header', header: TIMESTAMP },
        toleranceSeconds: 300,
      }),
    ],
  },
  events: [
    {
      type: 'identification.complete',
      description: 'A visitor was identified; the full identification result with Smart Signals.',
    },
    { type: 'verdict.allow', description: 'The rules engine let the visitor through; full identification context.' },
    {
      type: 'verdict.block',
      description: 'The rules engine blocked the visitor; the triggering rule and the identification context.',
    },
    {
      type: 'verdict.challenge',
      description: 'The rules engine wants a challenge (MFA, CAPTCHA); the challenge type and the triggering rule.',
    },
    { type: 'rule.matched', description: 'A rule matched, whatever the verdict.' },
    { type: 'visitor.new', description: 'A visitor was seen for the first time.' },
    {
      type: 'visitor.returning',
      description: 'A known visitor returned; first seen date, visit count, previous verdicts.',
    },
    { type: 'signal.bot.detected', description: 'The bot signal fired; bot type, detection method, confidence.' },
    { type: 'list.entry.added', description: 'An entry was added to a list; list id, value, source.' },
    { type: 'list.entry.expired', description: 'A list entry expired by TTL; list id, value, original TTL.' },
    {
      type: 'alert.triggered',
      description: 'An alert threshold was exceeded; the alert definition and current metric values.',
    },
  ],
  subscriptionWildcard: '*',
  envelope: {
    description:
      '{ webhookId, eventId, eventType, apiVersion, createdAt (ISO 8601 UTC, milliseconds), idempotencyKey, data }',
    requiredKeys: ['webhookId', 'eventId', 'eventType', 'apiVersion', 'createdAt', 'idempotencyKey', 'data'],
    timeField: { path: 'createdAt', format: 'iso-ms' },
  },
  eventTypeLocations: [
    { in: 'header', name: 'X-Prynt-Event' },
    { in: 'body', path: 'eventType' },
  ],
  detection: { headers: [SIGNATURE, 'X-Prynt-Event', 'X-Prynt-Delivery', TIMESTAMP], headersAreGeneric: false },
  ids: {
    conventions: [
      { field: 'webhookId', prefix: 'wh_', description: 'Webhook subscription id.' },
      { field: 'eventId', prefix: 'evt_', description: 'Event id; also sent as X-Prynt-Delivery.' },
      { field: 'idempotencyKey', prefix: 'idk_', description: 'Stable across retries of the same event.' },
      {
        field: 'data.requestId',
        pattern: '^req_\\d+_[0-9a-f]{6}$',
        description: 'Identification request id: req_<unix seconds>_<6 hex>.',
      },
      { field: 'data.visitorId', prefix: 'pv_', description: 'Prynt visitor id.' },
    ],
    delivery: { fromPayload: 'eventId', generate: { style: 'prefixed', prefix: 'evt_' } },
  },
  limits: { maxPayloadBytes: 256 * 1024, httpsRequired: true },
  delivery: {
    timeoutMs: 10 * SECOND,
    success: '2xx',
    retryDelaysMs: [5 * MINUTE, 30 * MINUTE],
    afterFailure:
      'Marked failed; retried manually from the Dashboard. The webhook is disabled (with an email) after 24 hours of consecutive failures.',
    disableAfterFailingMs: 24 * HOUR,
  },
  notes: [
    'Every retry carries the same body (eventId, idempotencyKey unchanged) with a new X-Prynt-Timestamp and a new signature.',
    'The verification example rejects when |now - timestamp| > 300 s, so timestamps in the future beyond 5 minutes are rejected too.',
    'The documented headers example (X-Prynt-Timestamp: 1707832922, requestId req_1707832921_...) dates from February 2024 while createdAt says 2026-02-14: the examples disagree; the simulator uses the real signing time.',
    'Endpoints must be HTTPS with a valid certificate; the simulator warns on plain http but still sends (local targets are http).',
    'Payloads are at most 256 KB.',
    'createdAt, and every time in data, is the moment the delivery is created (the instant its first attempt signs) and does not change on retries; lastSeenAt is that moment and firstSeenAt is earlier (the same for a first visit).',
    'webhookId names the webhook subscription, not the event: one per simulated webhook (provider + target URL), made on the first send and reused by every later send to that URL (send --webhook-id sets it). eventId and idempotencyKey are new per event.',
    'The verification example compares inside try/catch, so every failure, a signature of the wrong length included, answers 401.',
    'The example reads X-Prynt-Timestamp with parseInt and signs the header as sent: "1796411785.5" passes as 1796411785, and a value with no leading digit gives NaN, which its age check (NaN > 300) never rejects, so such a request skips replay protection. The verifier calls these timestamps malformed and says when the documented handler would accept the request anyway.',
    "Handler check: unknown event types must be acknowledged and ignored (the document says so), and a retry is signed anew, so deduplicating by signature fails; the 24-hour failing streak counts provider time, which runs at the sender's speed-up.",
  ],
};
