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

/** https://elevenlabs.io/docs/agents-platform/workflows/post-call-webhooks */
const EVENTS: Record<string, string> = {
  post_call_transcription: 'A conversation with an agent ended: its transcript, analysis and metadata.',
  post_call_audio: 'A conversation ended: its full audio (base64 MP3), when audio webhooks are enabled.',
  call_initiation_failure: 'An outbound call could not be connected (busy, no answer...).',
};

const IDS = { agent_id: 'agent_{{id::26}}', conversation_id: 'conv_{{id::26}}' };

function data(type: string): JsonObject {
  if (type === 'post_call_audio')
    return { ...IDS, full_audio: 'SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjYxLjcuMTAwAAAAAAAAAAAAAAD/' };
  if (type === 'call_initiation_failure')
    return {
      ...IDS,
      failure_reason: '{{pick:busy|no-answer|unknown}}',
      metadata: { type: 'twilio', body: { CallSid: 'CA{{hex:32}}', CallStatus: 'busy' } },
    };
  return {
    ...IDS,
    status: 'done',
    user_id: null,
    transcript: [
      { role: 'agent', message: 'Hi, how can I help you today?', time_in_call_secs: 0 },
      { role: 'user', message: 'I would like to move my appointment.', time_in_call_secs: 3 },
    ],
    metadata: {
      start_time_unix_secs: '{{time:unix-s}}',
      call_duration_secs: '{{int:10:600}}',
      cost: '{{int:50:900}}',
      termination_reason: 'end_call tool was called.',
    },
    analysis: {
      call_successful: '{{pick:success|failure|unknown}}',
      transcript_summary: 'The caller asked to move an appointment to next week.',
      evaluation_criteria_results: {},
      data_collection_results: {},
    },
    conversation_initiation_client_data: { dynamic_variables: {} },
  };
}

export const elevenlabs: ProviderDefinition = {
  id: 'elevenlabs',
  name: 'ElevenLabs',
  kind: 'common-scheme',
  description:
    'ElevenLabs agent post-call webhooks (transcription, audio, call initiation failure): ElevenLabs-Signature t=<unix>,v0=<hex HMAC-SHA256 of "<t>.<body>">.',
  source: 'https://elevenlabs.io/docs/agents-platform/workflows/post-call-webhooks',
  headers: [
    jsonContentType(),
    signatureHeader('ElevenLabs-Signature', 't=<unix seconds>,v0=<hex HMAC-SHA256 of "<t>.<body>">.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'ElevenLabs t=<unix>,v0=<hex> over "<t>.<body>"',
        header: 'ElevenLabs-Signature',
        format: { kind: 'kv', timestampKey: 't', signatureKey: 'v0' },
        digest: 'hex',
        signedContent: { template: '{timestamp}.{body}', bodyForms: ['raw'] },
        timestamp: { in: 'signature' },
        toleranceSeconds: 30 * 60,
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    type: '{{eventType}}',
    event_timestamp: '{{time:unix-s}}',
    data: data(type),
  })),
  envelope: {
    description: '{ type, event_timestamp (unix seconds), data: { agent_id, conversation_id, ... } }',
    requiredKeys: ['type', 'event_timestamp', 'data'],
    timeField: { path: 'event_timestamp', format: 'unix-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['ElevenLabs-Signature'], headersAreGeneric: false },
  ids: {
    conventions: [
      { field: 'data.agent_id', prefix: 'agent_', description: 'The agent.' },
      { field: 'data.conversation_id', prefix: 'conv_', description: 'The conversation.' },
    ],
    delivery: { generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure:
      'A webhook that keeps failing (many consecutive failures and no success for days) is disabled by ElevenLabs.',
  },
  notes: [
    'Scheme: https://elevenlabs.io/docs/agents-platform/workflows/post-call-webhooks (Authentication) and the official SDK\'s webhooks.constructEvent (@elevenlabs/elevenlabs-js, wrapper/webhooks) - ElevenLabs-Signature "t=<unix seconds>,v0=<hex HMAC-SHA256 of "<t>.<raw body>">", keyed with the webhook secret as text; the SDK refuses a timestamp more than 30 minutes old, hence the 30-minute tolerance here.',
    'Proof: by documentation recipe only, against an independent node:crypto computation (test/core/providers/oracles/elevenlabs.test.ts). The SDK was not used as the oracle: it unpacks to 65 MB, which would nearly triple the test/oracles install (36 MB today); ElevenLabs publishes no test vectors.',
    'The body carries no event id and no delivery id header is sent; conversation_id identifies the call.',
    "Events: the three agent post-call webhooks. ElevenLabs' other workspace webhooks (speech-to-text results, voice library notices) are not modelled yet.",
    UNDOCUMENTED_NOTE,
  ],
};
