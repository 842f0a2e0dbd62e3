import type { ProviderDefinition } from '../../../shared/providers';
import { SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

export const qstash: ProviderDefinition = {
  id: 'qstash',
  name: 'Upstash QStash',
  kind: 'common-scheme',
  description:
    "Upstash QStash deliveries: the publisher's body, signed by an HS256 JWT in Upstash-Signature whose claims carry the destination URL (sub) and the body's SHA-256 (body).",
  source: 'https://upstash.com/docs/qstash/howto/signature',
  headers: [
    jsonContentType(),
    {
      name: 'Upstash-Message-Id',
      description: 'The message id, the same on every retry.',
      value: { kind: 'delivery-id' },
    },
    signatureHeader(
      'Upstash-Signature',
      'An HS256 JWT signed with the current signing key: iss "Upstash", sub = the destination URL, exp 5 minutes on, body = base64url SHA-256 of the body.',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        ...hmacForm({
          name: 'default',
          label: 'QStash HS256 JWT (iss Upstash, sub = URL, body = base64url SHA-256 of the body)',
          header: 'Upstash-Signature',
          format: { kind: 'plain' },
          digest: 'base64url',
        }),
        algorithm: 'jwt-hs256',
        jwt: {
          bodyHashClaim: 'body',
          bodyHashEncoding: 'base64url',
          issuer: 'Upstash',
          subjectIsUrl: true,
          expiresInSeconds: 300,
          claims: {},
        },
      },
    ],
  },
  events: [
    {
      type: 'message',
      description:
        "A message published to QStash (or fired by a schedule), delivered to your endpoint: the body is the publisher's, forwarded unchanged.",
      sample: {
        type: '{{eventType}}',
        orderId: 'ord_{{id::16}}',
        total: '{{int:100:90000}}',
        createdAt: '{{time:iso-ms}}',
      },
    },
  ],
  envelope: {
    description:
      "QStash sends the publisher's body as is; the sample is a JSON body with a type field, as a publisher might send.",
    requiredKeys: [],
    timeField: { path: 'createdAt', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['Upstash-Signature', 'Upstash-Message-Id'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'prefixed', prefix: 'msg_' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 15 * 60 * SECOND,
    success: '2xx',
    retryDelaysMs: [12, 148, 1808].map((s) => s * SECOND),
    afterFailure:
      'After the last retry the message goes to the Dead Letter Queue (and the failure callback is called, if set).',
  },
  notes: [
    'Scheme: https://upstash.com/docs/qstash/howto/signature - Upstash-Signature is a JWT signed HS256 with the current signing key (the next key signs after a rotation; handlers try both). Claims: iss "Upstash", sub = the destination URL, exp, nbf, iat, jti, body = base64url SHA-256 of the raw body. Proven both ways against @upstash/qstash Receiver.verify.',
    'Configure the endpoint with both signing keys (current, then next) to follow a rotation: the verifier tries each and says which matched.',
    'The sub claim is the URL QStash called: behind a proxy or tunnel the verifier compares it with the forwarded and scheme variants of the received URL and names the mismatch.',
    'Events: QStash forwards the publisher\'s body unchanged and names no event type; the one event here ("message") has a sample body with a type field, as a publisher might send.',
    "Timeout: 15 minutes, the shortest maximum response time of the plans (https://upstash.com/docs/qstash/features/retry and the pricing limits). Retries: 3 by default (the Upstash-Retries header can ask for more, up to the plan's limit), each after min(86400, e^(2.5 n)) seconds (https://upstash.com/docs/qstash/features/retry): 12 s, 2 min 28 s, 30 min 8 s.",
  ],
};
