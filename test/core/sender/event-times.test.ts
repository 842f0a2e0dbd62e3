/**
 * Event times are the event's moment: every time field of a generated
 * payload is the delivery's creation instant on the injected clock (the
 * instant its first attempt signs) and stays unchanged on retries; times
 * derived from it stay consistent. Sent for real, to a real HTTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, systemClock, type Clock } from '../../../src/core/clock';
import type { Db } from '../../../src/core/store/db';
import { BUILTIN_PROVIDERS, buildSample } from '../../../src/core/providers';
import { formBodyObject } from '../../../src/core/providers/form-fields';
import { senderEnv } from './support/env';
import { answer, type TestServer } from './support/servers';

/** 2026-12-04T13:37:42.123Z: milliseconds and a non-midnight time, so truncation and day arithmetic show. */
const T0 = Date.UTC(2026, 11, 4, 13, 37, 42, 123);
const DAY = 86_400_000;
/** Base64 after whsec_, so Standard Webhooks can decode it; the other schemes use it whole. */
const SECRET = 'whsec_dGltZXNfc2VjcmV0X2tleQ==';
/** A key the provider's scheme can use: hex for a hex-decoded HMAC key (Adyen), the whsec_ secret otherwise. */
const secretOf = (id: string) =>
  BUILTIN_PROVIDERS.find((p) => p.id === id)?.signature.forms.some((f) => f.secretEncoding === 'hex')
    ? '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056'
    : SECRET;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Providers whose samples are the provider's published examples, times before the event included. */
const PUBLISHED_EXAMPLES = new Set(['github']);

/** Time fields that are derived from the event's moment rather than equal to it, with the relation they keep. */
const DERIVED: Record<string, (t: number, now: number) => boolean> = {
  'data.firstSeenAt': (t, now) => t <= now, // Prynt: first seen at or before the event
  'data.addedAt': (t, now) => t < now, // Prynt list.entry.expired: added a TTL before
  'data.startsAt': (t, now) => t <= now, // LMIF grace period
  'data.endsAt': (t, now) => t > now - DAY,
  'data.expiresAt': (t, now) => t > now, // LMIF license: expires in the future
};

/** Every time value of a payload with its path: ISO strings, dates, and the unix-time numbers providers use. */
function timeFields(value: unknown, path = ''): { path: string; value: string | number }[] {
  if (typeof value === 'string')
    return ISO.test(value) || (DATE.test(value) && !/(^|\.)api_?version$/i.test(path)) ? [{ path, value }] : [];
  if (typeof value === 'number')
    return /(^|\.)(timestamp|created|event_time|created_at|webhookTimestamp|event_ts|createdAt|date|edit_date|close_date|add_date|remove_date|time_ms|event_timestamp|start_time_unix_secs|occurredAt|ts)$/.test(
      path,
    )
      ? [{ path, value }]
      : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => timeFields(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => timeFields(v, path ? `${path}.${k}` : k));
  return [];
}

/** Asserts every time field of `payload` is `now` (at its precision) or derived from it consistently; returns how many it checked. */
function expectTimesAt(
  providerId: string,
  eventType: string,
  payload: Record<string, unknown>,
  now: number,
  slackMs = 0,
): number {
  const fields = timeFields(payload);
  const where = (p: string) => `${providerId} ${eventType} ${p}`;
  if (PUBLISHED_EXAMPLES.has(providerId)) {
    // GitHub's samples are its published examples: the event's moment is the send instant (proven field by field
    // in test/core/providers/oracles/github-examples.test.ts); the earlier times of the example (a repository's
    // created_at) stay as published, so every time is at or before the send.
    for (const { path, value } of fields) {
      const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
      expect(ms, where(`${path} = ${value}`)).toBeLessThanOrEqual(now + slackMs);
    }
    const moment = fields.filter(({ value }) => {
      const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
      return Math.abs(ms - Math.floor(now / 1000) * 1000) <= slackMs + 999;
    });
    return moment.length;
  }
  for (const { path, value } of fields) {
    if (typeof value === 'number') {
      const ms = value > 1e12 ? value : value * 1000;
      const precision = value > 1e12 ? 1 : 1000;
      expect(Math.abs(ms - Math.floor(now / precision) * precision), where(path)).toBeLessThanOrEqual(slackMs);
    } else if (DATE.test(value) && path === 'summary.date') {
      // ClickDefender daily_summary: the UTC day before the send (its own timestamp, checked against now below).
      expect(value, where(path)).toBe(
        new Date(Date.parse(String(payload.timestamp).slice(0, 10)) - DAY).toISOString().slice(0, 10),
      );
    } else if (DATE.test(value)) {
      // Any other date-only field (Plaid's original_start_date): the send instant's UTC day.
      const days = [now - slackMs, now].map((t) => new Date(t).toISOString().slice(0, 10));
      expect(days, where(`${path} = ${value}`)).toContain(value);
    } else if (DERIVED[path]) {
      expect(
        DERIVED[path](Date.parse(value), now + slackMs),
        where(`${path} = ${value} vs ${new Date(now).toISOString()}`),
      ).toBe(true);
    } else {
      const precision = /\.\d{3}Z$/.test(value) ? 1 : 1000;
      expect(
        Math.abs(Date.parse(value) - Math.floor(now / precision) * precision),
        where(`${path} = ${value}`),
      ).toBeLessThanOrEqual(slackMs);
    }
  }
  // Prynt: the visitor was last seen at the event, not after it.
  const data = payload.data as Record<string, string> | undefined;
  if (typeof data?.lastSeenAt === 'string' && typeof payload.createdAt === 'string') {
    expect(Date.parse(data.lastSeenAt)).toBeLessThanOrEqual(Date.parse(payload.createdAt));
    if (typeof data.firstSeenAt === 'string')
      expect(Date.parse(data.firstSeenAt)).toBeLessThanOrEqual(Date.parse(data.lastSeenAt));
  }
  return fields.length;
}

