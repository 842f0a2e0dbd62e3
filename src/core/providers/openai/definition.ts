import type { ProviderDefinition } from '../../../shared/providers';
import {
  MINUTE,
  UNDOCUMENTED_TIMEOUT_MS,
  eventsFrom,
  standardWebhooksForm,
  standardWebhooksHeaders,
} from '../definition-parts';

const EVENTS: Record<string, string> = {
  'response.completed': 'A background response finished.',
  'response.cancelled': 'A background response was cancelled.',
  'response.failed': 'A background response failed.',
  'response.incomplete': 'A background response stopped before finishing.',
  'batch.completed': 'A batch finished.',
  'batch.cancelled': 'A batch was cancelled.',
  'batch.expired': 'A batch expired before finishing.',
  'batch.failed': 'A batch failed.',
  'fine_tuning.job.succeeded': 'A fine-tuning job succeeded.',
  'fine_tuning.job.failed': 'A fine-tuning job failed.',
  'fine_tuning.job.cancelled': 'A fine-tuning job was cancelled.',
  'eval.run.succeeded': 'An eval run succeeded.',
  'eval.run.failed': 'An eval run failed.',
  'eval.run.canceled': 'An eval run was canceled.',
  'realtime.call.incoming': 'A SIP call is arriving for the Realtime API.',
};

const ID_PREFIX: Record<string, string> = {
  response: 'resp_',
  batch: 'batch_',
  fine_tuning: 'ftjob-',
  eval: 'evalrun_',
  realtime: 'rtc_',
};

/** Exponential backoff from 1 minute, doubling, inside OpenAI's 72 hours. */
const LADDER = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048].map((m) => m * MINUTE);

export const openai: ProviderDefinition = {
  id: 'openai',
  name: 'OpenAI',
  kind: 'common-scheme',
  description:
    'OpenAI platform webhooks (background responses, batches, fine-tuning, evals), signed per Standard Webhooks.',
  source: 'https://platform.openai.com/docs/guides/webhooks',
  headers: standardWebhooksHeaders('webhook'),
  signature: { defaultForm: 'default', forms: [standardWebhooksForm('webhook')] },
  events: eventsFrom(EVENTS, (type) => ({
    id: '{{id:evt_:32}}',
    object: 'event',
    created_at: '{{time:unix-s}}',
    type: '{{eventType}}',
    data: { id: `{{id:${ID_PREFIX[type.split('.')[0]]}:32}}` },
  })),
  envelope: {
    description: '{ id, object: "event", created_at (unix s), type, data { id } }',
    requiredKeys: ['id', 'object', 'created_at', 'type', 'data'],
    timeField: { path: 'created_at', format: 'unix-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['webhook-signature', 'webhook-id', 'webhook-timestamp'], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'id', prefix: 'evt_', description: 'Event id.' }],
    delivery: { generate: { style: 'prefixed', prefix: 'wh_' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: LADDER,
    afterFailure: 'Dropped after 72 hours of retries.',
    notDocumented: ['timeout'],
  },
  notes: [
    'Scheme: https://platform.openai.com/docs/guides/webhooks - Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature; whsec_ secret), verifiable with the standardwebhooks library, which the guide names; proven against it here.',
    `Retries: "up to 72 hours with exponential backoff" (the guide); the exact steps are not published, so the ladder doubles from 1 minute (${LADDER.length} retries, about 68 h). Timeout: not documented; Hookscope's visible default of 30 s.`,
    'Payloads carry only the object id (the handler fetches the object); created_at is unix seconds.',
  ],
};
