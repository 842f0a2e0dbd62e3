import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { SECOND, UNDOCUMENTED_TIMEOUT_MS, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

function document(operation: string): JsonObject {
  return {
    _id: '{{id:drafts.:22}}',
    _type: 'post',
    _rev: '{{id::22}}',
    _createdAt: '{{time:iso-s}}',
    _updatedAt: '{{time:iso-s}}',
    title: operation === 'delete' ? 'Removed post' : 'Hello world',
    slug: { _type: 'slug', current: 'hello-world' },
  };
}

export const sanity: ProviderDefinition = {
  id: 'sanity',
  name: 'Sanity',
  kind: 'common-scheme',
  description: 'Sanity GROQ-powered webhooks: the (projected) document, signed t=<ms>,v1=<base64url>.',
  source: 'https://www.sanity.io/docs/webhooks',
  headers: [
    jsonContentType(),
    { name: 'sanity-operation', description: 'create, update or delete.', value: { kind: 'event-type' } },
    { name: 'idempotency-key', description: 'The same on every retry of a delivery.', value: { kind: 'delivery-id' } },
    { name: 'sanity-project-id', description: 'The project.', value: { kind: 'static', value: 'abc123xy' } },
    { name: 'sanity-dataset', description: 'The dataset.', value: { kind: 'static', value: 'production' } },
    signatureHeader('sanity-webhook-signature', 't=<unix ms>,v1=<base64url HMAC-SHA256 of "<t>.<body>">.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Sanity t=<ms>,v1=<base64url> over "<t>.<body>"',
        header: 'sanity-webhook-signature',
        format: { kind: 'kv', timestampKey: 't', signatureKey: 'v1' },
        digest: 'base64url',
        signedContent: { template: '{timestamp}.{body}', bodyForms: ['raw'] },
        timestamp: { in: 'signature' },
        timestampUnit: 'ms',
      }),
    ],
  },
  events: [
    { type: 'create', description: 'A document matching the filter was created.', sample: document('create') },
    { type: 'update', description: 'A document matching the filter was updated.', sample: document('update') },
    { type: 'delete', description: 'A document matching the filter was deleted.', sample: document('delete') },
  ],
  envelope: {
    description: 'The document (or your GROQ projection of it): { _id, _type, _rev, _createdAt, _updatedAt, ... }',
    requiredKeys: ['_id', '_type', '_rev'],
  },
  eventTypeLocations: [{ in: 'header', name: 'sanity-operation' }],
  detection: { headers: ['sanity-webhook-signature', 'sanity-operation'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'prefixed', prefix: 'idem_' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: [30 * SECOND, 30 * SECOND],
    afterFailure:
      "Marked failed after the second retry; the attempts are listed in the webhook's attempt log (sanity.io/manage, or the Webhooks API's attempts endpoint).",
    notDocumented: ['timeout'],
  },
  notes: [
    'Scheme: @sanity/webhook (https://github.com/sanity-io/webhook-toolkit), the verifier Sanity publishes - sanity-webhook-signature "t=<unix ms>,v1=<base64url, unpadded HMAC-SHA256 of "<t>.<body>">", keyed with the secret as text. The toolkit checks no timestamp window; none is enforced here. Proven against it (both directions).',
    "The body is whatever the webhook's GROQ projection makes of the document (the whole document by default); the operation is in sanity-operation.",
    'Retries: https://www.sanity.io/docs/changelog/50ec6abf-fe0c-475b-ae72-314148860132 ("Webhooks now retry twice at 30-second intervals", April 2026) - a delivery that fails with a retryable error (HTTP 429 or 5xx) is retried twice, 30 s apart, then marked failed (before: exponential backoff over 30 minutes). Hookscope retries any failure, as its sender does for every provider.',
    "Timeout: not documented by Sanity; the sender uses Hookscope's default of 30 s.",
  ],
};
