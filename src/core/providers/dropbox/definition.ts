import type { ProviderDefinition } from '../../../shared/providers';
import { SECOND, UNDOCUMENTED_RETRY_DELAYS_MS, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

export const dropbox: ProviderDefinition = {
  id: 'dropbox',
  name: 'Dropbox',
  kind: 'common-scheme',
  description:
    'Dropbox webhooks: a GET ?challenge= verification echoed as text, then notifications signed X-Dropbox-Signature (hex HMAC-SHA256 of the body with the app secret).',
  source: 'https://www.dropbox.com/developers/reference/webhooks',
  headers: [
    jsonContentType(),
    signatureHeader('X-Dropbox-Signature', 'Hex HMAC-SHA256 of the raw body with the app secret.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Dropbox hex HMAC-SHA256 of the body with the app secret',
        header: 'X-Dropbox-Signature',
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: [
    {
      type: 'verification',
      description:
        'The GET request sent when the webhook URI is added: echo the challenge query parameter as the body.',
      sample: { challenge: '{{id::43}}' },
      handshake: {
        request: {
          method: 'GET',
          query: { challenge: { from: 'sample', path: 'challenge' } },
          headers: [],
          body: 'none',
          signed: false,
        },
        answer: {
          status: [200],
          anyOf: [[{ in: 'text', value: { from: 'query', name: 'challenge' } }]],
          advisory: [
            {
              in: 'header',
              name: 'Content-Type',
              value: { from: 'literal', value: 'text/plain' },
              match: 'media-type',
            },
            {
              in: 'header',
              name: 'X-Content-Type-Options',
              value: { from: 'literal', value: 'nosniff' },
              match: 'exact',
            },
          ],
          timeoutMs: 10 * SECOND,
          afterFailure: 'The webhook URI is not added: the App Console shows the verification as failed.',
          summary: 'status 200 with the challenge query parameter, unchanged, as the whole body',
        },
      },
    },
    {
      type: 'list_folder',
      description:
        'Files changed in the accounts listed (list_folder.accounts): call /files/list_folder/continue for each.',
      sample: {
        list_folder: { accounts: ['dbid:{{id:AA:30}}', 'dbid:{{id:AA:30}}'] },
        delta: { users: ['{{int:10000000:99999999}}', '{{int:10000000:99999999}}'] },
      },
    },
  ],
  envelope: {
    description: '{ list_folder: { accounts: ["dbid:..."] }, delta: { users: [12345678] } }',
    requiredKeys: ['list_folder', 'delta'],
  },
  eventTypeLocations: [],
  detection: { headers: ['X-Dropbox-Signature'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 10 * SECOND,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure: 'Retried with backoff; an app whose endpoint keeps failing is sent no more notifications.',
  },
  notes: [
    'Verification: https://www.dropbox.com/developers/reference/webhooks - adding the URI sends GET <uri>?challenge=<random>; the app answers with the challenge as the body. Dropbox advises Content-Type: text/plain and X-Content-Type-Options: nosniff on that answer against reflected XSS: the check names a missing one as advice, not a failure.',
    'Scheme: the same page - each notification is a POST with X-Dropbox-Signature, the hex HMAC-SHA256 of the raw body keyed with the app secret. The body names only the accounts with changes (list_folder.accounts, and the older delta.users); nothing in the request names an event type, so list_folder is the one type.',
    'Timeout: "respond within 10 seconds" (same page). Retries: Dropbox retries failed notifications with exponential backoff; the schedule is not documented, and the sender uses Hookscope\'s visible default (retries after 1, 5, 15 and 30 minutes).',
    'Proven by the documented recipe only (the dropbox npm SDK has no webhook verification): test/core/providers/oracles/handshake-providers.test.ts computes the signature with node:crypto.',
  ],
};
