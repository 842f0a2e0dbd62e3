import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { SECOND, jsonContentType, signatureHeader } from '../definition-parts';

const TYPES: Record<string, string> = {
  '1': 'PING',
  '2': 'APPLICATION_COMMAND',
  '3': 'MESSAGE_COMPONENT',
  '4': 'APPLICATION_COMMAND_AUTOCOMPLETE',
  '5': 'MODAL_SUBMIT',
};

/** Snowflake ids are strings of digits (they exceed a JavaScript number's exact range). */
const SNOWFLAKE = '1{{int:100000000:999999999}}{{int:100000000:999999999}}';

const user = { id: SNOWFLAKE, username: 'ada', global_name: 'Ada', discriminator: '0', avatar: null };

function interaction(type: number, extra: JsonObject = {}): JsonObject {
  const base: JsonObject = {
    id: SNOWFLAKE,
    application_id: SNOWFLAKE,
    type,
    token: '{{id:aW50ZXJhY3Rpb246:120}}',
    version: 1,
  };
  if (type === 1) return { ...base, user };
  return {
    ...base,
    guild_id: SNOWFLAKE,
    channel_id: SNOWFLAKE,
    member: { user, roles: [], joined_at: '{{time:iso-ms}}', permissions: '2147483647' },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '2147483647',
    entitlements: [],
    ...extra,
  };
}

export const discord: ProviderDefinition = {
  id: 'discord',
  name: 'Discord interactions',
  kind: 'common-scheme',
  description:
    'Discord interactions (slash commands, buttons, modals) sent to an Interactions Endpoint URL, signed with Ed25519.',
  source:
    'https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers',
  headers: [
    jsonContentType(),
    signatureHeader('X-Signature-Ed25519', 'Hex Ed25519 signature of "<timestamp><body>".'),
    {
      name: 'X-Signature-Timestamp',
      description: 'Unix seconds; signed in front of the body.',
      value: { kind: 'timestamp' },
    },
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        name: 'default',
        label: 'Ed25519, hex, over "<X-Signature-Timestamp><body>"',
        algorithm: 'ed25519',
        header: 'X-Signature-Ed25519',
        format: { kind: 'plain' },
        digest: 'hex',
        signedContent: { template: '{timestamp}{body}', bodyForms: ['raw'] },
        timestamp: { in: 'header', header: 'X-Signature-Timestamp' },
        secretEncoding: 'utf8',
      },
    ],
  },
  events: [
    {
      type: 'PING',
      description: 'The handshake when the endpoint URL is saved (and at random later): answer {"type":1}.',
      sample: interaction(1),
      handshake: {
        request: { method: 'POST', query: {}, headers: [], body: 'sample', signed: true },
        answer: {
          status: [200],
          anyOf: [[{ in: 'json', path: 'type', value: { from: 'literal', value: 1 } }]],
          advisory: [],
          afterFailure: 'The Interactions Endpoint URL is not saved (Discord says it could not be verified).',
          summary: 'status 200 with the JSON body {"type": 1} (PONG)',
        },
      },
    },
    {
      type: 'APPLICATION_COMMAND',
      description: 'A slash, user or message command was used.',
      sample: interaction(2, {
        data: {
          id: SNOWFLAKE,
          name: 'blep',
          type: 1,
          options: [{ name: 'animal', type: 3, value: '{{pick:animal_dog|animal_cat|animal_penguin}}' }],
        },
      }),
    },
    {
      type: 'MESSAGE_COMPONENT',
      description: 'A button or select menu on a message was used.',
      sample: interaction(3, {
        data: { custom_id: 'click_one', component_type: 2 },
        message: { id: SNOWFLAKE, content: 'Pick one', timestamp: '{{time:iso-ms}}' },
      }),
    },
    {
      type: 'APPLICATION_COMMAND_AUTOCOMPLETE',
      description: 'A user is typing a command option that autocompletes.',
      sample: interaction(4, {
        data: {
          id: SNOWFLAKE,
          name: 'blep',
          type: 1,
          options: [{ name: 'animal', type: 3, value: 'pe', focused: true }],
        },
      }),
    },
    {
      type: 'MODAL_SUBMIT',
      description: 'A modal was submitted.',
      sample: interaction(5, {
        data: {
          custom_id: 'feedback',
          components: [{ type: 1, components: [{ type: 4, custom_id: 'comment', value: 'Great bot' }] }],
        },
      }),
    },
  ],
  envelope: {
    description: '{ id, application_id, type (1-5), token, version: 1, ... }',
    requiredKeys: ['id', 'application_id', 'type', 'token', 'version'],
  },
  eventTypeLocations: [{ in: 'body', path: 'type', names: TYPES }],
  detection: { headers: ['X-Signature-Ed25519', 'X-Signature-Timestamp'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 3 * SECOND,
    success: '2xx',
    retryDelaysMs: [],
    afterFailure:
      'Not retried: the user sees "This interaction failed". Saving the URL fails unless the PING is answered and a badly signed request is refused with 401.',
  },
  notes: [
    'Scheme: https://discord.com/developers/docs/interactions/overview (Validating Security Request Headers) - Ed25519 over the X-Signature-Timestamp value followed by the raw body, hex in X-Signature-Ed25519, checked with the application\'s "Public Key" (64 hex characters). Proven against discord-interactions\' verifyKey and tweetnacl (test/core/providers/oracles).',
    "Hookscope plays Discord with a key pair of its own (`hookscope keypair discord`): it signs with the private key; configure your handler with the public key it prints. To verify captures, paste that public key (or your application's) as the endpoint secret.",
    'PING (https://discord.com/developers/docs/interactions/receiving-and-responding, Receiving an Interaction): a signed interaction of type 1, answered with 200 and {"type": 1} (PONG), else the URL is not saved; it is a handshake here, sent once and judged. Discord also checks that a badly signed request is refused with 401: the handler check\'s signature rows cover that.',
    'Discord documents no timestamp window; none is enforced here.',
    'Timeout: an interaction must be answered within 3 s (https://discord.com/developers/docs/interactions/receiving-and-responding). Discord does not retry.',
    'The event type is the numeric "type" field: 1 PING, 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 4 APPLICATION_COMMAND_AUTOCOMPLETE, 5 MODAL_SUBMIT.',
    "Snowflake ids are strings of digits, as Discord sends them (they exceed a JavaScript number's exact range).",
  ],
};
