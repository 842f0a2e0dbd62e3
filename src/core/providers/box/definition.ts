import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  UNDOCUMENTED_RETRY_DELAYS_MS,
  eventsFrom,
  hmacForm,
  jsonContentType,
  signatureHeader,
  SECOND,
} from '../definition-parts';

/** Webhook v2 triggers (https://developer.box.com/guides/webhooks/triggers/), by resource. */
const EVENTS: Record<string, string> = {
  'FILE.UPLOADED': 'A file was uploaded to or moved into the folder.',
  'FILE.PREVIEWED': 'A file was previewed.',
  'FILE.DOWNLOADED': 'A file was downloaded.',
  'FILE.TRASHED': 'A file was moved to the trash.',
  'FILE.DELETED': 'A file was permanently deleted.',
  'FILE.RESTORED': 'A file was restored from the trash.',
  'FILE.COPIED': 'A file was copied.',
  'FILE.MOVED': 'A file was moved.',
  'FILE.LOCKED': 'A file was locked.',
  'FILE.UNLOCKED': 'A file was unlocked.',
  'FILE.RENAMED': 'A file was renamed.',
  'COMMENT.CREATED': 'A comment was created.',
  'COMMENT.UPDATED': 'A comment was edited.',
  'COMMENT.DELETED': 'A comment was deleted.',
  'TASK_ASSIGNMENT.CREATED': 'A task was assigned.',
  'TASK_ASSIGNMENT.UPDATED': 'A task assignment changed.',
  'METADATA_INSTANCE.CREATED': 'Metadata was added to a file or folder.',
  'METADATA_INSTANCE.UPDATED': 'Metadata changed.',
  'METADATA_INSTANCE.DELETED': 'Metadata was removed.',
  'FOLDER.CREATED': 'A folder was created.',
  'FOLDER.RENAMED': 'A folder was renamed.',
  'FOLDER.DOWNLOADED': 'A folder was downloaded.',
  'FOLDER.RESTORED': 'A folder was restored from the trash.',
  'FOLDER.DELETED': 'A folder was permanently deleted.',
  'FOLDER.COPIED': 'A folder was copied.',
  'FOLDER.MOVED': 'A folder was moved.',
  'FOLDER.TRASHED': 'A folder was moved to the trash.',
  'WEBHOOK.DELETED': 'The webhook was deleted.',
  'COLLABORATION.CREATED': 'A collaboration was created.',
  'COLLABORATION.ACCEPTED': 'A collaboration was accepted.',
  'COLLABORATION.REJECTED': 'A collaboration was rejected.',
  'COLLABORATION.REMOVED': 'A collaboration was removed.',
  'COLLABORATION.UPDATED': 'A collaboration changed.',
  'SHARED_LINK.DELETED': 'A shared link was deleted.',
  'SHARED_LINK.CREATED': 'A shared link was created.',
  'SHARED_LINK.UPDATED': 'A shared link changed.',
  'SIGN_REQUEST.COMPLETED': 'A Box Sign request was completed.',
  'SIGN_REQUEST.DECLINED': 'A Box Sign request was declined.',
  'SIGN_REQUEST.EXPIRED': 'A Box Sign request expired.',
  'SIGN_REQUEST.SIGNER_EMAIL_BOUNCED': "A Box Sign signer's email bounced.",
};

function source(trigger: string): JsonObject {
  const resource = trigger.split('.')[0];
  const type = resource === 'FOLDER' ? 'folder' : resource === 'WEBHOOK' ? 'webhook' : 'file';
  return { id: '{{int:100000000000:999999999999}}', type, name: type === 'folder' ? 'Contracts' : 'contract.pdf' };
}

