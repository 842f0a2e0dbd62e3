import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  SECOND,
  UNDOCUMENTED_TIMEOUT_MS,
  eventsFrom,
  standardWebhooksForm,
  standardWebhooksHeaders,
} from '../definition-parts';

const EVENTS: Record<string, string> = {
  starting: 'The prediction started (webhook_events_filter "start").',
  processing: 'The prediction produced output or logs (filters "output" and "logs").',
  succeeded: 'The prediction finished with output (filter "completed").',
  failed: 'The prediction failed (filter "completed").',
  canceled: 'The prediction was canceled (filter "completed").',
};

function prediction(status: string): JsonObject {
  const done = status === 'succeeded' || status === 'failed' || status === 'canceled';
  return {
    id: '{{id::26}}',
    model: 'black-forest-labs/flux-schnell',
    version: '{{hex:64}}',
    input: { prompt: 'an astronaut riding a horse' },
    logs: status === 'starting' ? '' : 'Using seed: 1234\n',
    output: status === 'succeeded' ? ['https://replicate.delivery/xezq/output.webp'] : null,
    data_removed: false,
    error: status === 'failed' ? 'CUDA out of memory' : null,
    status,
    source: 'api',
    created_at: '{{time:iso-ms}}',
    started_at: status === 'starting' ? null : '{{time:iso-ms}}',
    completed_at: done ? '{{time:iso-ms}}' : null,
    urls: {
      get: 'https://api.replicate.com/v1/predictions/abc',
      cancel: 'https://api.replicate.com/v1/predictions/abc/cancel',
    },
    metrics: done ? { predict_time: '{{float:0.5:9}}' } : {},
  };
}

export const replicate: ProviderDefinition = {
  id: 'replicate',
  name: 'Replicate',
  kind: 'common-scheme',
  description: 'Replicate prediction webhooks: the prediction object itself, signed per Standard Webhooks.',
  source: 'https://replicate.com/docs/topics/webhooks',
  headers: standardWebhooksHeaders('webhook'),
  signature: { defaultForm: 'default', forms: [standardWebhooksForm('webhook')] },
  events: eventsFrom(EVENTS, prediction),
  envelope: {
    description:
      'The prediction: { id, model, version, input, logs, output, error, status, created_at, started_at, completed_at, urls, metrics }',
    requiredKeys: ['id', 'model', 'version', 'input', 'status', 'created_at', 'urls'],
    timeField: { path: 'created_at', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'status' }],
  detection: { headers: ['webhook-signature', 'webhook-id', 'webhook-timestamp'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'prefixed', prefix: 'msg_' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    // "several times on an exponential backoff", the last about 1 minute after the prediction completed.
    retryDelaysMs: [2, 4, 8, 16, 30].map((s) => s * SECOND),
    afterFailure: 'Dropped after the last retry, about a minute after the prediction completed.',
    notDocumented: ['timeout'],
  },
  notes: [
    'Scheme: https://replicate.com/docs/topics/webhooks/verify-webhook - webhook-id, webhook-timestamp, webhook-signature; the whsec_ secret comes from GET /v1/webhooks/default/secret. Standard Webhooks, proven against the standardwebhooks library.',
    'The body is the prediction object with no envelope; its "status" stands for the event type here (Replicate\'s filter names start/output/logs/completed map to starting, processing, and succeeded/failed/canceled).',
    "Retries: https://replicate.com/docs/topics/webhooks/receive-webhook (Retries) - the final webhook of a prediction (succeeded, failed, canceled) is retried when the request fails or gets a 4xx or 5xx, several times on an exponential backoff, the last about 1 minute after the prediction completed; the steps are not published (here 2, 4, 8, 16 and 30 s, 60 s in all). Webhooks for intermediate states (starting, processing) are never retried: Hookscope's ladder is per provider, so set the retries to none when you send those.",
    'Timeout: not documented by Replicate ("respond with a 2xx within a few seconds"); the sender uses Hookscope\'s default of 30 s.',
  ],
};
