/**
 * Zoom samples. An event Zoom's SDK (@zoom/rivet) declares is filled from
 * its declared shape (events.json), each value chosen by field name. The
 * others (listed by hand or named only by ZoomNet) come from one template per
 * resource: every event shares the envelope
 * { event, event_ts, payload { account_id, operator, operator_id, object } },
 * and the events of one resource share the shape of `payload.object` (a
 * meeting, a webinar, a recording, a phone call...). Times are the send
 * instant.
 */
import type { JsonObject, JsonValue } from '../../../shared/providers';
import { fillShape, type LeafValue, type Shape } from '../samples/shape';

const HOST = { id: '{{id::22}}', email: 'ada@example.com' };

const PARTICIPANT = { user_id: '{{int:16778240:16799999}}', user_name: 'Grace Hopper', email: 'grace@example.com' };

function meetingObject(): JsonObject {
  return {
    uuid: '{{id::22}}==',
    id: '{{int:80000000000:89999999999}}',
    host_id: HOST.id,
    topic: 'Weekly sync',
    type: 2,
    start_time: '{{time:iso-s}}',
    timezone: 'Europe/London',
    duration: 30,
  };
}

/** A Zoom Phone call leg: who called whom, from which number, when. */
function phoneObject(action: string): JsonObject {
  if (action.startsWith('sms'))
    return {
      message_id: '{{id::22}}',
      message_type: 1,
      date_time: '{{time:iso-s}}',
      sender: { phone_number: '+442071838750', user_id: HOST.id, display_name: 'Ada Lovelace' },
      to_members: [{ phone_number: '+14155552671' }],
      message: 'Running five minutes late.',
    };
  const call: JsonObject = {
    call_id: '71{{int:100000000:999999999}}{{int:10000000:99999999}}',
    caller: { phone_number: '+14155552671', user_id: HOST.id, extension_number: 1001, name: 'Ada Lovelace' },
    callee: { phone_number: '+442071838750', extension_number: 1002, name: 'Grace Hopper' },
    date_time: '{{time:iso-s}}',
  };
  if (action.includes('recording')) return { ...call, recordings: [{ id: '{{uuid}}', date_time: '{{time:iso-s}}' }] };
  if (action.includes('voicemail')) return { ...call, voicemail_id: '{{uuid}}', duration: 23 };
  if (action.includes('settings') || action.includes('peering') || action.includes('device'))
    return { id: '{{id::22}}', date_time: '{{time:iso-s}}', phone_number: '+14155552671' };
  return call;
}

function object(type: string): JsonObject {
  const meeting = meetingObject();
  const [resource, action] = type.split('.');
  if (resource === 'user') return { id: HOST.id, first_name: 'Ada', last_name: 'Lovelace', email: HOST.email, type: 1 };
  if (resource === 'phone') return phoneObject(action);
  if (resource === 'contact_center')
    return {
      asset_id: '{{uuid}}',
      asset_name: 'Welcome greeting',
      asset_type: 'audio',
      modified_time: '{{time:iso-s}}',
    };
  if (resource === 'number_management')
    return { phone_number: '+14155552671', carrier_code: 1, modified_time: '{{time:iso-s}}' };
  if (resource === 'recording')
    return {
      ...meeting,
      recording_files:
        action === 'completed' || action === 'transcript_completed'
          ? [
              {
                id: '{{uuid}}',
                file_type: action === 'completed' ? 'MP4' : 'TRANSCRIPT',
                status: 'completed',
                recording_start: '{{time:iso-s}}',
                download_url: 'https://example.zoom.us/rec/download/abc',
              },
            ]
          : [],
    };
  if (action.startsWith('participant') || action.startsWith('sharing') || action.startsWith('registration'))
    return { ...meeting, participant: PARTICIPANT };
  return meeting;
}

/** The sample of a meeting, webinar, recording, user, phone, Contact Center or number event. */
export function zoomSample(type: string): JsonObject {
  if (type === 'app_deauthorized')
    return {
      event: '{{eventType}}',
      event_ts: '{{time:unix-ms}}',
      payload: {
        account_id: '{{id::22}}',
        user_id: HOST.id,
        signature: '{{hex:64}}',
        deauthorization_time: '{{time:iso-s}}',
        client_id: '{{id::22}}',
      },
    };
  return {
    event: '{{eventType}}',
    event_ts: '{{time:unix-ms}}',
    payload: { account_id: '{{id::22}}', operator: HOST.email, operator_id: HOST.id, object: object(type) },
  };
}

/** `accountId` → `account_id`: the chatbot events name their fields in camelCase. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Zoom's value for a string field, by its name and the object holding it. */
function stringFor(field: string, parent: string): string {
  const name = snake(field);
  if (name === 'uuid' || name.endsWith('_uuid')) return '{{id::22}}==';
  if (name === 'id' && /^(object|meeting|webinar)$/.test(parent)) return '8{{int:1000000000:9999999999}}';
  if (/(^|_)(time|date_time|start_time|end_time|at|date)$/.test(name) || name.endsWith('_time'))
    return '{{time:iso-s}}';
  if (name === 'email' || name.endsWith('_email') || name === 'operator') return HOST.email;
  if (name === 'topic') return 'Weekly sync';
  if (name === 'channel_name' || name === 'session_name') return 'Team updates';
  if (name === 'app_name') return 'Standup Notes';
  // An app's developer pages (its documentation, privacy policy...) live on the developer's site, under the app.
  if (parent === 'app_link') return `https://example.com/apps/{{id::10}}/${name.replace(/^developer_/, '')}`;
  if (name === 'timezone') return 'Europe/London';
  if (name === 'first_name') return 'Ada';
  if (name === 'last_name') return 'Lovelace';
  if (/(^|_)(name|user_name|display_name)$/.test(name)) return 'Grace Hopper';
  if (name === 'phone_number' || name.endsWith('_phone_number') || name === 'number') return '+14155552671';
  if (name.endsWith('_url') || name === 'url') return `https://example.zoom.us/${name}`;
  if (name === 'signature') return '{{hex:64}}';
  if (name === 'call_id') return '71{{int:100000000:999999999}}{{int:10000000:99999999}}';
  if (name === 'id' || name.endsWith('_id') || name.endsWith('_jid')) return '{{id::22}}';
  return '';
}

const leaf: LeafValue = (kind, field, parent): JsonValue => {
  const name = snake(field);
  switch (kind) {
    case 'string':
      return stringFor(field, parent);
    case 'number':
      if (name === 'event_ts' || name === 'timestamp' || name.endsWith('_ts')) return '{{time:unix-ms}}';
      if (name === 'duration') return 30;
      if (name === 'id' || name.endsWith('_id')) return '{{int:80000000000:89999999999}}';
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return {};
  }
};

/** The sample of an event from the shape Zoom's SDK declares for its body; the envelope's event and event_ts always lead. */
export function zoomSampleFromShape(shape: { [field: string]: Shape }): JsonObject {
  const filled = fillShape(shape, '', '', leaf) as JsonObject;
  delete filled.event;
  delete filled.event_ts;
  return { event: '{{eventType}}', event_ts: '{{time:unix-ms}}', ...filled };
}