export const box: ProviderDefinition = {
  id: 'box',
  name: 'Box',
  kind: 'common-scheme',
  description:
    'Box webhooks (v2): two signatures at once, BOX-SIGNATURE-PRIMARY and -SECONDARY, each a base64 HMAC-SHA256 of the body followed by BOX-DELIVERY-TIMESTAMP, with the primary and secondary keys.',
  source: 'https://developer.box.com/guides/webhooks/v2/signatures-v2/',
  headers: [
    jsonContentType(),
    { name: 'BOX-DELIVERY-ID', description: 'The delivery id.', value: { kind: 'delivery-id' } },
    {
      name: 'BOX-DELIVERY-TIMESTAMP',
      description: 'ISO 8601 time of this delivery, signed after the body.',
      value: { kind: 'timestamp' },
    },
    { name: 'BOX-SIGNATURE-VERSION', description: 'Always 1.', value: { kind: 'static', value: '1' } },
    {
      name: 'BOX-SIGNATURE-ALGORITHM',
      description: 'Always HmacSHA256.',
      value: { kind: 'static', value: 'HmacSHA256' },
    },
    signatureHeader(
      'BOX-SIGNATURE-PRIMARY',
      'Base64 HMAC-SHA256 of body + BOX-DELIVERY-TIMESTAMP with the primary key.',
    ),
    signatureHeader(
      'BOX-SIGNATURE-SECONDARY',
      'The same with the secondary key (the second configured secret; the first when only one is given).',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Box base64 HMAC-SHA256 of body + BOX-DELIVERY-TIMESTAMP, primary and secondary keys',
        header: 'BOX-SIGNATURE-PRIMARY',
        format: { kind: 'plain' },
        digest: 'base64',
        signedContent: { template: '{body}{timestamp}', bodyForms: ['raw'] },
        timestamp: { in: 'header', header: 'BOX-DELIVERY-TIMESTAMP' },
        timestampUnit: 'iso-offset',
        toleranceSeconds: 600,
        extraSignatureHeaders: ['BOX-SIGNATURE-SECONDARY'],
      }),
    ],
  },
  events: eventsFrom(EVENTS, (trigger) => ({
    type: 'webhook_event',
    id: '{{uuid}}',
    created_at: '{{time:iso-s}}',
    trigger: '{{eventType}}',
    webhook: { id: '{{int:1000000:9999999}}', type: 'webhook' },
    created_by: { type: 'user', id: '{{int:10000000:99999999}}', name: 'Ada Lovelace', login: 'ada@example.com' },
    source: source(trigger),
  })),
  envelope: {
    description: '{ type: "webhook_event", id, created_at, trigger, webhook: { id, type }, created_by, source }',
    requiredKeys: ['type', 'id', 'created_at', 'trigger', 'webhook', 'source'],
    timeField: { path: 'created_at', format: 'iso-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'trigger' }],
  detection: { headers: ['BOX-SIGNATURE-PRIMARY', 'BOX-DELIVERY-ID'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 30 * SECOND,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure: 'Box retries a failed delivery (schedule not published), then drops it.',
  },
  notes: [
    'Scheme: https://developer.box.com/guides/webhooks/v2/signatures-v2/ - BOX-SIGNATURE-PRIMARY and BOX-SIGNATURE-SECONDARY are the base64 HMAC-SHA256 of the raw body followed by the BOX-DELIVERY-TIMESTAMP value, with the primary and the secondary signature key; a message is genuine if either holds, and a timestamp more than 10 minutes old (or in the future) is refused. BOX-SIGNATURE-VERSION 1 and BOX-SIGNATURE-ALGORITHM HmacSHA256. Proven both ways against box-node-sdk WebhooksManager.validateMessage.',
    "Two keys: configure the endpoint with the primary key first and the secondary second; the verifier checks both headers against every key and says which header matched. The sender signs the secondary header with the webhook's secret as well (Hookscope keeps one secret per webhook).",
    'Timestamp: an ISO 8601 date (Box writes it with its offset, e.g. 2026-12-04T15:00:00-08:00; the sender writes UTC +00:00), signed as text after the body.',
    'Timeout 30 s (https://developer.box.com/guides/webhooks/v2/ "Retries"); Box documents retries with backoff but no schedule. Retry ladder: not documented; the sender uses Hookscope\'s visible default (retries after 1, 5, 15 and 30 minutes).',
    'Events: the v2 triggers of https://developer.box.com/guides/webhooks/triggers/ (resource.ACTION in capitals, as Box writes them).',
  ],
};
