/**
 * Zoom's event list: the 23 events listed by hand, then every event Zoom's
 * own SDK `@zoom/rivet` declares (read here from test/oracles, never from
 * the app), then the few only ZoomNet names. None of Rivet's missing, none
 * invented. Each sample obeys the payload rules with its times at the send
 * instant, holds the fields Rivet requires for it, is signed as Zoom's
 * documented recipe says and is detected as Zoom with its own type.
 */
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  validatePayload,
} from '../../../../src/core/providers';
import { ZOOM_EVENTS_BY_HAND } from '../../../../src/core/providers/zoom/definition';
import { ZOOM_EVENTS_SOURCE, ZOOM_LISTED_TYPES, describeZoomEvent } from '../../../../src/core/providers/zoom/events';
import { oracle } from './oracle-lib';

/** Every event Rivet declares, with the top-level and payload fields it requires (`payload.object` as `object`). */
function rivetEvents(): Map<string, { top: string[]; payload: string[] }> {
  oracle('@zoom/rivet');
  const root = resolve(__dirname, '../../../oracles');
  // The package's exports name only its products; its folder is where `@zoom/rivet` itself resolves.
  const dir = dirname(createRequire(join(root, 'package.json')).resolve('@zoom/rivet'));
  const events = new Map<string, { top: string[]; payload: string[] }>();
  for (const product of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const text = readFileSync(join(dir, product.name, `${product.name}.d.ts`), 'utf8');
    const declarations = text.matchAll(
      /^(?:type \w+ = Event<"([^"]+)"> & \{|interface \w+ extends Event<"([^"]+)"> \{)\n([\s\S]*?)^\}/gm,
    );
    for (const m of declarations) {
      const body = m[3];
      const top = [...body.matchAll(/^ {4}(\w+): /gm)].map((f) => f[1]);
      const payloadBody = /^ {4}payload: \{\n([\s\S]*?)^ {4}\};?$/m.exec(body)?.[1] ?? '';
      const payload = [...payloadBody.matchAll(/^ {8}(\w+): /gm)].map((f) => f[1]);
      events.set(m[1] ?? m[2], { top, payload });
    }
  }
  return events;
}

const registry = createProviderRegistry();
const zoom = registry.require('zoom');
const SECRET = 'hookscope_zoom_secret_token';
const NOW = Date.UTC(2026, 11, 5, 3, 0);
const ISO = new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** The events listed before the generated list that neither Rivet nor ZoomNet names. */
const ONLY_BY_HAND = ['meeting.participant_waiting'];

