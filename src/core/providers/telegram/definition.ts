import type { EventTypeLocation, JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  UNDOCUMENTED_NOTE,
  UNDOCUMENTED_RETRY_DELAYS_MS,
  UNDOCUMENTED_TIMEOUT_MS,
  jsonContentType,
} from '../definition-parts';

/** Update kinds: the one optional field an Update carries besides update_id. */
const EVENTS: Record<string, string> = {
  message: 'A new incoming message of any kind (text, photo, sticker...).',
  edited_message: 'A message the bot knows was edited.',
  channel_post: 'A new post in a channel the bot is in.',
  edited_channel_post: 'A channel post was edited.',
  business_message: 'A new message from a connected business account.',
  edited_business_message: 'A message from a connected business account was edited.',
  deleted_business_messages: 'Messages were deleted from a connected business account.',
  message_reaction: 'A user changed a reaction on a message (the bot must be an administrator).',
  message_reaction_count: 'The anonymous reactions on a message changed.',
  callback_query: 'A user pressed an inline keyboard button on a message of the bot.',
  poll: "A poll's state changed (bots receive only updates about their own or stopped polls).",
  my_chat_member: "The bot's own membership status changed in a chat.",
  chat_member: "A member's status changed in a chat (the bot must be an administrator).",
  chat_join_request: 'A request to join the chat was sent.',
  chat_boost: 'A chat boost was added or changed.',
  removed_chat_boost: 'A boost was removed from a chat.',
};

const CHAT_TYPES = ['private', 'group', 'supergroup', 'channel'];

/**
 * Telegram names no event type: the update's kind is the field it carries. Each kind is read from a
 * field inside it whose values form a closed set (a chat's type, a poll's type), mapped to the kind.
 */
const LOCATIONS: EventTypeLocation[] = Object.keys(EVENTS).map((kind) => {
  if (kind === 'poll') return { in: 'body', path: 'poll.type', names: { regular: 'poll', quiz: 'poll' } };
  const path = kind === 'callback_query' ? 'callback_query.message.chat.type' : `${kind}.chat.type`;
  return { in: 'body', path, names: Object.fromEntries(CHAT_TYPES.map((t) => [t, kind])) };
});

const user = {
  id: '{{int:100000000:999999999}}',
  is_bot: false,
  first_name: 'Ada',
  username: 'ada',
  language_code: 'en',
};
const privateChat = { id: '{{int:100000000:999999999}}', first_name: 'Ada', username: 'ada', type: 'private' };
const group = { id: '-100{{int:1000000000:1999999999}}', title: 'Acme support', type: 'supergroup' };
const channel = { id: '-100{{int:1000000000:1999999999}}', title: 'Acme news', username: 'acmenews', type: 'channel' };

const message = (chat: JsonObject, text: string): JsonObject => ({
  message_id: '{{int:1:99999}}',
  from: user,
  chat,
  date: '{{time:unix-s}}',
  text,
});

const member = (status: string): JsonObject => ({ user, status });

function update(kind: string): JsonObject {
  switch (kind) {
    case 'message':
      return message(privateChat, '/start');
    case 'edited_message':
      return { ...message(privateChat, 'Hello, corrected'), edit_date: '{{time:unix-s}}' };
    case 'channel_post': {
      const { from: _from, ...post } = message(channel, 'New release is out.');
      return post;
    }
    case 'edited_channel_post': {
      const { from: _from, ...post } = message(channel, 'New release 1.2 is out.');
      return { ...post, edit_date: '{{time:unix-s}}' };
    }
    case 'business_message':
      return { ...message(privateChat, 'Is the shop open today?'), business_connection_id: '{{id::22}}' };
    case 'edited_business_message':
      return {
        ...message(privateChat, 'Is the shop open tomorrow?'),
        business_connection_id: '{{id::22}}',
        edit_date: '{{time:unix-s}}',
      };
    case 'deleted_business_messages':
      return { business_connection_id: '{{id::22}}', chat: privateChat, message_ids: ['{{int:1:99999}}'] };
    case 'message_reaction':
      return {
        chat: group,
        message_id: '{{int:1:99999}}',
        user,
        date: '{{time:unix-s}}',
        old_reaction: [],
        new_reaction: [{ type: 'emoji', emoji: '👍' }],
      };
    case 'message_reaction_count':
      return {
        chat: channel,
        message_id: '{{int:1:99999}}',
        date: '{{time:unix-s}}',
        reactions: [{ type: { type: 'emoji', emoji: '🔥' }, total_count: '{{int:1:500}}' }],
      };
    case 'callback_query':
      return {
        id: '{{int:1000000000:9999999999}}',
        from: user,
        message: {
          ...message(privateChat, 'Choose a plan:'),
          from: { id: 7000000001, is_bot: true, first_name: 'AcmeBot', username: 'acme_bot' },
        },
        chat_instance: '{{int:1000000000:9999999999}}',
        data: 'plan:pro',
      };
    case 'poll':
      return {
        id: '{{int:1000000000:9999999999}}',
        question: 'Which day suits the meetup?',
        options: [
          { text: 'Tuesday', voter_count: '{{int:0:50}}' },
          { text: 'Thursday', voter_count: '{{int:0:50}}' },
        ],
        total_voter_count: '{{int:0:100}}',
        is_closed: true,
        is_anonymous: true,
        type: 'regular',
        allows_multiple_answers: false,
        open_period: 600,
        close_date: '{{time:unix-s}}',
      };
    case 'my_chat_member':
    case 'chat_member':
      return {
        chat: group,
        from: user,
        date: '{{time:unix-s}}',
        old_chat_member: member('left'),
        new_chat_member: member('member'),
      };
    case 'chat_join_request':
      return { chat: group, from: user, user_chat_id: '{{int:100000000:999999999}}', date: '{{time:unix-s}}' };
    case 'chat_boost':
      return {
        chat: channel,
        boost: {
          boost_id: '{{id::16}}',
          add_date: '{{time:unix-s}}',
          expiration_date: '{{time:unix-s}}',
          source: { source: 'premium', user },
        },
      };
    default:
      return {
        chat: channel,
        boost_id: '{{id::16}}',
        remove_date: '{{time:unix-s}}',
        source: { source: 'premium', user },
      };
  }
}

