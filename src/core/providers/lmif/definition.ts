import type { ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const HEADER = 'X-LMIF-Signature';

export const lmif: ProviderDefinition = {
  id: 'lmif',
  name: 'LMIF',
  kind: 'documented',
  description: 'Identity-protection events: boxes, violations, grace periods, licenses, detections.',
  source: 'seeds/003_685973bccd2b0672.txt',
  headers: [jsonContentType(), signatureHeader(HEADER, 'sha256=<hex>, HMAC-SHA256 of the raw body.')],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'LMIF sha256=<hex> over the raw body',
        header: HEADER,
        format: { kind: 'prefixed', prefix: 'sha256=' },
        digest: 'hex',
      }),
    ],
  },
  events: [
    { type: 'box.created', description: 'An identity was boxed (placed under protection).' },
    { type: 'box.updated', description: "A box's details changed." },
    { type: 'box.deleted', description: 'A box was removed.' },
    { type: 'violation.detected', description: 'A use of a protected identity without a license was found.' },
    { type: 'violation.resolved', description: 'A violation was resolved.' },
    { type: 'violation.appealed', description: 'The alleged violator appealed a violation.' },
    { type: 'grace_period.started', description: 'A grace period to license or remove the content began.' },
    { type: 'grace_period.reminder', description: 'Reminder that a grace period is running.' },
    { type: 'grace_period.ending', description: 'A grace period is about to end.' },
    { type: 'grace_period.expired', description: 'A grace period ended without resolution.' },
    { type: 'grace_period.resolved', description: 'A grace period ended with the violation resolved.' },
    { type: 'license.requested', description: 'Someone requested a license to use an identity.' },
    { type: 'license.approved', description: 'A license request was approved.' },
    { type: 'license.denied', description: 'A license request was denied.' },
    { type: 'license.expiring', description: 'A license is about to expire.' },
    { type: 'license.expired', description: 'A license expired.' },
    { type: 'license.revoked', description: 'A license was revoked.' },
    { type: 'detection.match_found', description: 'A scan found content matching a protected identity.' },
    { type: 'detection.scan_complete', description: 'A detection scan finished.' },
  ],
  envelope: {
    description: '{ id, type, createdAt (ISO 8601), data, meta { apiVersion, webhookId } }',
    requiredKeys: ['id', 'type', 'createdAt', 'data', 'meta'],
    timeField: { path: 'createdAt', format: 'iso' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: [HEADER], headersAreGeneric: false },
  ids: {
    conventions: [
      { field: 'id', prefix: 'evt_', description: 'Event id; use it for idempotency.' },
      { field: 'meta.webhookId', prefix: 'wh_', description: 'Webhook endpoint id.' },
    ],
    delivery: { fromPayload: 'id', generate: { style: 'prefixed', prefix: 'evt_' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 30 * SECOND,
    success: '2xx',
    retryDelaysMs: [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 8 * HOUR, 24 * HOUR],
    afterFailure: 'Marked failed; retried manually from the dashboard.',
  },
  notes: [
    'The retry table lists attempt 1 as "Immediate" and "After 7 attempts" the delivery fails: attempt 1 is read as the original delivery, so 7 attempts in all with 6 delays (1 min, 5 min, 30 min, 2 h, 8 h, 24 h), not an immediate retry after a first failure (which would make 8).',
    'The manual verification example compares the header with `sha256=${hex}` using timingSafeEqual on the strings: a header of a different length makes it throw rather than return false.',
    'The payload example writes createdAt without milliseconds (2024-01-15T10:00:00Z); samples do the same, and any ISO 8601 time is accepted.',
    'Event data shapes are in a separate "Event Types" page not included here; sample data fields are illustrative.',
    "createdAt, and the times in data (detectedAt, completedAt; a grace period's startsAt, a license's expiresAt derived from it), are the moment the delivery is created and do not change on retries.",
    'meta.webhookId names the webhook endpoint, not the event: one per simulated webhook (provider + target URL), made on the first send and reused by every later send to that URL (send --webhook-id sets it). The event id is new per event.',
    'A missing X-LMIF-Signature header reaches Buffer.from as undefined and the example throws: an error, not a false.',
    'Handler check: no timestamp is signed, so a retry repeats the bytes and the signature; deduplicate by the event id.',
  ],
};
