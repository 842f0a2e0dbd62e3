import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { UNDOCUMENTED_TIMEOUT_MS, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

/** The Event union of @line/bot-sdk 11.2.0 (lib/webhook/model/event.ts), as the Messaging API reference lists it. */
const EVENTS: Record<string, string> = {
  message: 'A user sent a message (text, image, video, audio, file, location, sticker). Replyable.',
  messageEdited: 'A user edited a message they sent.',
  unsend: 'A user unsent a message.',
  follow: 'The account was added as a friend or unblocked. Replyable.',
  unfollow: 'The account was blocked.',
  join: 'The account joined a group or multi-person chat. Replyable.',
  leave: 'The account was removed from, or left, a group or multi-person chat.',
  memberJoined: 'A user joined a group or multi-person chat the account is in. Replyable.',
  memberLeft: 'A user left a group or multi-person chat the account is in.',
  postback: 'A user performed a postback action. Replyable.',
  videoPlayComplete: 'A user finished watching a video message with a trackingId. Replyable.',
  beacon: "A user entered the range of the account's LINE Beacon. Replyable.",
  accountLink: "A user linked their LINE account with the provider's service account. Replyable.",
  membership: 'A user joined, left or renewed a membership of the account. Replyable.',
  module: 'A module channel was attached to or detached from the account.',
  activated: 'Chat control was given to the module channel.',
  deactivated: 'Chat control was taken back from the module channel.',
  botSuspended: 'The module channel was suspended by the LINE Official Account.',
  botResumed: 'The module channel was resumed.',
  delivery: 'A LINE notification message (PNP) was delivered.',
};

const user = { type: 'user', userId: 'U{{hex:32}}' };
const group = { type: 'group', groupId: 'C{{hex:32}}', userId: 'U{{hex:32}}' };
const REPLYABLE = new Set([
  'message',
  'follow',
  'join',
  'memberJoined',
  'postback',
  'videoPlayComplete',
  'beacon',
  'accountLink',
  'membership',
]);
const textMessage = {
  id: '5{{int:10000000000000:99999999999999}}',
  type: 'text',
  quoteToken: '{{id::64}}',
  text: 'Hello, world',
};

function detail(type: string): JsonObject {
  switch (type) {
    case 'message':
    case 'messageEdited':
      return { source: user, message: textMessage };
    case 'unsend':
      return { source: user, unsend: { messageId: '5{{int:10000000000000:99999999999999}}' } };
    case 'follow':
      return { source: user, follow: { isUnblocked: false } };
    case 'join':
    case 'leave':
      return { source: { type: 'group', groupId: 'C{{hex:32}}' } };
    case 'memberJoined':
      return { source: { type: 'group', groupId: 'C{{hex:32}}' }, joined: { members: [user] } };
    case 'memberLeft':
      return { source: { type: 'group', groupId: 'C{{hex:32}}' }, left: { members: [user] } };
    case 'postback':
      return { source: group, postback: { data: 'action=buy&itemid=111' } };
    case 'videoPlayComplete':
      return { source: user, videoPlayComplete: { trackingId: 'track-id-{{int:1:999}}' } };
    case 'beacon':
      return { source: user, beacon: { hwid: '{{hex:10}}', type: 'enter' } };
    case 'accountLink':
      return { source: user, link: { result: 'ok', nonce: '{{id::32}}' } };
    case 'membership':
      return { source: user, membership: { type: 'joined', membershipId: '{{int:1000:9999}}' } };
    case 'module':
      return { source: user, module: { type: 'attached', botId: 'U{{hex:32}}', scopes: ['message:send'] } };
    case 'activated':
      return { source: user, chatControl: { expireAt: '{{time:unix-ms}}' } };
    case 'deactivated':
      return { source: user };
    case 'delivery':
      return { delivery: { data: '{{hex:64}}' } };
    default:
      return { source: user };
  }
}

export const line: ProviderDefinition = {
  id: 'line',
  name: 'LINE Messaging API',
  kind: 'common-scheme',
  description:
    'LINE Messaging API webhooks: x-line-signature, base64 HMAC-SHA256 of the body keyed with the channel secret.',
  source: 'https://developers.line.biz/en/docs/messaging-api/verify-webhook-signature/',
  headers: [
    jsonContentType('application/json; charset=utf-8'),
    { name: 'User-Agent', description: 'The LINE Platform.', value: { kind: 'static', value: 'LineBotWebhook/2.0' } },
    signatureHeader('x-line-signature', 'Base64 HMAC-SHA256 of the raw body, keyed with the channel secret.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'LINE base64 HMAC-SHA256 of the body (channel secret)',
        header: 'x-line-signature',
        format: { kind: 'plain' },
        digest: 'base64',
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    destination: 'U{{hex:32}}',
    events: [
      {
        type: '{{eventType}}',
        mode: 'active',
        timestamp: '{{time:unix-ms}}',
        webhookEventId: '{{id::26}}',
        deliveryContext: { isRedelivery: false },
        ...(REPLYABLE.has(type) ? { replyToken: '{{hex:32}}' } : {}),
        ...detail(type),
      },
    ],
  })),
  envelope: {
    description:
      '{ destination (the bot user id), events: [{ type, mode, timestamp (unix ms), source, webhookEventId, deliveryContext: { isRedelivery }, replyToken?, ... }] }',
    requiredKeys: ['destination', 'events'],
    timeField: { path: 'events[0].timestamp', format: 'unix-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'events[0].type' }],
  detection: { headers: ['x-line-signature'], headersAreGeneric: false },
  ids: {
    conventions: [
      {
        field: 'destination',
        pattern: '^U[0-9a-f]{32}$',
        description: 'The user id of the bot that receives the events.',
      },
      { field: 'events[0].source.userId', pattern: '^U[0-9a-f]{32}$', description: 'User ids: U and 32 hex digits.' },
    ],
    delivery: { fromPayload: 'events[0].webhookEventId', generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: [],
    afterFailure:
      'Not sent again unless "Webhook redelivery" is enabled on the channel; then LINE resends it with deliveryContext.isRedelivery true, at intervals it does not disclose. A bot server that fails for a long time may stop receiving webhooks.',
  },
  notes: [
    'Scheme: https://developers.line.biz/en/docs/messaging-api/verify-webhook-signature/ - x-line-signature is the base64 HMAC-SHA256 digest of the request body keyed with the channel secret. Proven against @line/bot-sdk (validateSignature).',
    'Events: the Event union of @line/bot-sdk 11.2.0 and https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects (LINE Things events are gone from both). One request can carry several events; samples carry one, and the event type is read from events[0].type. The Verify button in the console sends { destination, events: [] }.',
    'Retries: https://developers.line.biz/en/docs/messaging-api/receiving-messages/#webhook-redelivery - off by default, so the sender makes no retry; when redelivery is enabled the interval and count are not disclosed (edit the ladder to match what you observe). Timeout: not documented; the sender uses the visible 30 s default.',
    'Idempotency: webhookEventId (a ULID) is the same when an event is redelivered. Samples use 26 base-62 characters.',
    'The channel secret (32 hex characters) is the key as text.',
  ],
};
