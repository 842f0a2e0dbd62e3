import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  UNDOCUMENTED_NOTE,
  UNDOCUMENTED_RETRY_DELAYS_MS,
  UNDOCUMENTED_TIMEOUT_MS,
  eventsFrom,
  hmacForm,
  jsonContentType,
  signatureHeader,
} from '../definition-parts';

/** The Messages API webhooks: inbound messages and every message status (https://developer.vonage.com/en/messages/concepts/message-status). */
const EVENTS: Record<string, string> = {
  'message.inbound': 'A message arrived (SMS, WhatsApp, Messenger, Viber, MMS, RCS): the inbound webhook.',
  'message.submitted': 'Status: the message was submitted to the channel.',
  'message.delivered': 'Status: the channel confirmed delivery.',
  'message.read': 'Status: the recipient read the message (channels with read receipts).',
  'message.rejected': 'Status: Vonage rejected the message (error says why).',
  'message.undeliverable': 'Status: the channel could not deliver the message.',
};

function sample(type: string): JsonObject {
  const common = {
    message_uuid: '{{uuid}}',
    to: '4479{{int:10000000:99999999}}',
    from: '4479{{int:10000000:99999999}}',
    timestamp: '{{time:iso-s}}',
    channel: '{{pick:sms|whatsapp}}',
  };
  if (type === 'message.inbound') return { ...common, message_type: 'text', text: 'Is my order on its way?' };
  const status = type.slice('message.'.length);
  return {
    ...common,
    status,
    ...(status === 'rejected' || status === 'undeliverable'
      ? {
          error: {
            type: 'https://developer.vonage.com/api-errors/messages#1320',
            title: '1320',
            detail: 'Message failed',
          },
        }
      : {}),
  };
}

export const vonage: ProviderDefinition = {
  id: 'vonage',
  name: 'Vonage',
  kind: 'common-scheme',
  description:
    'Vonage Messages API webhooks (inbound messages and statuses), signed with an HS256 JWT in Authorization: Bearer, keyed with the signature secret, whose payload_hash claim is the SHA-256 of the body.',
  source: 'https://developer.vonage.com/en/getting-started/concepts/webhooks#signed-webhooks',
  headers: [
    jsonContentType(),
    signatureHeader(
      'Authorization',
      'Bearer <JWT>: HS256 with the signature secret; claims iat, jti, iss "Vonage", payload_hash (hex SHA-256 of the body), api_key, application_id.',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        ...hmacForm({
          name: 'default',
          label: 'Vonage HS256 JWT in Authorization: Bearer (payload_hash = hex SHA-256 of the body)',
          header: 'Authorization',
          format: { kind: 'prefixed', prefix: 'Bearer ' },
          digest: 'base64url',
        }),
        algorithm: 'jwt-hs256',
        jwt: {
          bodyHashClaim: 'payload_hash',
          bodyHashEncoding: 'hex',
          issuer: 'Vonage',
          subjectIsUrl: false,
          claims: { api_key: 'abcd1234', application_id: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' },
        },
        toleranceSeconds: 300,
      },
    ],
  },
  events: eventsFrom(EVENTS, sample),
  envelope: {
    description: '{ message_uuid, to, from, timestamp, channel, status | message_type, ... }',
    requiredKeys: ['message_uuid', 'to', 'from', 'timestamp', 'channel'],
    timeField: { path: 'timestamp', format: 'iso-s' },
  },
  eventTypeLocations: [
    {
      in: 'body',
      path: 'status',
      names: Object.fromEntries(Object.keys(EVENTS).map((t) => [t.slice('message.'.length), t])),
    },
    { in: 'body', path: 'message_type', names: { text: 'message.inbound', image: 'message.inbound' } },
  ],
  detection: { headers: [], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'message_uuid', description: 'The message UUID, the same on every retry.' }],
    delivery: { fromPayload: 'message_uuid', generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure: 'Not documented: marked failed after the last retry.',
  },
  notes: [
    "Scheme: https://developer.vonage.com/en/getting-started/concepts/webhooks#signed-webhooks - Authorization: Bearer <JWT>, HS256 with the account's signature secret; verify the token, then compare its payload_hash claim with the hex SHA-256 of the body, and check iat is recent. Proven both ways against @vonage/jwt verifySignature (jsonwebtoken, HS256).",
    'Detection: Authorization is a generic header, so Vonage is recognised by its message envelope (message_uuid, to, from, timestamp, channel), never by the header alone.',
    "The api_key and application_id claims are placeholders; the verifier checks iss, payload_hash and the age of iat (5 minutes, the documentation's advice).",
    'Events: the Messages API inbound webhook and the status values submitted, delivered, read, rejected, undeliverable (https://developer.vonage.com/en/messages/concepts/message-status).',
    UNDOCUMENTED_NOTE,
  ],
};
