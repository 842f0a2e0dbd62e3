/**
 * Zoom's event list: the 23 events listed by hand, then every other event of
 * events.json (ZoomNet's list, written by scripts/providers/zoom-events.mjs).
 * Each sample obeys the payload rules with its times at the send instant,
 * carries its resource's object, is signed as Zoom's documented recipe says
 * and is detected as Zoom with its own type.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  validatePayload,
} from '../../../src/core/providers';
import { ZOOM_EVENTS_SOURCE, ZOOM_LISTED_TYPES, describeZoomEvent } from '../../../src/core/providers/zoom/events';

const registry = createProviderRegistry();
const zoom = registry.require('zoom');
const SECRET = 'hookscope_zoom_secret_token';
const NOW = Date.UTC(2026, 11, 5, 3, 0);

/** The events the catalog listed before the generated list, each kept with its own description. */
const BY_HAND = [
  'meeting.created',
  'meeting.participant_waiting',
  'recording.transcript_completed',
  'webinar.registration_created',
  'user.created',
  'user.presence_status_updated',
];

describe("Zoom's event list", () => {
  const types = zoom.events.map((e) => e.type);

  it('holds the handshake, the events listed by hand and every event of the generated list, once each', () => {
    expect(ZOOM_EVENTS_SOURCE).toMatch(/^ZoomNet .*EventType\.cs$/);
    expect(ZOOM_LISTED_TYPES.length).toBeGreaterThan(150);
    expect(new Set(types).size).toBe(types.length);
    expect(ZOOM_LISTED_TYPES.filter((t) => !types.includes(t))).toEqual([]);
    expect(types).toEqual(expect.arrayContaining(['endpoint.url_validation', ...BY_HAND]));
    expect(types).toEqual(
      expect.arrayContaining([
        'meeting.participant_jbh_joined',
        'meeting.participant_joined_breakout_room',
        'webinar.participant_joined',
        'recording.trashed',
        'phone.callee_ringing',
        'phone.sms_received',
        'phone.voicemail_received',
        'contact_center.asset_created',
        'app_deauthorized',
      ]),
    );
    // Only names of the list or of the hand-written part: every generated event is a ZoomNet name.
    const byHand = types.filter((t) => !ZOOM_LISTED_TYPES.includes(t));
    expect(byHand).toHaveLength(6);
    expect(byHand).toEqual(
      expect.arrayContaining(['endpoint.url_validation', 'meeting.participant_waiting', 'user.created']),
    );
  });

  it('keeps the descriptions written by hand and builds the others from the name', () => {
    const description = (type: string) => zoom.events.find((e) => e.type === type)!.description;
    expect(description('meeting.started')).toBe('A meeting started.');
    expect(description('recording.completed')).toBe('A cloud recording is ready to download.');
    expect(description('phone.callee_ringing')).toBe('Zoom Phone: callee ringing.');
    expect(describeZoomEvent('meeting.participant_joined_breakout_room')).toBe(
      'Meeting: participant joined breakout room.',
    );
    expect(description('app_deauthorized')).toMatch(/uninstalled/);
    expect(zoom.events.every((e) => e.description.length > 10)).toBe(true);
  });

  it('every sample obeys the payload rules for several seeds, its times at the send instant', () => {
    for (const event of zoom.events) {
      for (const seed of [1, 7, 1234]) {
        const sample = buildSample(zoom, event.type, seed, { nowMs: NOW }) as Record<string, any>;
        expect(validatePayload(zoom, event.type, sample), `${event.type} seed ${seed}`).toEqual([]);
        expect(sample.event).toBe(event.type);
        expect(sample.event_ts).toBe(NOW);
        if (event.type === 'endpoint.url_validation') continue;
        expect(sample.payload.account_id, event.type).toMatch(/^[0-9A-Za-z]{22}$/);
      }
    }
  });

  it("each resource's events carry its object", () => {
    const object = (type: string) => (buildSample(zoom, type, 3, { nowMs: NOW }) as Record<string, any>).payload.object;
    const iso = new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(object('meeting.participant_jbh_joined')).toMatchObject({
      topic: 'Weekly sync',
      participant: { user_name: 'Grace Hopper' },
    });
    expect(object('webinar.registration_approved')).toMatchObject({
      start_time: iso,
      participant: { email: 'grace@example.com' },
    });
    expect(object('recording.trashed')).toMatchObject({ recording_files: [] });
    expect(object('phone.callee_ringing')).toMatchObject({
      caller: { phone_number: '+14155552671' },
      callee: { extension_number: 1002 },
      date_time: iso,
    });
    expect(object('phone.callee_ringing').call_id).toMatch(/^71\d{17}$/);
    expect(object('phone.sms_received')).toMatchObject({ message: 'Running five minutes late.', date_time: iso });
    expect(object('phone.voicemail_received')).toMatchObject({ duration: 23 });
    expect(object('user.tsp_created')).toMatchObject({ email: 'ada@example.com' });
    expect(object('contact_center.asset_updated')).toMatchObject({ asset_type: 'audio', modified_time: iso });
    const deauthorized = (buildSample(zoom, 'app_deauthorized', 3, { nowMs: NOW }) as Record<string, any>).payload;
    expect(deauthorized).toMatchObject({
      deauthorization_time: iso,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(deauthorized.object).toBeUndefined();
  });

  it("each event is signed as Zoom's recipe says and detected as Zoom with its own type", () => {
    for (const event of zoom.events) {
      const request = buildOutgoingRequest(zoom, {
        eventType: event.type,
        payload: buildSample(zoom, event.type, 5, { nowMs: NOW }),
        secret: SECRET,
        timestampSec: Math.floor(NOW / 1000),
      });
      const header = (name: string) => request.headers.find(([k]) => k.toLowerCase() === name)?.[1];
      const body = Buffer.from(request.body).toString('utf8');
      const expected = createHmac('sha256', SECRET)
        .update(`v0:${header('x-zm-request-timestamp')}:${body}`)
        .digest('hex');
      expect(header('x-zm-signature'), event.type).toBe(`v0=${expected}`);
      const detected = detectProvider({ headers: request.headers, body: request.body }, registry);
      expect([detected.providerId, detected.eventType], event.type).toEqual(['zoom', event.type]);
    }
  });
});
