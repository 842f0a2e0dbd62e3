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

const EVENTS: Record<string, string> = {
  'envelope-created': 'An envelope was created as a draft.',
  'envelope-sent': 'An envelope was sent to its recipients.',
  'envelope-resent': 'An envelope was resent.',
  'envelope-delivered': 'Every recipient has viewed the envelope.',
  'envelope-completed': 'Every recipient has completed the envelope.',
  'envelope-declined': 'A recipient declined to sign.',
  'envelope-voided': 'The sender voided the envelope.',
  'envelope-corrected': 'The sender corrected the envelope.',
  'envelope-purge': "The envelope's documents were purged.",
  'envelope-deleted': 'The envelope was deleted.',
  'envelope-discard': 'A draft envelope was discarded.',
  'recipient-sent': 'A recipient was notified that it is their turn to sign.',
  'recipient-autoresponded': "A recipient's email bounced or answered automatically.",
  'recipient-delivered': 'A recipient viewed the documents.',
  'recipient-completed': 'A recipient completed their action (signed).',
  'recipient-declined': 'A recipient declined to sign.',
  'recipient-authenticationfailed': 'A recipient failed an authentication check.',
  'recipient-resent': 'The envelope was resent to a recipient.',
  'recipient-reassign': 'A recipient reassigned the envelope to someone else.',
  'recipient-finish-later': 'A recipient chose to finish later.',
  'template-created': 'A template was created.',
  'template-modified': 'A template was modified.',
  'template-deleted': 'A template was deleted.',
};

const STATUS: Record<string, string> = {
  created: 'created',
  sent: 'sent',
  resent: 'sent',
  delivered: 'delivered',
  completed: 'completed',
  declined: 'declined',
  voided: 'voided',
  corrected: 'sent',
  purge: 'completed',
  deleted: 'voided',
  discard: 'created',
};

function data(type: string): JsonObject {
  const [resource, ...rest] = type.split('-');
  const change = rest.join('-');
  const ids = { accountId: '{{uuid}}', userId: '{{uuid}}' };
  if (resource === 'template') return { ...ids, templateId: '{{uuid}}' };
  const envelopeSummary = {
    status: resource === 'envelope' ? (STATUS[change] ?? 'sent') : 'sent',
    emailSubject: 'Please sign: Master Services Agreement',
    sentDateTime: '{{time:iso-ms}}',
    statusChangedDateTime: '{{time:iso-ms}}',
    sender: { userName: 'Ada Lovelace', email: 'ada@example.com' },
  };
  if (resource === 'recipient')
    return { ...ids, envelopeId: '{{uuid}}', recipientId: '{{pick:1|2|3}}', envelopeSummary };
  return { ...ids, envelopeId: '{{uuid}}', envelopeSummary };
}

export const docusign: ProviderDefinition = {
  id: 'docusign',
  name: 'DocuSign Connect',
  kind: 'common-scheme',
  description:
    'DocuSign Connect (JSON SIM) envelope, recipient and template events, X-DocuSign-Signature-1 base64 HMAC-SHA256.',
  source: 'https://developers.docusign.com/platform/webhooks/connect/hmac',
  headers: [
    jsonContentType('application/json; charset=utf-8'),
    {
      name: 'X-Authorization-Digest',
      description: 'The HMAC algorithm.',
      value: { kind: 'static', value: 'HMACSHA256' },
    },
    signatureHeader(
      'X-DocuSign-Signature-1',
      'Base64 HMAC-SHA256 of the raw body with the first Connect key (X-DocuSign-Signature-2... for further keys).',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'DocuSign X-DocuSign-Signature-1 base64 HMAC-SHA256 of the body',
        header: 'X-DocuSign-Signature-1',
        format: { kind: 'plain' },
        digest: 'base64',
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    event: '{{eventType}}',
    apiVersion: 'v2.1',
    uri: '/restapi/v2.1/accounts/{{uuid}}/envelopes/{{uuid}}',
    retryCount: 0,
    configurationId: '{{int:10000000:99999999}}',
    generatedDateTime: '{{time:iso-ms}}',
    data: data(type),
  })),
  envelope: {
    description:
      '{ event, apiVersion, uri, retryCount, configurationId, generatedDateTime, data: { accountId, userId, envelopeId, ... } }',
    requiredKeys: ['event', 'apiVersion', 'uri', 'retryCount', 'configurationId', 'generatedDateTime', 'data'],
    timeField: { path: 'generatedDateTime', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event' }],
  detection: { headers: ['X-DocuSign-Signature-1'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure:
      'Not documented as a fixed schedule; failed messages wait in the Connect failure queue, where they can be republished.',
  },
  notes: [
    'Scheme: https://developers.docusign.com/platform/webhooks/connect/hmac and https://developers.docusign.com/platform/webhooks/connect/validate - with "Include HMAC signature", X-DocuSign-Signature-1 is the base64 HMAC-SHA256 of the raw body keyed with the first Connect key as text, X-DocuSign-Signature-2 and on with further keys (up to 100), and X-Authorization-Digest names the algorithm. Hookscope signs and checks X-DocuSign-Signature-1: with several keys, configure the first as the secret (a match on a later header is not looked for).',
    'Proven by the documented recipe only: DocuSign publishes no npm library with a Connect verify function (docusign-esign calls the REST API) and no test vector; test/core/providers/oracles/docusign-bitbucket.test.ts checks both directions against an independent node:crypto computation of that recipe.',
    'Events and envelope: https://developers.docusign.com/platform/webhooks/connect/json-sim-event-model - the JSON SIM format, { event, apiVersion, uri, retryCount, configurationId, generatedDateTime, data }, with envelope-*, recipient-* and template-* events. Payloads abridged (the envelope summary is optional in a configuration).',
    UNDOCUMENTED_NOTE,
  ],
};