describe("Zoom's event list against @zoom/rivet", () => {
  const rivet = rivetEvents();
  const types = zoom.events.map((e) => e.type);

  it("holds every event Rivet declares, the hand-listed ones and ZoomNet's few others, once each", () => {
    expect(rivet.size).toBeGreaterThan(250);
    expect(ZOOM_EVENTS_SOURCE).toMatch(/^@zoom\/rivet@[\d.]+ .*; ZoomNet /);
    expect(new Set(types).size).toBe(types.length);
    expect([...rivet.keys()].filter((t) => t !== 'endpoint.url_validation' && !types.includes(t))).toEqual([]);
    expect(ZOOM_LISTED_TYPES.filter((t) => !types.includes(t))).toEqual([]);
    const elsewhere = types.filter((t) => !rivet.has(t) && t !== 'endpoint.url_validation');
    // Named by ZoomNet (contact_center.*, number_management.*, phone.warm_transfer_*...) or listed by hand before.
    expect(elsewhere.filter((t) => !ZOOM_LISTED_TYPES.includes(t))).toEqual(ONLY_BY_HAND);
    expect(elsewhere.length).toBeLessThan(20);
    expect(types).toEqual(
      expect.arrayContaining([
        'meeting.participant_jbh_joined',
        'webinar.participant_joined',
        'recording.trashed',
        'phone.callee_ringing',
        'team_chat.channel_message_posted',
        'session.started',
        'user.signed_in',
        'bot_notification',
        'contact_center.asset_created',
        'app_deauthorized',
      ]),
    );
  });

  it('keeps the descriptions written by hand and builds the others from the name', () => {
    const description = (type: string) => zoom.events.find((e) => e.type === type)!.description;
    expect(description('meeting.started')).toBe('A meeting started.');
    expect(description('recording.completed')).toBe('A cloud recording is ready to download.');
    expect(description('phone.callee_ringing')).toBe('Zoom Phone: callee ringing.');
    expect(description('team_chat.channel_message_posted')).toBe('Team Chat: channel message posted.');
    expect(description('bot_notification')).toBe('Chatbot: bot notification.');
    expect(describeZoomEvent('meeting.participant_joined_breakout_room')).toBe(
      'Meeting: participant joined breakout room.',
    );
    expect(zoom.events.every((e) => e.description.length > 10)).toBe(true);
  });

  it('every sample obeys the payload rules for several seeds, its times at the send instant', () => {
    for (const event of zoom.events) {
      for (const seed of [1, 7, 1234]) {
        const sample = buildSample(zoom, event.type, seed, { nowMs: NOW }) as Record<string, any>;
        expect(validatePayload(zoom, event.type, sample), `${event.type} seed ${seed}`).toEqual([]);
        expect(sample.event).toBe(event.type);
        expect(sample.event_ts).toBe(NOW);
        expect(typeof sample.payload, event.type).toBe('object');
      }
    }
  });

  it('each sample Rivet declares holds the fields Rivet declares, the envelope first', () => {
    const generated = new Set(ZOOM_LISTED_TYPES.filter((t) => !ZOOM_EVENTS_BY_HAND.includes(t)));
    expect(generated.size).toBeGreaterThan(250);
    for (const [type, fields] of rivet) {
      if (!generated.has(type) || !fields.top.includes('payload')) continue;
      const sample = buildSample(zoom, type, 2, { nowMs: NOW }) as Record<string, any>;
      expect(Object.keys(sample).slice(0, 2), type).toEqual(['event', 'event_ts']);
      expect(
        fields.top.filter((f) => !(f in sample)),
        type,
      ).toEqual([]);
      expect(
        fields.payload.filter((f) => !(f in sample.payload)),
        type,
      ).toEqual([]);
    }
  });

  it('values follow what Zoom sends: uuids, ids, ISO times at the send instant, literal values', () => {
    const sample = (type: string) => buildSample(zoom, type, 3, { nowMs: NOW }) as Record<string, any>;
    const joined = sample('meeting.participant_jbh_joined').payload.object;
    expect(joined).toMatchObject({ topic: 'Weekly sync', start_time: ISO, participant: { user_name: 'Grace Hopper' } });
    expect(joined.uuid).toMatch(/^[0-9A-Za-z]{22}==$/);
    expect(joined.id).toMatch(/^8\d{10}$/);
    const ringing = sample('phone.callee_ringing').payload.object;
    expect(ringing).toMatchObject({ ringing_start_time: ISO, callee: { phone_number: '+14155552671' } });
    expect(ringing.call_id).toMatch(/^71\d{17}$/);
    expect(sample('team_chat.channel_message_posted').payload).toMatchObject({
      operator: 'ada@example.com',
      object: { date_time: ISO, timestamp: NOW },
    });
    expect(sample('bot_notification').payload).toMatchObject({ userName: 'Grace Hopper', timestamp: NOW });
    // From the template: ZoomNet's events and Rivet's app_deauthorized, which declares no body.
    expect(sample('contact_center.asset_updated').payload.object).toMatchObject({
      asset_type: 'audio',
      modified_time: ISO,
    });
    expect(sample('app_deauthorized').payload).toMatchObject({
      deauthorization_time: ISO,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
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
