import type { ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const HEADER = 'X-ClickDefender-Signature';

export const clickdefender: ProviderDefinition = {
  id: 'clickdefender',
  name: 'ClickDefender',
  kind: 'documented',
  description: 'Ad-click fraud alerts per property.',
  source: 'seeds/002_22c5c0dfe1889089.txt',
  headers: [
    jsonContentType(),
    signatureHeader(
      HEADER,
      'HMAC-SHA256, hex, of JSON.stringify(JSON.parse(body)) (the sender sends compact JSON, so this equals the raw body).',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'ClickDefender <hex> over the re-serialized JSON body',
        header: HEADER,
        format: { kind: 'plain' },
        digest: 'hex',
        signedContent: { template: '{body}', bodyForms: ['re-serialized', 'raw'] },
      }),
    ],
  },
  events: [
    { type: 'fraud_detected', description: 'A visitor is classified as FRAUD (score 70+); sent immediately.' },
    { type: 'high_risk_visitor', description: 'A visitor is classified as SUSPICIOUS (score 40-69).' },
    { type: 'daily_summary', description: 'Aggregated fraud statistics for the previous day, sent once daily.' },
  ],
  envelope: {
    description:
      '{ event, timestamp (ISO 8601 seconds), property { id, name }, ... }; fraud_detected adds visitor { id, ip, country, userAgent } and decision { score, label, action, reasons[] }; high_risk_visitor adds visitor { id, score, label }; daily_summary adds summary { date, totalVisitors, cleanCount, suspiciousCount, fraudCount, fraudRate, topRules[] }',
    requiredKeys: ['event', 'timestamp', 'property'],
    timeField: { path: 'timestamp', format: 'iso-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event' }],
  detection: { headers: [HEADER], headersAreGeneric: false },
  ids: {
    conventions: [
      { field: 'property.id', prefix: 'prop_', description: 'Property id.' },
      { field: 'visitor.id', prefix: 'vis_', description: 'Visitor id.' },
    ],
    delivery: { generate: { style: 'prefixed', prefix: 'dlv_' } },
  },
  limits: { httpsRequired: true, webhooksPerProperty: 5 },
  delivery: {
    timeoutMs: 30 * SECOND,
    success: '2xx',
    retryDelaysMs: [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 24 * HOUR],
    afterFailure: 'Marked failed; visible in the delivery history in the property settings.',
  },
  notes: [
    'The Node example verifies JSON.stringify(req.body) (re-serialized), the Python one the raw text. The sender signs compact JSON.stringify output, so both agree on what it sends; the verifier checks both forms and says which matched.',
    'Five retries are listed (1 min, 5 min, 30 min, 2 h, 24 h) but the text says "After 5 failed attempts": the explicit list wins, six attempts in all.',
    'Best practices say "use the event ID to deduplicate", but the documented payloads carry no event id.',
    "The fraud_detected example's reason scores (25 + 30 + 40 = 95) do not add up to its decision score (85): reasons are not expected to sum to the score.",
    'Endpoints must be HTTPS; the simulator warns on plain http but still sends.',
    "A payload that is not compact canonical JSON (pretty-printed, \\u escapes, duplicate keys, numbers that re-serialize differently) makes the two documented handlers disagree: send and the Sender warn, and send --compact or the Sender's Compact button send the JSON.stringify form, which both accept.",
    "The Node example's timingSafeEqual throws on a signature of another length (a 500, not a 401); the Python example's compare_digest returns False (a 401). A missing header makes both throw.",
    'timestamp is the moment the delivery is created and stays the same on every retry: ClickDefender signs no timestamp, so it is the only freshness signal a handler has. daily_summary describes the UTC day before the send (the real one is sent at midnight; a simulation sends it whenever asked).',
    'Handler check: no event id, so distinct events differ by visitor id and time (a daily summary by its day); a retry repeats the bytes and the signature.',
  ],
};
