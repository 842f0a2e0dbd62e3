import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { SECOND, UNDOCUMENTED_TIMEOUT_MS, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

/** The app key X-Pusher-Key names (the token whose secret signed); a sample value. */
export const PUSHER_SAMPLE_APP_KEY = '7a4d3c2b1e0f9a8b7c6d';

const PRESENCE = 'presence-{{pick:lobby|room-42|support}}';

/** One event of each kind, as https://pusher.com/docs/channels/server_api/webhooks/ shows them. */
const EVENTS: { type: string; description: string; event: JsonObject }[] = [
  {
    type: 'channel_occupied',
    description: 'A channel got its first subscriber (channel existence).',
    event: { channel: '{{pick:private-orders|chat|presence-lobby}}-{{int:1:99999}}' },
  },
  {
    type: 'channel_vacated',
    description: 'A channel lost its last subscriber (channel existence).',
    event: { channel: '{{pick:private-orders|chat|presence-lobby}}-{{int:1:99999}}' },
  },
  {
    type: 'member_added',
    description: 'A user joined a presence channel.',
    event: { channel: PRESENCE, user_id: 'user-{{int:1:9999}}' },
  },
  {
    type: 'member_removed',
    description: 'A user left a presence channel.',
    event: { channel: PRESENCE, user_id: 'user-{{int:1:9999}}' },
  },
  {
    type: 'client_event',
    description: 'A client triggered a client- event on a private or presence channel.',
    event: {
      channel: PRESENCE,
      event: 'client-typing',
      data: '{"typing":true}',
      socket_id: '{{int:100000:999999}}.{{int:1000000:9999999}}',
      user_id: 'user-{{int:1:9999}}',
    },
  },
  {
    type: 'cache_miss',
    description: 'A client subscribed to a cache channel that has no cached event.',
    event: { channel: 'cache-{{pick:prices|scores}}' },
  },
  {
    type: 'subscription_count',
    description: 'The number of subscribers of a channel changed.',
    event: { channel: '{{pick:chat|private-orders}}', subscription_count: '{{int:1:500}}' },
  },
];

export const pusher: ProviderDefinition = {
  id: 'pusher',
  name: 'Pusher Channels',
  kind: 'common-scheme',
  description:
    'Pusher Channels webhooks (channel existence, presence, client events, cache misses, subscription counts): X-Pusher-Key and a hex HMAC-SHA256 of the body.',
  source: 'https://pusher.com/docs/channels/server_api/webhooks/',
  headers: [
    jsonContentType(),
    {
      name: 'X-Pusher-Key',
      description: "The app key of the token that signed (the app's oldest active token).",
      value: { kind: 'static', value: PUSHER_SAMPLE_APP_KEY },
    },
    signatureHeader('X-Pusher-Signature', "Hex HMAC-SHA256 of the raw body, keyed with the token's secret."),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Pusher hex HMAC-SHA256 of the body',
        header: 'X-Pusher-Signature',
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: EVENTS.map(({ type, description, event }) => ({
    type,
    description,
    sample: { time_ms: '{{time:unix-ms}}', events: [{ name: '{{eventType}}', ...event }] },
  })),
  envelope: {
    description:
      '{ time_ms (unix ms when the webhook was made), events: [{ name, channel, ... }] }: one event, or several with batch webhooks on',
    requiredKeys: ['time_ms', 'events'],
    timeField: { path: 'time_ms', format: 'unix-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'events[0].name' }],
  detection: { headers: ['X-Pusher-Key', 'X-Pusher-Signature'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: [10 * SECOND, 20 * SECOND, 40 * SECOND, 80 * SECOND, 150 * SECOND],
    afterFailure: 'Dropped once 5 minutes of retries have passed.',
  },
  notes: [
    "Scheme: https://pusher.com/docs/channels/server_api/webhooks/ (Authentication) - X-Pusher-Key names the app's oldest active token, X-Pusher-Signature is the hex HMAC-SHA256 of the raw body keyed with that token's secret. Proven against the `pusher` library's webhook(request).isValid() (test/core/providers/oracles/pusher.test.ts).",
    'The secret to paste is the app secret (App Keys in the dashboard); the sender sends a sample app key in X-Pusher-Key (change the header to yours: the `pusher` library refuses a key that is not its app key).',
    'Retries: a non-2xx answer is retried "with exponential backoff, for 5 minutes" (same page). The steps are not published; the sender uses 10, 20, 40, 80 and 150 s (5 minutes in all).',
    "Timeout: not documented; the sender uses Hookscope's visible default of 30 s.",
    'Body: { time_ms, events: [...] } with one event, or several when batch webhooks are enabled; samples carry one event, whose name is the event type. There is no delivery id header.',
    'Events: channel_occupied, channel_vacated, member_added, member_removed, client_event, cache_miss, subscription_count (same page).',
  ],
};
