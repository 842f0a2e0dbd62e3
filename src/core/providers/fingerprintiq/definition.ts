import type { ProviderDefinition } from '../../../shared/providers';
import { SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const HEADER = 'X-FIQ-Signature';

export const fingerprintiq: ProviderDefinition = {
  id: 'fingerprintiq',
  name: 'FingerprintIQ',
  kind: 'documented',
  description: 'Visitor fingerprinting events from the FingerprintIQ edge.',
  source: 'seeds/001_4ad3d7c7d4da1385.txt',
  headers: [jsonContentType(), signatureHeader(HEADER, 'HMAC-SHA256 of the raw body, hex.')],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'FingerprintIQ <hex> over the raw body',
        header: HEADER,
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: [
    { type: 'visit.new', description: 'A device is identified for the first time.' },
    { type: 'visit.returning', description: 'A previously seen device visits again.' },
    { type: 'visit.flagged', description: 'A visit triggered one or more risk factors.' },
    { type: 'threat.detected', description: 'Bot probability exceeded 0.7 on a visit.' },
  ],
  envelope: {
    description:
      '{ event, timestamp (unix milliseconds, a number), data: { visitorId, visitCount, botProbability, country, riskFactors } }',
    requiredKeys: ['event', 'timestamp', 'data'],
    timeField: { path: 'timestamp', format: 'unix-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event' }],
  detection: { headers: [HEADER], headersAreGeneric: false },
  ids: {
    conventions: [
      {
        field: 'data.visitorId',
        prefix: 'iq_',
        pattern: '^iq_[0-9a-z]{26}$',
        description: 'Visitor id: iq_ and 26 lowercase base-32 characters (ULID-like).',
      },
    ],
    delivery: { generate: { style: 'prefixed', prefix: 'dlv_' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 5 * SECOND,
    success: 'exactly-200',
    retryDelaysMs: [1 * SECOND, 5 * SECOND, 25 * SECOND],
    afterFailure: 'Marked failed.',
  },
  notes: [
    'Retries happen "on non-200 responses or timeouts", so only 200 counts as success: 201 or 204 is retried, although the same page says "Respond with 2xx".',
    '"Retried up to 3 times" with delays 1 s, 5 s, 25 s: four attempts in all.',
    'The Node example decodes the header with Buffer.from(sig, \'hex\'), which ignores case and stops at the first non-hex character: an uppercase or junk-suffixed signature passes it. The verifier reports such a value as "accepted by the documented handler, rejected by a strict comparison"; FingerprintIQ itself sends lowercase hex.',
    'The same example calls timingSafeEqual on buffers of different lengths when the signature has the wrong length, and on undefined when the header is missing: both throw (a 500, not a 401).',
    'timestamp (unix ms) is the moment the delivery is created and stays the same on every retry. FingerprintIQ signs no timestamp, so this is the only freshness signal a handler has.',
    'threat.detected fires only when botProbability > 0.7.',
    'Handler check: no event id, so distinct events differ by visitor id and time, and a retry repeats the bytes and the signature (no timestamp is signed): deduplicating by body (or signature) is right here.',
  ],
};
