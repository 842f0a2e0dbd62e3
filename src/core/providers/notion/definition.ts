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

/** https://developers.notion.com/reference/webhooks-events-delivery (event types), grouped by entity. */
const EVENTS: Record<string, string> = {
  'page.created': 'A page was created.',
  'page.properties_updated': "A page's properties changed (aggregated: several quick edits make one event).",
  'page.content_updated': "A page's content changed (aggregated).",
  'page.moved': 'A page was moved.',
  'page.deleted': 'A page was moved to the trash.',
  'page.undeleted': 'A page was restored from the trash.',
  'page.locked': 'A page was locked against editing.',
  'page.unlocked': 'A page was unlocked.',
  'database.created': 'A database was created.',
  'database.content_updated': "A database's content changed (aggregated; deprecated for data_source.content_updated).",
  'database.moved': 'A database was moved.',
  'database.deleted': 'A database was moved to the trash.',
  'database.undeleted': 'A database was restored from the trash.',
  'database.schema_updated': "A database's schema changed (deprecated for data_source.schema_updated).",
  'data_source.created': 'A data source was added to a database.',
  'data_source.content_updated': "A data source's rows changed (aggregated).",
  'data_source.moved': 'A data source was moved.',
  'data_source.deleted': 'A data source was moved to the trash.',
  'data_source.undeleted': 'A data source was restored from the trash.',
  'data_source.schema_updated': "A data source's schema changed (a property was added, changed or removed).",
  'comment.created': 'A comment was added to a page or a block.',
  'comment.updated': 'A comment was edited.',
  'comment.deleted': 'A comment was deleted.',
};

function entityType(type: string): string {
  return type.split('.')[0];
}

function data(type: string): JsonObject {
  const entity = entityType(type);
  if (entity === 'comment') return { page_id: '{{uuid}}', parent: { id: '{{uuid}}', type: 'page' } };
  const parent = { id: '{{uuid}}', type: entity === 'page' ? '{{pick:space|page|database}}' : 'page' };
  if (type === 'page.properties_updated') return { parent, updated_properties: ['title', '{{pick:Status|Due|Owner}}'] };
  if (type.endsWith('.content_updated')) return { parent, updated_blocks: [{ id: '{{uuid}}', type: 'block' }] };
  if (type.endsWith('.schema_updated'))
    return { parent, updated_properties: [{ id: '{{id::4}}', name: 'Priority', action: 'created' }] };
  return { parent };
}

export const notion: ProviderDefinition = {
  id: 'notion',
  name: 'Notion',
  kind: 'common-scheme',
  description:
    'Notion integration webhooks (pages, databases, data sources, comments): X-Notion-Signature sha256=<hex HMAC-SHA256 of the body>, keyed with the verification token.',
  source: 'https://developers.notion.com/reference/webhooks',
  headers: [
    jsonContentType(),
    signatureHeader(
      'X-Notion-Signature',
      'sha256=<hex HMAC-SHA256 of the raw body>, keyed with the verification_token.',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Notion sha256=<hex> of the body',
        header: 'X-Notion-Signature',
        format: { kind: 'prefixed', prefix: 'sha256=' },
        digest: 'hex',
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    id: '{{uuid}}',
    timestamp: '{{time:iso-ms}}',
    workspace_id: '{{uuid}}',
    workspace_name: 'Acme Docs',
    subscription_id: '{{uuid}}',
    integration_id: '{{uuid}}',
    authors: [{ id: '{{uuid}}', type: 'person' }],
    attempt_number: 1,
    entity: { id: '{{uuid}}', type: entityType(type) },
    type: '{{eventType}}',
    data: data(type),
  })),
  envelope: {
    description:
      '{ id, timestamp (ISO 8601), workspace_id, workspace_name, subscription_id, integration_id, authors, attempt_number, entity: { id, type }, type, data }',
    requiredKeys: ['id', 'timestamp', 'workspace_id', 'subscription_id', 'integration_id', 'entity', 'type'],
    timeField: { path: 'timestamp', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['X-Notion-Signature'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { fromPayload: 'id', generate: { style: 'uuid' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure: 'Not documented; deliveries can be inspected in the integration settings.',
  },
  notes: [
    'Scheme: https://developers.notion.com/reference/webhooks (Validating event payloads) - X-Notion-Signature is "sha256=" followed by the hex HMAC-SHA256 of the raw body, keyed with the subscription\'s verification_token (as text). Proven both ways against @notionhq/client\'s verifyWebhookSignature and signWebhookPayload (test/core/providers/oracles/notion.test.ts).',
    'Handshake (not an event the sender plays): when a subscription is created, Notion POSTs {"verification_token": "secret_..."}, unsigned, to the URL. The developer copies that token into the integration settings to activate the subscription; from then on it is the signing secret. A handler must accept that first unsigned POST (and record the token), then refuse unsigned events. To rehearse it, capture the handshake body with Hookscope and paste the token as the endpoint secret.',
    'attempt_number is in the body; Hookscope keeps one body per delivery, so it stays 1 on retries here.',
    'Aggregated events (page.content_updated, page.properties_updated, *.content_updated) gather quick edits into one event; the body names what changed (updated_blocks, updated_properties), and the handler fetches the entity through the API.',
    'Events: https://developers.notion.com/reference/webhooks-events-delivery; the database.* content and schema events are deprecated in favour of data_source.* from API version 2025-09-03.',
    UNDOCUMENTED_NOTE,
  ],
};