export const telegram: ProviderDefinition = {
  id: 'telegram',
  name: 'Telegram Bot API',
  kind: 'common-scheme',
  description:
    'Telegram bot updates by webhook: no signature, the secret_token set with setWebhook in X-Telegram-Bot-Api-Secret-Token.',
  source: 'https://core.telegram.org/bots/api#setwebhook',
  headers: [
    jsonContentType(),
    {
      name: 'X-Telegram-Bot-Api-Secret-Token',
      description: 'The secret_token given to setWebhook, as is (no signature).',
      value: { kind: 'signature' },
    },
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        name: 'default',
        label: 'Telegram secret token in X-Telegram-Bot-Api-Secret-Token',
        algorithm: 'token',
        header: 'X-Telegram-Bot-Api-Secret-Token',
        format: { kind: 'plain' },
        digest: 'utf8',
        signedContent: { template: '{body}', bodyForms: ['raw'] },
        secretEncoding: 'utf8',
      },
    ],
  },
  events: Object.entries(EVENTS).map(([type, description]) => ({
    type,
    description,
    sample: { update_id: '{{int:100000000:999999999}}', [type]: update(type) },
  })),
  envelope: {
    description: '{ update_id, <kind>: { ... } } with exactly one kind (message, callback_query, ...)',
    requiredKeys: ['update_id'],
  },
  eventTypeLocations: LOCATIONS,
  detection: { headers: ['X-Telegram-Bot-Api-Secret-Token'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure:
      'Given up "after a reasonable amount of attempts" (not quantified); pending updates wait up to 24 hours and show in getWebhookInfo.',
  },
  notes: [
    'Scheme: https://core.telegram.org/bots/api#setwebhook - Telegram signs nothing: a bot that set secret_token (1-256 characters of A-Z, a-z, 0-9, _ and -) receives it as is in X-Telegram-Bot-Api-Secret-Token on every webhook request, and compares it. The body is not protected: a changed body with the right token is valid, and Hookscope says so. The expected token is never shown back.',
    'Proven by the documentation only: Telegram publishes no npm library (its own libraries are for other languages) and no vector; a shared token has nothing to compute. test/core/providers/oracles/telegram.test.ts checks both directions against an independent constant-time comparison written from that page.',
    'Delivery: https://core.telegram.org/bots/api#setwebhook - a non-2xx answer is repeated and "given up after a reasonable amount of attempts"; https://core.telegram.org/bots/api#getting-updates - updates are kept up to 24 hours. Webhooks need https on port 443, 80, 88 or 8443. The retry ladder and timeout are not quantified.',
    'Event types: Telegram sends no event type; an Update (https://core.telegram.org/bots/api#update) carries update_id and exactly one optional field naming its kind. Hookscope reads the kind from a closed-set field inside it (<kind>.chat.type, callback_query.message.chat.type, poll.type). Kinds with no such field (inline_query, chosen_inline_result, shipping_query, pre_checkout_query, poll_answer, business_connection, purchased_paid_media) are not listed: their type could not be recognised.',
    'update_id is a number that grows by one per update; the delivery id is made by Hookscope. Times are unix seconds (date, edit_date...).',
    UNDOCUMENTED_NOTE,
  ],
};
