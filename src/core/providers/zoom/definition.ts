import type { ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';
import { ZOOM_EVENTS_SOURCE, zoomListedEvents } from './events';
import { zoomSample } from './samples';

/** Zoom's event types listed by hand first, by resource, each with what the documentation says it reports; events.ts adds the rest. */
const EVENTS: Record<string, string> = {
  'meeting.created': 'A meeting was scheduled.',
  'meeting.updated': 'A meeting was changed.',
  'meeting.deleted': 'A meeting was deleted.',
  'meeting.started': 'A meeting started.',
  'meeting.ended': 'A meeting ended.',
  'meeting.participant_joined': 'A participant joined a meeting.',
  'meeting.participant_left': 'A participant left a meeting.',
  'meeting.participant_waiting': 'A participant is in the waiting room.',
  'meeting.sharing_started': 'A participant started sharing their screen.',
  'meeting.sharing_ended': 'A participant stopped sharing their screen.',
  'recording.started': 'A cloud recording started.',
  'recording.stopped': 'A cloud recording stopped.',
  'recording.completed': 'A cloud recording is ready to download.',
  'recording.transcript_completed': "A recording's audio transcript is ready.",
  'recording.deleted': 'A cloud recording was moved to the trash.',
  'webinar.created': 'A webinar was scheduled.',
  'webinar.started': 'A webinar started.',
  'webinar.ended': 'A webinar ended.',
  'webinar.registration_created': 'Someone registered for a webinar.',
  'user.created': 'A user was added to the account.',
  'user.updated': "A user's profile was changed.",
  'user.deactivated': 'A user was deactivated.',
  'user.presence_status_updated': "A user's presence status changed.",
};

/** The event types listed by hand (their samples come from the resource templates, as before the generated list). */
export const ZOOM_EVENTS_BY_HAND: readonly string[] = Object.keys(EVENTS);

export const zoom: ProviderDefinition = {
  id: 'zoom',
  name: 'Zoom',
  kind: 'common-scheme',
  description:
    'Zoom webhooks (meetings, webinars, recordings, phone, Team Chat, users...), signed v0=<hex> over "v0:<timestamp>:<body>", with a URL validation handshake.',
  source: 'https://developers.zoom.us/docs/api/webhooks/',
  headers: [
    jsonContentType(),
    { name: 'x-zm-request-timestamp', description: 'Unix seconds; signed.', value: { kind: 'timestamp' } },
    signatureHeader('x-zm-signature', 'v0=<hex HMAC-SHA256> over "v0:<x-zm-request-timestamp>:<body>".'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Zoom v0=<hex> over "v0:<x-zm-request-timestamp>:<body>"',
        header: 'x-zm-signature',
        format: { kind: 'prefixed', prefix: 'v0=' },
        digest: 'hex',
        signedContent: { template: 'v0:{timestamp}:{body}', bodyForms: ['raw'] },
        timestamp: { in: 'header', header: 'x-zm-request-timestamp' },
      }),
    ],
  },
  events: [
    {
      type: 'endpoint.url_validation',
      description:
        'The handshake when the endpoint URL is validated (and every 72 hours after): answer {plainToken, encryptedToken}.',
      sample: { payload: { plainToken: '{{id::22}}' }, event_ts: '{{time:unix-ms}}', event: 'endpoint.url_validation' },
      handshake: {
        request: { method: 'POST', query: {}, headers: [], body: 'sample', signed: true },
        answer: {
          status: [200],
          anyOf: [
            [
              { in: 'json', path: 'plainToken', value: { from: 'sample', path: 'payload.plainToken' } },
              {
                in: 'json',
                path: 'encryptedToken',
                value: {
                  from: 'sample',
                  path: 'payload.plainToken',
                  hmac: { algorithm: 'hmac-sha256', digest: 'hex' },
                },
              },
            ],
          ],
          advisory: [],
          timeoutMs: 3 * SECOND,
          afterFailure:
            'The endpoint is not validated: Zoom will not save it (and disables an endpoint that fails the 72-hour revalidation).',
          summary:
            'status 200 with a JSON body {plainToken, encryptedToken}, encryptedToken = hex HMAC-SHA256(secret, plainToken)',
        },
      },
    },
    ...Object.entries(EVENTS).map(([type, description]) => ({ type, description, sample: zoomSample(type) })),
    ...zoomListedEvents(new Set(Object.keys(EVENTS))),
  ],
  envelope: {
    description: '{ event, event_ts (unix ms), payload { account_id, operator, operator_id, object { ... } } }',
    requiredKeys: ['event', 'event_ts', 'payload'],
    timeField: { path: 'event_ts', format: 'unix-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event' }],
  detection: { headers: ['x-zm-signature', 'x-zm-request-timestamp'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 3 * SECOND,
    success: '2xx',
    retryDelaysMs: [5 * MINUTE, 20 * MINUTE, 60 * MINUTE],
    afterFailure: 'Dropped: no further notifications about that event are sent.',
  },
  notes: [
    'Scheme: https://developers.zoom.us/docs/api/webhooks/ (Verify webhook events) - x-zm-signature is "v0=" + hex HMAC-SHA256, keyed with the app\'s Secret Token, of "v0:" + x-zm-request-timestamp + ":" + the raw body. Zoom documents no timestamp window; none is enforced here.',
    'URL validation (same page, "Validate your webhook endpoint"): an endpoint.url_validation event carries payload.plainToken; the handler answers 200 with JSON {plainToken, encryptedToken} where encryptedToken is the hex HMAC-SHA256 of plainToken with the Secret Token, within 3 seconds. Zoom revalidates every 72 hours. The validation request is signed like any event.',
    'Timeout and retries: https://developers.zoom.us/blog/webhook-delays - answer 200 or 204 within three seconds; otherwise 3 retries, 5 minutes after the first attempt, 20 minutes after the first retry and 60 minutes after the second; after the last, nothing more about that event is sent. The success rule here is 2xx (Zoom names 200 and 204).',
    'Events: the first 23 (meeting, recording, webinar, user) from https://developers.zoom.us/docs/api/ (Webhooks tab of each API), then every other event of ' +
      ZOOM_EVENTS_SOURCE +
      ': meetings, webinars, recordings, Zoom Phone, Team Chat, users, accounts, groups, Video SDK sessions, chatbot, Contact Center assets, number management and app_deauthorized; regenerate with scripts/providers/zoom-events.mjs. Products Rivet does not cover yet (Rooms, Mail, Calendar, Contact Center beyond assets...) are not listed. Descriptions are built from the event name.',
    'Samples: an event @zoom/rivet declares is its declared body (optional fields included), each value chosen by field name (ids, uuids ending in ==, emails, phone numbers, ISO times, literal values such as a recording file_type); the 23 listed by hand and the events only ZoomNet names come from one template per resource (a meeting, a webinar with the same fields, a recording with its files, a phone call with caller and callee, an SMS, a user); app_deauthorized carries payload { account_id, user_id, signature, deauthorization_time, client_id }. Every one has the { event, event_ts, payload } envelope; event_ts and the times inside are the send instant.',
    'Proven by the documented recipe only (Zoom publishes no verification library on npm and no test vector): test/core/providers/oracles/handshake-providers.test.ts computes the signature and the encryptedToken with node:crypto.',
  ],
};
