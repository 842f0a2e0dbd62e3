import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  SVIX_RETRY_DELAYS_MS,
  SVIX_TIMEOUT_MS,
  eventsFrom,
  standardWebhooksForm,
  standardWebhooksHeaders,
} from '../definition-parts';

const EVENTS: Record<string, string> = {
  'endpoint.created': 'An endpoint was created.',
  'endpoint.updated': 'An endpoint was updated.',
  'endpoint.deleted': 'An endpoint was deleted.',
  'endpoint.disabled': 'An endpoint was disabled after failing for five days (or by hand).',
  'endpoint.enabled': 'An endpoint was enabled again.',
  'message.attempt.exhausted': 'A message failed its last retry.',
  'message.attempt.failing': 'A message is failing (its fourth attempt failed).',
  'message.attempt.recovered': 'A message that was failing succeeded.',
  'background_task.finished': 'A background task (replay, recovery) finished.',
};

function sample(type: string): JsonObject {
  const endpoint = { appId: '{{id:app_:27}}', appUid: null, endpointId: '{{id:ep_:27}}', endpointUid: null };
  if (type.startsWith('message.attempt.')) {
    return {
      type: '{{eventType}}',
      data: {
        ...endpoint,
        msgId: '{{id:msg_:27}}',
        msgEventId: null,
        lastAttempt: { id: '{{id:atmpt_:27}}', timestamp: '{{time:iso-ms}}', responseStatusCode: 500 },
      },
    };
  }
  if (type === 'background_task.finished')
    return {
      type: '{{eventType}}',
      data: { taskId: '{{id:qtask_:27}}', status: 'finished', task: 'endpoint.replay', data: {} },
    };
  if (type === 'endpoint.disabled')
    return { type: '{{eventType}}', data: { ...endpoint, failSince: '{{time:iso-ms}}', trigger: 'automatic' } };
  return { type: '{{eventType}}', data: endpoint };
}

export const svix: ProviderDefinition = {
  id: 'svix',
  name: 'Svix',
  kind: 'common-scheme',
  description: "Svix-sent webhooks (svix-* headers); its own events are Svix's operational webhooks.",
  source: 'https://docs.svix.com/receiving/verifying-payloads/how-manual',
  headers: standardWebhooksHeaders('svix'),
  signature: { defaultForm: 'default', forms: [standardWebhooksForm('svix')] },
  events: eventsFrom(EVENTS, sample),
  envelope: { description: '{ type, data }', requiredKeys: ['type', 'data'] },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['svix-signature', 'svix-id', 'svix-timestamp'], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'data.endpointId', prefix: 'ep_', description: 'Endpoint id.' }],
    delivery: { generate: { style: 'prefixed', prefix: 'msg_' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: SVIX_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: SVIX_RETRY_DELAYS_MS,
    afterFailure: 'The message is marked failed; an endpoint failing for 5 days is disabled (endpoint.disabled).',
  },
  notes: [
    'Signature: https://docs.svix.com/receiving/verifying-payloads/how-manual - HMAC-SHA256 over "<svix-id>.<svix-timestamp>.<body>", base64, "v1,<sig>" entries separated by spaces; the key is the base64 part after "whsec_". Proven against the svix npm library (test/core/providers/oracles).',
    'Retries: https://docs.svix.com/retries - immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a 2xx within 15 s is a success.',
    'Events: https://docs.svix.com/incoming-webhooks (operational webhooks); an application built on Svix sends its own event types with the same headers and scheme.',
    'Svix can also send the unbranded webhook-* headers: that is the standard-webhooks provider.',
  ],
};
