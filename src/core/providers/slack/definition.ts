import type { ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

function callback(event: { [key: string]: string | number }) {
  return {
    token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
    team_id: '{{id:T:10}}',
    api_app_id: '{{id:A:10}}',
    event: { ...event, event_ts: '{{time:unix-s}}.000100' },
    type: 'event_callback',
    event_id: '{{id:Ev:10}}',
    event_time: '{{time:unix-s}}',
  };
}

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
    'url_verification (https://api.slack.com/events/url_verification): a signed request carrying "challenge"; the handler answers 200 with that value as plain text, as JSON {"challenge": ...} or as a form body challenge=..., else the Request URL is not saved.',
    'Slack retries "nearly immediately, then after 1 minute, then after 5 minutes"; "nearly immediately" is taken as 1 s.',
    "event_time and event_ts are the moment the delivery is created on the sender's clock, the same on every retry; X-Slack-Request-Timestamp is the signing time of each attempt.",
  ],
};
