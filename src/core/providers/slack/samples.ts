/**
 * Slack samples: the Events API envelope (`event_callback`) around one
 * event. The event's fields are the ones `@slack/types` requires for it
 * (their shape is in events.json); their values are chosen here by field
 * name, with Slack's id prefixes (U users, C channels, T teams, A apps,
 * F files...). Times are the send instant.
 */
import type { JsonObject, JsonValue } from '../../../shared/providers';
import { fillShape, type LeafValue, type Shape } from '../samples/shape';

/** The envelope around an event: the same for every event type. */
export function callback(event: { [key: string]: JsonValue }): JsonObject {
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

const ID_PREFIX: Record<string, string> = {
  user: 'U',
  actor: 'U',
  channel: 'C',
  team: 'T',
  app: 'A',
  file: 'F',
  subteam: 'S',
  enterprise: 'E',
  bot: 'B',
  workflow: 'Wf',
  function: 'Fn',
  invite: 'I',
  comment: 'Fc',
};

/** The Slack object a field names: `channel_id`, `old_channel_id` → channel; `approving_user` → user; `id` inside a `channel` → channel. */
function entityOf(name: string, parent: string): string | undefined {
  const words = name.split('_').filter((w) => w !== 'id' && w !== 'ids');
  if (name === 'id' || name === 'ids' || words.length === 0) return entityOf(parent, '');
  if (/^(creator|created_by|pinned_by|item_user|inviter|owner)$/.test(name) || name.endsWith('owner_id')) return 'user';
  const last = words[words.length - 1].replace(/s$/, '');
  if (ID_PREFIX[last]) return last;
  const first = words[0].replace(/s$/, '');
  return ID_PREFIX[first] ? first : undefined;
}

const TEXT: Record<string, string> = {
  token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
  text: 'Hello world',
  reaction: 'thumbsup',
  real_name: 'Ada Lovelace',
  real_name_normalized: 'Ada Lovelace',
  display_name: 'ada',
  display_name_normalized: 'ada',
  email: 'ada@example.com',
  email_domain: 'example.com',
  domain: 'hookscope',
  team_domain: 'hookscope',
  tz: 'Europe/London',
  tz_label: 'Greenwich Mean Time',
  color: '9f69e7',
  title: 'Weekly sync',
  handle: 'eng',
  callback_id: 'approve_request',
  user_locale: 'en-GB',
  channel_type: 'channel',
  link: 'https://example.com/hookscope',
  trigger_id: '{{int:1000000000:9999999999}}.{{int:1000000000:9999999999}}.{{hex:32}}',
};

const NAMES: Record<string, string> = {
  channel: 'general',
  team: 'Hookscope',
  user: 'ada',
  app: 'Hookscope',
  subteam: 'Engineering',
};

function stringFor(name: string, parent: string): string {
  if (TEXT[name] !== undefined) return TEXT[name];
  if (name === 'type') return parent === 'item' ? 'message' : parent === 'function' ? 'app' : '';
  if (name.endsWith('_normalized')) return stringFor(name.slice(0, -'_normalized'.length), parent);
  if (name === 'name' || name.endsWith('_name'))
    return NAMES[entityOf(parent, '') ?? ''] ?? NAMES[name.split('_')[0]] ?? 'example';
  if (name === 'ts' || name === 'latest' || name.endsWith('_ts')) return '{{time:unix-s}}.000200';
  if (name === 'url' || name.endsWith('_url') || name.startsWith('image_')) return `https://example.com/${name}`;
  const entity = entityOf(name, parent);
  if (entity) return `{{id:${ID_PREFIX[entity]}:10}}`;
  // Slack sends an empty string for a field nobody filled in (a profile's phone, a status text).
  return '';
}

/** The flags that say what a channel or user group is; every other flag is false. */
const TRUE_FLAGS = new Set(['is_channel', 'is_usergroup', 'is_subteam']);

function numberFor(name: string): number | string {
  if (/date|created|updated|time|_ts$|^ts$|^updated$|^created$/.test(name)) return '{{time:unix-s}}';
  return name === 'tz_offset' ? 0 : 1;
}

/** Slack's value for a leaf field, by its name. */
const leaf: LeafValue = (kind, name, parent) => {
  switch (kind) {
    case 'string':
      return stringFor(name, parent);
    case 'number':
      return numberFor(name);
    case 'boolean':
      return TRUE_FLAGS.has(name);
    case 'array': {
      const entity = entityOf(name, parent);
      return entity ? [`{{id:${ID_PREFIX[entity]}:10}}`] : [];
    }
    default:
      return {};
  }
};

/** An event of `type` from its recorded shape (its `type` field first, as Slack sends it). */
export function innerEvent(type: string, fields: { [field: string]: Shape }): JsonObject {
  const event: JsonObject = { type };
  for (const [field, shape] of Object.entries(fields))
    if (field !== 'type') event[field] = fillShape(shape, field, '', leaf);
  return event;
}
