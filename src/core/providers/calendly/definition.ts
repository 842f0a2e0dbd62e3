import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const EVENTS: Record<string, string> = {
  'invitee.created': 'An invitee booked a meeting (also sent, with invitee.canceled, on a reschedule).',
  'invitee.canceled': 'An invitee or host canceled a meeting.',
  'invitee_no_show.created': 'An invitee was marked as a no-show.',
  'invitee_no_show.deleted': "An invitee's no-show mark was removed.",
  'routing_form_submission.created': 'Someone submitted a routing form, whether or not they booked.',
  'event_type.created': 'An event type was created.',
  'event_type.updated': 'An event type was updated.',
  'event_type.deleted': 'An event type was deleted.',
  'meeting_recap.created': 'A meeting recap (notes) was created.',
  'meeting_recap.updated': 'A meeting recap was updated.',
  'meeting_recap.deleted': 'A meeting recap was deleted.',
  'contact.created': 'A contact was created.',
  'contact.updated': 'A contact was updated.',
  'contact.deleted': 'A contact was deleted.',
};

const API = 'https://api.calendly.com';
const scheduledEvent = {
  uri: `${API}/scheduled_events/{{uuid}}`,
  name: '30 Minute Meeting',
  status: 'active',
  start_time: '{{time:iso-ms}}',
  end_time: '{{time:iso-ms}}',
  event_type: `${API}/event_types/{{uuid}}`,
  location: { type: 'zoom', join_url: 'https://zoom.us/j/{{int:100000000:999999999}}' },
};

function payload(type: string): JsonObject {
  const [resource, change] = type.split('.');
  const times = { created_at: '{{time:iso-ms}}', updated_at: '{{time:iso-ms}}' };
  if (resource === 'invitee')
    return {
      uri: `${API}/scheduled_events/{{uuid}}/invitees/{{uuid}}`,
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      status: change === 'canceled' ? 'canceled' : 'active',
      timezone: 'Europe/London',
      event: `${API}/scheduled_events/{{uuid}}`,
      scheduled_event: scheduledEvent,
      questions_and_answers: [{ question: 'What would you like to discuss?', answer: 'Pricing', position: 0 }],
      rescheduled: false,
      cancel_url: 'https://calendly.com/cancellations/{{uuid}}',
      reschedule_url: 'https://calendly.com/reschedulings/{{uuid}}',
      ...(change === 'canceled'
        ? { cancellation: { canceled_by: 'Ada Lovelace', reason: 'Conflict', canceler_type: 'invitee' } }
        : {}),
      ...times,
    };
  if (resource === 'invitee_no_show')
    return {
      uri: `${API}/invitee_no_shows/{{uuid}}`,
      invitee: `${API}/scheduled_events/{{uuid}}/invitees/{{uuid}}`,
      created_at: '{{time:iso-ms}}',
    };
  if (resource === 'routing_form_submission')
    return {
      uri: `${API}/routing_form_submissions/{{uuid}}`,
      routing_form: `${API}/routing_forms/{{uuid}}`,
      questions_and_answers: [{ question_uuid: '{{uuid}}', question: 'Company size?', answer: '51-200' }],
      tracking: { utm_source: 'website' },
      result: { type: 'event_type', value: `${API}/event_types/{{uuid}}` },
      submitter: `${API}/scheduled_events/{{uuid}}/invitees/{{uuid}}`,
      submitter_type: 'Invitee',
      ...times,
    };
  if (resource === 'event_type')
    return {
      uri: `${API}/event_types/{{uuid}}`,
      name: '30 Minute Meeting',
      active: change !== 'deleted',
      slug: '30min',
      duration: 30,
      kind: 'solo',
      scheduling_url: 'https://calendly.com/acme/30min',
      ...times,
    };
  if (resource === 'meeting_recap')
    return {
      uri: `${API}/meeting_recaps/{{uuid}}`,
      scheduled_event: `${API}/scheduled_events/{{uuid}}`,
      summary: 'Agreed on a pilot in January.',
      ...times,
    };
  return {
    uri: `${API}/contacts/{{uuid}}`,
    email: 'ada@example.com',
    first_name: 'Ada',
    last_name: 'Lovelace',
    ...times,
  };
}

/** "Exponential back-off for 24 hours": doubling from 1 minute (the steps are not published). */
const RETRIES_OVER_A_DAY = [...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * MINUTE), 7 * HOUR];

export const calendly: ProviderDefinition = {
  id: 'calendly',
  name: 'Calendly',
  kind: 'common-scheme',
  description:
    'Calendly webhook subscriptions (bookings, cancellations, no-shows...), t=<unix>,v1=<hex> over "<t>.<body>".',
  source: 'https://developer.calendly.com/docs/webhooks/overview',
  headers: [
    jsonContentType('application/json; charset=utf-8'),
    signatureHeader(
      'Calendly-Webhook-Signature',
      't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, keyed with the subscription signing key.',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Calendly t=<unix>,v1=<hex> over "<t>.<body>"',
        header: 'Calendly-Webhook-Signature',
        format: { kind: 'kv', timestampKey: 't', signatureKey: 'v1' },
        digest: 'hex',
        signedContent: { template: '{timestamp}.{body}', bodyForms: ['raw'] },
        timestamp: { in: 'signature' },
        toleranceSeconds: 180,
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    event: '{{eventType}}',
    created_at: '{{time:iso-ms}}',
    created_by: `${API}/users/{{uuid}}`,
    payload: payload(type),
  })),
  envelope: {
    description: '{ event, created_at, created_by (the subscription owner), payload }',
    requiredKeys: ['event', 'created_at', 'created_by', 'payload'],
    timeField: { path: 'created_at', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event' }],
  detection: { headers: ['Calendly-Webhook-Signature'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 15 * SECOND,
    success: '2xx',
    retryDelaysMs: RETRIES_OVER_A_DAY,
    afterFailure:
      'Given up 24 hours after the first failure (or 24 hours after the booked event); the subscription is then disabled if no other message got through, and must be recreated. A 410 Gone deletes the subscription at once.',
  },
  notes: [
    'Scheme: https://developer.calendly.com/docs/webhooks/overview (At a glance) - Calendly-Webhook-Signature "t=<unix seconds>,v1=<hex>", HMAC-SHA256 of "<t>.<raw body>" keyed with the subscription\'s signing key as text. The documented example refuses a t older than 3 minutes, the window used here.',
    'Proven by the documented recipe only: Calendly publishes no npm library with a verify function and no test vector; test/core/providers/oracles/typeform-calendly.test.ts checks both directions against an independent node:crypto computation of that recipe.',
    'Delivery: https://developer.calendly.com/api-docs/overview/webhooks/webhook-errors - a 3xx, 4xx or 5xx is retried for 24 hours with exponential back-off (the steps are not published: here doubling from 1 minute, then a last try at 24 hours); after that the subscription is disabled. Timeouts (https://developer.calendly.com/api-docs/overview/webhooks/webhook-timeouts): 10 s to connect, 15 s to read; the sender uses 15 s.',
    'Events: the allowed values of https://developer.calendly.com/api-docs/calendly-api/webhooks/get-sample-webhook-data (invitee, invitee_no_show, routing_form_submission, event_type, meeting_recap, contact). Payloads abridged; every time field is the send instant.',
  ],
};
