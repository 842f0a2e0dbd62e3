import type { ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';
import { SLACK_EVENTS_SOURCE, SLACK_MESSAGE_SUBTYPES, slackListedEvents } from './events';
import { callback } from './samples';

export const slack: ProviderDefinition = {
  id: 'slack',
  name: 'Slack',
  kind: 'common-scheme',
  description: 'Slack Events API requests, signed with the app signing secret.',
  source: 'https://api.slack.com/authentication/verifying-requests-from-slack',
  headers: [
    jsonContentType(),
    { name: 'X-Slack-Request-Timestamp', description: 'Unix seconds.', value: { kind: 'timestamp' } },
    signatureHeader('X-Slack-Signature', 'v0=<hex> over "v0:<timestamp>:<body>".'),
    {
      name: 'X-Slack-Retry-Num',
      description: 'On retries only: 1, 2 or 3.',
      value: { kind: 'retry-number' },
    },
    {
      name: 'X-Slack-Retry-Reason',
      description: 'On retries only: why the previous attempt failed.',
      value: {
        kind: 'retry-reason',
        words: {
          status: 'http_error',
          timeout: 'http_timeout',
          'connection-refused': 'connection_failed',
          'connection-reset': 'connection_failed',
          dns: 'connection_failed',
          network: 'connection_failed',
          tls: 'ssl_error',
          other: 'unknown_error',
        },
      },
    },
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Slack v0=<hex> over "v0:<timestamp>:<body>"',
        header: 'X-Slack-Signature',
        format: { kind: 'prefixed', prefix: 'v0=' },
        digest: 'hex',
        signedContent: { template: 'v0:{timestamp}:{body}', bodyForms: ['raw'] },
        timestamp: { in: 'header', header: 'X-Slack-Request-Timestamp' },
        toleranceSeconds: 300,
      }),
    ],
  },
  events: [
    {
      type: 'url_verification',
      description: 'The handshake when the request URL is set.',
      sample: { token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '{{id::40}}', type: 'url_verification' },
      handshake: {
        request: { method: 'POST', query: {}, headers: [], body: 'sample', signed: true },
        answer: {
          status: [200],
          anyOf: [
            [{ in: 'text', value: { from: 'sample', path: 'challenge' } }],
            [{ in: 'json', path: 'challenge', value: { from: 'sample', path: 'challenge' } }],
            [{ in: 'form', name: 'challenge', value: { from: 'sample', path: 'challenge' } }],
          ],
          advisory: [],
          afterFailure:
            "The Request URL is not saved: Slack says it didn't respond with the value of the challenge parameter.",
          summary:
            'status 200 with the challenge: as the plain-text body, as JSON {"challenge"} or as the form field challenge',
        },
      },
    },
    {
      type: 'app_mention',
      description: 'The app was mentioned.',
      sample: callback({
        type: 'app_mention',
        user: '{{id:U:10}}',
        text: '<@U0LAN0Z89> is it everything?',
        channel: '{{id:C:10}}',
      }),
    },
    {
      type: 'message',
      description: 'A message was posted in a channel.',
      sample: callback({ type: 'message', user: '{{id:U:10}}', text: 'Hello world', channel: '{{id:C:10}}' }),
    },
    {
      type: 'reaction_added',
      description: 'A reaction was added.',
      sample: callback({ type: 'reaction_added', user: '{{id:U:10}}', reaction: '{{pick:thumbsup|tada|eyes}}' }),
    },
    ...slackListedEvents(new Set(['url_verification', 'app_mention', 'message', 'reaction_added'])),
  ],
  envelope: {
    description: '{ token, team_id, api_app_id, event { type, ... }, type: "event_callback", event_id, event_time }',
    requiredKeys: ['token', 'type'],
  },
  eventTypeLocations: [
    { in: 'body', path: 'event.type' },
    { in: 'body', path: 'type' },
  ],
  detection: { headers: ['X-Slack-Signature', 'X-Slack-Request-Timestamp'], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'event_id', prefix: 'Ev', description: 'Event id.' }],
    delivery: { generate: { style: 'prefixed', prefix: 'Ev' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 3 * SECOND,
    success: '2xx',
    retryDelaysMs: [1 * SECOND, 1 * MINUTE, 5 * MINUTE],
    afterFailure: 'Dropped; Slack may disable event delivery after sustained failures.',
  },
  notes: [
    'Retries: https://api.slack.com/apis/events-api#retries - a request not answered with a 2xx within 3 s is retried 3 times: nearly immediately (taken as 1 s here), after 1 minute, after 5 minutes. Each retry carries X-Slack-Retry-Num (1, 2, 3) and X-Slack-Retry-Reason: http_timeout, http_error, connection_failed, ssl_error, too_many_redirects or unknown_error (redirects are not followed by Hookscope, so too_many_redirects never shows). A handler can answer X-Slack-No-Retry: 1 to stop them; Hookscope does not read it.',
    'url_verification (https://api.slack.com/events/url_verification): a signed request carrying "challenge"; the handler answers 200 with that value as plain text, as JSON {"challenge": ...} or as a form body challenge=..., else the Request URL is not saved.',
    `Events: url_verification, app_mention, message and reaction_added by hand, then every other event type of ${SLACK_EVENTS_SOURCE}; regenerate with scripts/providers/slack-events.mjs. Each sample holds the fields the library requires for that event, with values chosen by field name and Slack's id prefixes (U, C, T, A, F, S...). Descriptions are Hookscope's own, one per event (slack/descriptions.ts). A message event's subtype (${SLACK_MESSAGE_SUBTYPES.join(', ')}) is a field of the message event, not an event type of its own: the type stays "message".`,
    "event_time and event_ts are the moment the delivery is created on the sender's clock, the same on every retry; X-Slack-Request-Timestamp is the signing time of each attempt.",
  ],
};
