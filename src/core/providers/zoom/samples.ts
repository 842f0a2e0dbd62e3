/**
 * Zoom sample templates, one per resource: every event shares the envelope
 * { event, event_ts, payload { account_id, operator, operator_id, object } },
 * and the events of one resource share the shape of `payload.object` (a
 * meeting, a webinar, a recording, a phone call...). Times are the send
 * instant; the host's ids are the same in every sample, as an account's are.
 */
import type { JsonObject } from '../../../shared/providers';

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
