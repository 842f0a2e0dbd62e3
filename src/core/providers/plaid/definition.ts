import type { ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';
import { PLAID_WEBHOOKS_SOURCE, plaidEvents } from './events';

export const PLAID_SIGNATURE_HEADER = 'Plaid-Verification';

export const plaid: ProviderDefinition = {
  id: 'plaid',
  name: 'Plaid',
  kind: 'common-scheme',
  description:
    'Plaid webhooks (Items, Transactions, Auth, Identity Verification, Transfer, Income...), signed by an ES256 JWT in Plaid-Verification whose kid names the P-256 key and whose request_body_sha256 claim is the hex SHA-256 of the body.',
  source: 'https://plaid.com/docs/api/webhooks/webhook-verification/',
  headers: [
    jsonContentType(),
    signatureHeader(
      PLAID_SIGNATURE_HEADER,
      'An ES256 JWT: header alg "ES256", kid (the key id to fetch from /webhook_verification_key/get), typ "JWT"; claims iat and request_body_sha256 (hex SHA-256 of the raw body).',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        ...hmacForm({
          name: 'default',
          label:
            'Plaid ES256 JWT in Plaid-Verification (request_body_sha256 = hex SHA-256 of the body, iat within 5 min)',
          header: PLAID_SIGNATURE_HEADER,
          format: { kind: 'plain' },
          digest: 'base64url',
        }),
        algorithm: 'jwt-es256',
        jwt: {
          bodyHashClaim: 'request_body_sha256',
          bodyHashEncoding: 'hex',
          subjectIsUrl: false,
          claims: {},
          tokenId: false,
        },
        toleranceSeconds: 5 * 60,
      },
    ],
  },
  events: plaidEvents(),
  envelope: {
    description:
      '{ webhook_type, webhook_code, item_id | user_id | ..., error, environment, ... }: the fields depend on the pair.',
    requiredKeys: ['webhook_type', 'webhook_code'],
  },
  eventTypeLocations: [{ in: 'body', path: 'webhook_type', actionPath: 'webhook_code' }],
  detection: { headers: [PLAID_SIGNATURE_HEADER], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'item_id', description: 'The Item the webhook is about, the same on every retry.' }],
    delivery: { generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 10 * SECOND,
    success: 'exactly-200',
    // 30 s, then each delay 4 times the previous, while the next attempt still falls within 24 hours.
    retryDelaysMs: [30 * SECOND, 2 * MINUTE, 8 * MINUTE, 32 * MINUTE, 128 * MINUTE, 512 * MINUTE],
    afterFailure:
      'Dropped once 24 hours of retries have passed; Plaid does not retry at all to a receiver that rejected more than 90% of its webhooks over the last 24 hours.',
  },
  notes: [
    'Scheme: https://plaid.com/docs/api/webhooks/webhook-verification/ - Plaid-Verification is a JWT; reject it unless its header says alg ES256; its kid names the key, whose public JWK (kty EC, crv P-256) /webhook_verification_key/get returns; verify the signature, reject the webhook if iat is more than 5 minutes old, and compare request_body_sha256 with the hex SHA-256 of the raw body in constant time. The JWT carries no other claim (no jti, iss or exp). Proven both ways against jose 5.10.0 (jwtVerify/SignJWT with ES256), the JWT library the documentation points to, in test/core/providers/oracles/plaid.test.ts.',
    "Hookscope plays Plaid with a key pair of its own (`hookscope keypair plaid`): it signs with the private key and names the key in kid; configure your handler with the public key it prints, a JWK shaped like /webhook_verification_key/get's key (stub that call in tests). To verify captures, paste Plaid's JWK (alone or the whole /webhook_verification_key/get answer) or a PEM public key as the endpoint secret; a token naming any alg but ES256 (none, or HS256 keyed with the public key) is refused as malformed.",
    'Event type: two body fields, webhook_type and webhook_code, shown as "<webhook_type>.<webhook_code>" (TRANSACTIONS.SYNC_UPDATES_AVAILABLE, ITEM.ERROR), read with eventTypeLocations actionPath; a code Plaid sends under several webhook_types (DEFAULT_UPDATE under TRANSACTIONS, AUTH, HOLDINGS...; ERROR under ITEM, ASSETS, BASE_REPORT...) is one event per type.',
    `Events: every webhook_type/webhook_code pair the plaid library declares, ${PLAID_WEBHOOKS_SOURCE}, written by scripts/providers/plaid-webhooks.mjs and checked against the library by test/core/providers/oracles/plaid-webhooks.test.ts; descriptions are the library's, each sample carries its own webhook_type and webhook_code.`,
    'Retries: https://plaid.com/docs/api/webhooks/#webhook-retries and https://support.plaid.com/hc/en-us/articles/40390675922967 - a webhook answered with anything but 200, or not within 10 seconds, is sent again for up to 24 hours, each delay 4 times the previous, starting with 30 seconds: 30 s, 2, 8, 32, 128 and 512 min (the next, 2,048 min, would fall past 24 hours). Plaid stops retrying to an endpoint that rejected more than 90% of its webhooks in the last 24 hours; the sender does not model that.',
    'Ids: Plaid sends no delivery id; handlers must accept duplicates and out-of-order webhooks (https://plaid.com/docs/api/webhooks/). item_id (or user_id, account_id, the resource id) names what the webhook is about.',
  ],
};
