import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const EVENTS: Record<string, string> = {
  form_response: 'A respondent submitted the form.',
  form_response_partial:
    'A respondent answered part of the form without submitting it (partial responses, when enabled).',
};

const field = (id: string, type: string, title: string): JsonObject => ({ id, type, title, ref: `${id}_ref` });

function formResponse(type: string): JsonObject {
  const partial = type === 'form_response_partial';
  return {
    form_id: 'lT4Z3j',
    token: '{{id::32}}',
    landed_at: '{{time:iso-s}}',
    ...(partial ? {} : { submitted_at: '{{time:iso-s}}' }),
    hidden: { utm_source: 'newsletter' },
    calculated: { score: '{{int:0:10}}' },
    definition: {
      id: 'lT4Z3j',
      title: 'Customer feedback',
      fields: [
        field('DlXFaesGBpoF', 'short_text', 'What is your name?'),
        field('SMEUb7VJz92Q', 'email', 'Your email?'),
        field('JwWggjAKtOkA', 'opinion_scale', 'How likely are you to recommend us?'),
      ],
    },
    answers: [
      { type: 'text', text: 'Ada', field: { id: 'DlXFaesGBpoF', type: 'short_text', ref: 'DlXFaesGBpoF_ref' } },
      {
        type: 'email',
        email: 'ada@example.com',
        field: { id: 'SMEUb7VJz92Q', type: 'email', ref: 'SMEUb7VJz92Q_ref' },
      },
      ...(partial
        ? []
        : [
            {
              type: 'number',
              number: '{{int:0:10}}',
              field: { id: 'JwWggjAKtOkA', type: 'opinion_scale', ref: 'JwWggjAKtOkA_ref' },
            },
          ]),
    ],
  };
}

/** "Every 2-3 minutes for up to 10 hours": 2 and 3 minutes in turn, 240 retries. */
const RETRIES_OVER_TEN_HOURS = Array.from({ length: 240 }, (_, i) => (i % 2 === 0 ? 2 : 3) * MINUTE);

export const typeform: ProviderDefinition = {
  id: 'typeform',
  name: 'Typeform',
  kind: 'common-scheme',
  description: 'Typeform form-response webhooks, Typeform-Signature sha256=<base64 HMAC-SHA256 of the body>.',
  source: 'https://www.typeform.com/developers/webhooks/secure-your-webhooks/',
  headers: [
    jsonContentType(),
    { name: 'User-Agent', description: 'Typeform webhooks.', value: { kind: 'static', value: 'Typeform Webhooks' } },
    signatureHeader(
      'Typeform-Signature',
      'sha256=<base64 HMAC-SHA256 of the raw body>, keyed with the webhook secret.',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Typeform sha256=<base64> over the raw body',
        header: 'Typeform-Signature',
        format: { kind: 'prefixed', prefix: 'sha256=' },
        digest: 'base64',
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    event_id: '{{id:01:24}}',
    event_type: '{{eventType}}',
    form_response: formResponse(type),
  })),
  envelope: {
    description:
      '{ event_id, event_type, form_response: { form_id, token, landed_at, submitted_at, definition, answers, ... } }',
    requiredKeys: ['event_id', 'event_type', 'form_response'],
    timeField: { path: 'form_response.landed_at', format: 'iso-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event_type' }],
  detection: { headers: ['Typeform-Signature'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { fromPayload: 'event_id', generate: { style: 'uuid' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 30 * SECOND,
    success: '2xx',
    retryDelaysMs: RETRIES_OVER_TEN_HOURS,
    afterFailure:
      'Given up after 10 hours (the 429/408/503/423 rule). A 410 Gone or 404 Not Found is not retried and disables the webhook at once.',
  },
  notes: [
    'Scheme: https://www.typeform.com/developers/webhooks/secure-your-webhooks/ - Typeform-Signature is "sha256=" + the base64 HMAC-SHA256 of the entire raw body, keyed with the webhook secret (set through the Webhooks API) as text.',
    'Proven by the documented recipe only: Typeform publishes no npm library with a verify function (@typeform/api-client manages forms and webhooks, it does not verify them) and no test vector; test/core/providers/oracles/typeform-calendly.test.ts checks both directions against an independent node:crypto computation of that recipe.',
    'Delivery: https://www.typeform.com/developers/webhooks/ (Timeout, Delivery retries) - a 30 s timeout; a 429, 408, 503 or 423 is retried every 2-3 minutes for 10 hours (here 2 and 3 minutes in turn, 240 retries); a 410 or 404 is not retried and disables the webhook. Other statuses follow a separate, shorter back-off on that page, not modelled: the sender runs the 10-hour ladder for any failure.',
    'Events and payload: https://www.typeform.com/developers/webhooks/example-payload/ - form_response (and form_response_partial for partial responses), { event_id, event_type, form_response }. submitted_at is absent from a partial response. Payloads abridged.',
  ],
};
