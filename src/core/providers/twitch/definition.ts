import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { SECOND, UNDOCUMENTED_RETRY_DELAYS_MS, jsonContentType, signatureHeader } from '../definition-parts';

/** EventSub subscription types (https://dev.twitch.tv/docs/eventsub/eventsub-subscription-types/), by resource. */
const EVENTS: Record<string, string> = {
  'channel.update': "A broadcaster updated their channel's title, category or language.",
  'channel.follow': 'A user followed a channel.',
  'channel.subscribe': 'A user subscribed to a channel.',
  'channel.subscription.end': 'A subscription to a channel ended.',
  'channel.subscription.gift': 'A user gave subscriptions in a channel.',
  'channel.cheer': 'A user cheered Bits in a channel.',
  'channel.raid': 'A broadcaster raided another channel.',
  'channel.ban': 'A viewer was banned from a channel.',
  'channel.unban': 'A viewer was unbanned from a channel.',
  'channel.channel_points_custom_reward_redemption.add': 'A viewer redeemed a custom Channel Points reward.',
  'channel.poll.begin': 'A poll began.',
  'channel.poll.end': 'A poll ended.',
  'stream.online': 'A broadcaster went live.',
  'stream.offline': 'A broadcaster stopped streaming.',
  'user.authorization.grant': 'A user authorized the application.',
  'user.authorization.revoke': "A user revoked the application's access.",
  'user.update': 'A user updated their account.',
};

const BROADCASTER = {
  broadcaster_user_id: '{{int:10000000:99999999}}',
  broadcaster_user_login: 'cooler_user',
  broadcaster_user_name: 'Cooler_User',
};
const VIEWER = { user_id: '{{int:10000000:99999999}}', user_login: 'cool_user', user_name: 'Cool_User' };

function event(type: string): JsonObject {
  if (type.startsWith('user.'))
    return { client_id: '{{id::30}}', ...VIEWER, ...(type === 'user.update' ? { email: 'user@example.com' } : {}) };
  if (type === 'stream.online')
    return { id: '{{int:1000000000:9999999999}}', ...BROADCASTER, type: 'live', started_at: '{{time:iso}}' };
  if (type === 'stream.offline') return { ...BROADCASTER };
  if (type === 'channel.update')
    return {
      ...BROADCASTER,
      title: 'Best Stream Ever',
      language: 'en',
      category_id: '509658',
      category_name: 'Just Chatting',
    };
  if (type === 'channel.follow') return { ...VIEWER, ...BROADCASTER, followed_at: '{{time:iso}}' };
  if (type === 'channel.raid')
    return {
      from_broadcaster_user_id: '{{int:10000000:99999999}}',
      from_broadcaster_user_login: 'cool_user',
      from_broadcaster_user_name: 'Cool_User',
      to_broadcaster_user_id: '{{int:10000000:99999999}}',
      to_broadcaster_user_login: 'cooler_user',
      to_broadcaster_user_name: 'Cooler_User',
      viewers: '{{int:1:9999}}',
    };
  if (type.startsWith('channel.poll.'))
    return {
      id: '{{uuid}}',
      ...BROADCASTER,
      title: 'Which map next?',
      choices: [{ id: '{{uuid}}', title: 'Dust' }],
      started_at: '{{time:iso}}',
      ...(type.endsWith('end') ? { status: 'completed', ended_at: '{{time:iso}}' } : { ends_at: '{{time:iso}}' }),
    };
  return { ...VIEWER, ...BROADCASTER, tier: '1000', is_gift: false };
}

function subscription(type: string, status: string): JsonObject {
  return {
    id: '{{uuid}}',
    status,
    type,
    version: type === 'channel.follow' ? '2' : '1',
    cost: 0,
    condition: type.startsWith('user.')
      ? { client_id: '{{id::30}}' }
      : { broadcaster_user_id: BROADCASTER.broadcaster_user_id },
    transport: { method: 'webhook', callback: 'https://example.com/webhooks/callback' },
    created_at: '{{time:iso}}',
  };
}