/**
 * Every event of every provider, except for the catalogues generated from a provider's own data (GitHub's 205
 * event.actions, Stripe's 275 types): one event per resource there, sent for real; the pure tests of those
 * providers check every event's times (test/core/providers/oracles/github-examples.test.ts, stripe-events.test.ts).
 */
// A body-less handshake (Dropbox's GET ?challenge=, Asana's X-Hook-Secret POST) carries no payload, so no time.
const cases = BUILTIN_PROVIDERS.flatMap((p) => {
  const seen = new Set<string>();
  const regular = p.events.filter((e) => e.handshake?.request.body !== 'none');
  const events =
    regular.length > 100
      ? regular.filter((e) => {
          const resource = e.type.split('.')[0];
          return !seen.has(resource) && seen.add(resource);
        })
      : regular;
  return events.map((e) => ({ provider: p.id, eventType: e.type }));
});

let failing: TestServer;
let ok: TestServer;
/** One SQLite file for the file's ~2,000 cases (a fresh one each, migrations included, was most of their time). */
let env: ReturnType<typeof senderEnv>;
let db: Db;
beforeAll(async () => {
  failing = await answer(503);
  ok = await answer(200);
  env = senderEnv({ registry: {} });
  db = env.open();
});
afterAll(async () => {
  await env.dispose();
  await failing.close();
  await ok.close();
});

/** Each case's own sender over the shared file, stopped after it; a case's leftovers are never another's to resume. */
async function withSender(clock: Clock, run: (sender: ReturnType<typeof env.sender>) => Promise<void>): Promise<void> {
  const sender = env.sender({ db, clock, resumePending: false });
  try {
    await run(sender);
  } finally {
    await sender.stop();
  }
}

/** The payload a body carries: JSON, or form fields (Twilio, Mailchimp Transactional), whose JSON-valued fields are read as JSON. */
function payloadOf(body: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return formBodyObject(body);
  }
}

/** Whether an event's payload changes with the clock: its sample for one seed, built at two instants a day apart. */
function movesWithTheClock(providerId: string, eventType: string): boolean {
  const provider = BUILTIN_PROVIDERS.find((p) => p.id === providerId)!;
  const at = (nowMs: number) => JSON.stringify(buildSample(provider, eventType, 7, { nowMs, webhookId: 'wh_fixed' }));
  return at(T0) !== at(T0 + DAY + 1234);
}

describe('event times are the delivery creation instant', () => {
  it.each(cases)(
    '$provider $eventType: every time field is the send instant on a ManualClock, fixed across retries',
    async ({ provider, eventType }) => {
      const clock = new ManualClock(T0);
      await withSender(clock, async (sender) => {
        const started = sender.send({
          provider,
          eventType,
          url: failing.url,
          secret: secretOf(provider),
          policy: { retryDelaysMs: [90_000] },
        });
        // The retry comes 90 s later on the clock: a payload that read the clock again would move.
        sender.on((e) => {
          if (e.type === 'attempt-finished' && e.next)
            queueMicrotask(() => clock.advance(clock.nextAt()! - clock.now()));
        });
        const hitsBefore = failing.hits.length;
        await sender.waitFor(started.deliveryId);
        const attempts = sender.getDelivery(started.deliveryId).attempts;
        expect(attempts.map((a) => a.sentAt)).toEqual([T0, T0 + 90_000]);
        const bodies = failing.hits.slice(hitsBefore).map((h) => h.body);
        expect(bodies).toHaveLength(2);
        expect(bodies[1].equals(bodies[0])).toBe(true);
        const checked = expectTimesAt(provider, eventType, payloadOf(bodies[0]), T0);
        // A payload that does not move with the clock has no time field to check (Plaid's and Twilio's, a Shopify
        // delete topic's bare id, Discord's PING): the same seed built a day apart is byte for byte the same.
        // Any other payload must have had its time fields found and checked above.
        if (PUBLISHED_EXAMPLES.has(provider)) {
          // Its times are checked field by field against the published examples (github-examples.test.ts).
        } else if (movesWithTheClock(provider, eventType)) {
          expect(checked, `${provider} ${eventType} has time fields`).toBeGreaterThan(0);
        } else {
          expect(checked, `${provider} ${eventType} does not move with the clock, yet has time fields`).toBe(0);
        }
      });
    },
  );

  it.each(cases)(
    '$provider $eventType: with the real clock, every time field is within 2 s of the send',
    async ({ provider, eventType }) => {
      await withSender(systemClock, async (sender) => {
        const before = ok.hits.length;
        const sentAt = Date.now();
        const started = sender.send({ provider, eventType, url: ok.url, secret: secretOf(provider) });
        await sender.waitFor(started.deliveryId);
        const body = ok.hits.slice(before).find(() => true)!.body;
        expectTimesAt(provider, eventType, payloadOf(body), sentAt, 2000);
      });
    },
  );
});