export const twitch: ProviderDefinition = {
  id: 'twitch',
  name: 'Twitch EventSub',
  kind: 'common-scheme',
  description:
    'Twitch EventSub over webhooks, signed sha256=<hex> over "<message id><timestamp><body>", with a callback verification challenge.',
  source: 'https://dev.twitch.tv/docs/eventsub/handling-webhook-events/',
  headers: [
    jsonContentType(),
    {
      name: 'Twitch-Eventsub-Message-Id',
      description: 'The message id; the same when Twitch resends it. Signed.',
      value: { kind: 'delivery-id' },
    },
    {
      name: 'Twitch-Eventsub-Message-Type',
      description: 'notification, webhook_callback_verification or revocation.',
      value: { kind: 'static', value: 'notification' },
    },
    {
      name: 'Twitch-Eventsub-Message-Timestamp',
      description: 'RFC 3339 time of sending; signed.',
      value: { kind: 'timestamp' },
    },
    signatureHeader('Twitch-Eventsub-Message-Signature', 'sha256=<hex HMAC-SHA256> over id + timestamp + body.'),
    {
      name: 'Twitch-Eventsub-Subscription-Type',
      description: 'The subscription type (channel.follow...).',
      value: { kind: 'event-type' },
    },
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        name: 'default',
        label: 'Twitch sha256=<hex> over "<message id><timestamp><body>"',
        algorithm: 'hmac-sha256',
        header: 'Twitch-Eventsub-Message-Signature',
        format: { kind: 'prefixed', prefix: 'sha256=' },
        digest: 'hex',
        signedContent: { template: '{id}{timestamp}{body}', bodyForms: ['raw'] },
        timestamp: { in: 'header', header: 'Twitch-Eventsub-Message-Timestamp' },
        timestampUnit: 'iso',
        idHeader: 'Twitch-Eventsub-Message-Id',
        toleranceSeconds: 600,
        secretEncoding: 'utf8',
      },
    ],
  },
  events: [
    {
      type: 'webhook_callback_verification',
      description:
        'The challenge sent when a subscription is created: answer 200 with the raw challenge string as text/plain.',
      sample: {
        challenge: '{{id::32}}',
        subscription: subscription('channel.follow', 'webhook_callback_verification_pending'),
      },
      handshake: {
        request: {
          method: 'POST',
          query: {},
          headers: [
            {
              name: 'Twitch-Eventsub-Message-Type',
              value: { from: 'literal', value: 'webhook_callback_verification' },
            },
            { name: 'Twitch-Eventsub-Subscription-Type', value: { from: 'sample', path: 'subscription.type' } },
          ],
          body: 'sample',
          signed: true,
        },
        answer: {
          status: [200],
          anyOf: [[{ in: 'text', value: { from: 'sample', path: 'challenge' } }]],
          advisory: [
            {
              in: 'header',
              name: 'Content-Type',
              value: { from: 'literal', value: 'text/plain' },
              match: 'media-type',
            },
          ],
          afterFailure:
            'The subscription is not enabled: its status becomes webhook_callback_verification_failed and no events are sent.',
          summary: 'status 200 with the raw challenge string as the whole body (not JSON)',
        },
      },
    },
    ...Object.entries(EVENTS).map(([type, description]) => ({
      type,
      description,
      sample: { subscription: subscription(type, 'enabled'), event: event(type) },
    })),
  ],
  envelope: {
    description:
      '{ subscription { id, status, type, version, cost, condition, transport, created_at }, event { ... } }',
    requiredKeys: ['subscription'],
  },
  eventTypeLocations: [
    {
      in: 'body',
      path: 'subscription.status',
      names: { webhook_callback_verification_pending: 'webhook_callback_verification' },
    },
    { in: 'header', name: 'Twitch-Eventsub-Subscription-Type' },
    { in: 'body', path: 'subscription.type' },
  ],
  detection: {
    headers: ['Twitch-Eventsub-Message-Signature', 'Twitch-Eventsub-Message-Id'],
    headersAreGeneric: false,
  },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 3 * SECOND,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure:
      'Dropped; after too many failures the subscription status becomes notification_failures_exceeded and Twitch revokes it (a revocation message is sent).',
  },
  notes: [
    'Scheme: https://dev.twitch.tv/docs/eventsub/handling-webhook-events/ (Verifying the event message) - Twitch-Eventsub-Message-Signature is "sha256=" + hex HMAC-SHA256, keyed with the secret given when subscribing, of Twitch-Eventsub-Message-Id + Twitch-Eventsub-Message-Timestamp + the raw body; messages older than 10 minutes are to be rejected (toleranceSeconds 600). The timestamp is RFC 3339; Hookscope writes it with milliseconds (Twitch writes nanoseconds).',
    'Challenge (same page, Responding to a challenge request): a webhook_callback_verification message, signed like the others, carries "challenge"; the handler answers 200 with the raw challenge string as the body (a framework that wraps it in JSON fails), else the subscription fails verification. The example on that page answers with Content-Type text/plain; a Twitch forum moderator says no header is required (https://discuss.dev.twitch.com/t/return-challenge-field-on-subscription-with-java-eventsub/31231), so a missing text/plain is named as advice, not a failure.',
    'Timeout: "respond within a few seconds" (same page); Hookscope takes 3 s. Retries: Twitch resends (Twitch-Eventsub-Message-Retry) but its schedule is not documented; the sender uses Hookscope\'s visible default (retries after 1, 5, 15 and 30 minutes).',
    'The event type is the subscription type (Twitch-Eventsub-Subscription-Type, also subscription.type); a challenge is recognised by its subscription status webhook_callback_verification_pending. Twitch-Eventsub-Message-Retry and Twitch-Eventsub-Subscription-Version are not sent by Hookscope (the version is in subscription.version); revocation messages are not played.',
    'Proven by the documented recipe only (Twitch publishes no verification library on npm and no test vector): test/core/providers/oracles/handshake-providers.test.ts computes the signature with node:crypto.',
  ],
};
