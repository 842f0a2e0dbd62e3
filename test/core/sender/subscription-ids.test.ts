/**
 * Subscription ids are stable: `webhookId` (LRDefender, Prynt) and
 * `meta.webhookId` (LMIF) name the webhook, one per (provider, target URL),
 * created on the first send, stored (migration 011), reused by every later
 * send, and settable. Real sender, real SQLite file, real HTTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { buildSample, createProviderRegistry } from '../../../src/core/providers';
import { getPath } from '../../../src/core/providers/json-path';
import { openDatabase } from '../../../src/core/store/db';
import { tempDir } from '../../helpers/temp-dir';
import { senderEnv } from './support/env';
import { answer, type TestServer } from './support/servers';

const T0 = Date.UTC(2026, 11, 4, 12);
let server: TestServer;
beforeAll(async () => {
  server = await answer(200);
});
afterAll(() => server.close());

/** Sends one sample and returns the subscription id its body carries at `field`, with what send() reported. */
async function sendOne(
  sender: ReturnType<ReturnType<typeof senderEnv>['sender']>,
  provider: string,
  eventType: string,
  url: string,
  field: string,
  webhookId?: string,
) {
  const before = server.hits.length;
  const started = sender.send({ provider, eventType, url, secret: 'whsec_sub', webhookId });
  await sender.waitFor(started.deliveryId);
  const body = JSON.parse(server.hits.slice(before)[0].body.toString('utf8'));
  return { inBody: getPath(body, field) as string, reported: started.subscriptionId, eventId: started.eventId };
}

describe('one subscription id per (provider, target URL)', () => {
  it.each([
    { provider: 'prynt', eventType: 'verdict.block', field: 'webhookId', format: /^wh_[A-Za-z0-9]{13}$/ },
    { provider: 'lrdefender', eventType: 'device.new', field: 'webhookId', format: /^wh_[A-Za-z0-9]{12}$/ },
    { provider: 'lmif', eventType: 'box.created', field: 'meta.webhookId', format: /^wh_[A-Za-z0-9]{12}$/ },
  ])(
    '$provider: two sends to one target share it, a third to another target gets another; the event ids differ',
    async ({ provider, eventType, field, format }) => {
      const env = senderEnv({ registry: {} });
      try {
        const sender = env.sender({ clock: new ManualClock(T0) });
        const a = await sendOne(sender, provider, eventType, `${server.url}/a`, field);
        const b = await sendOne(sender, provider, eventType, `${server.url}/a`, field);
        const c = await sendOne(sender, provider, eventType, `${server.url}/c`, field);
        expect(a.inBody).toMatch(format);
        expect(a.reported).toBe(a.inBody);
        expect(b.inBody).toBe(a.inBody);
        expect(c.inBody).toMatch(format);
        expect(c.inBody).not.toBe(a.inBody);
        expect(new Set([a.eventId, b.eventId, c.eventId]).size).toBe(3);
        // Stored with the webhook, and so kept by a later run of the sender over the same file.
        expect(sender.listWebhooks().map((w) => [w.url, w.subscriptionId])).toEqual([
          [`${server.url}/a`, a.inBody],
          [`${server.url}/c`, c.inBody],
        ]);
        await sender.stop();
        const later = env.sender({ clock: new ManualClock(T0 + 3_600_000) });
        expect((await sendOne(later, provider, eventType, `${server.url}/a`, field)).inBody).toBe(a.inBody);
      } finally {
        await env.dispose();
      }
    },
  );

  it('a webhook id given is used, stored and kept by later sends; a malformed one or one for a provider without any is BAD_INPUT and stores nothing', async () => {
    const env = senderEnv({ registry: {} });
    try {
      const sender = env.sender({ clock: new ManualClock(T0) });
      const url = `${server.url}/set`;
      expect((await sendOne(sender, 'prynt', 'visitor.new', url, 'webhookId')).inBody).toMatch(/^wh_/);
      const set = await sendOne(sender, 'prynt', 'visitor.new', url, 'webhookId', 'wh_xyz789');
      expect(set).toMatchObject({ inBody: 'wh_xyz789', reported: 'wh_xyz789' });
      expect((await sendOne(sender, 'prynt', 'rule.matched', url, 'webhookId')).inBody).toBe('wh_xyz789');

      const hits = server.hits.length;
      for (const bad of ['xyz789', 'wh_', 'wh_a b', 'wh_<script>', `wh_${'a'.repeat(65)}`]) {
        expect(
          () => sender.send({ provider: 'prynt', eventType: 'visitor.new', url: `${server.url}/bad`, webhookId: bad }),
          bad,
        ).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
      }
      expect(() =>
        sender.send({
          provider: 'fingerprintiq',
          eventType: 'visit.new',
          url: `${server.url}/fiq`,
          webhookId: 'wh_abc',
        }),
      ).toThrow(
        expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringContaining('no webhook subscription id') }),
      );
      // A sample that cannot be made (unknown event) leaves no webhook, and no id, behind either.
      expect(() => sender.send({ provider: 'prynt', eventType: 'visitor.gone', url: `${server.url}/unknown` })).toThrow(
        expect.objectContaining({ code: 'EVENT_UNKNOWN' }),
      );
      expect(server.hits.length).toBe(hits);
      expect(sender.listWebhooks().map((w) => w.url)).toEqual([url]);
    } finally {
      await env.dispose();
    }
  });

  it('providers whose payloads name no subscription keep none', async () => {
    const env = senderEnv({ registry: {} });
    try {
      const sender = env.sender({ clock: new ManualClock(T0) });
      const started = sender.send({
        provider: 'clickdefender',
        eventType: 'fraud_detected',
        url: `${server.url}/cd`,
        secret: 'x',
      });
      await sender.waitFor(started.deliveryId);
      expect(started.subscriptionId).toBeNull();
      expect(sender.listWebhooks()[0].subscriptionId).toBeNull();
    } finally {
      await env.dispose();
    }
  });
});

describe('a sample seed given to send', () => {
  it("makes the previewed sample's content at send time: the send's instant and the webhook's id, the seed's everything else", async () => {
    const env = senderEnv({ registry: {} });
    try {
      const clock = new ManualClock(T0);
      const sender = env.sender({ clock });
      const prynt = createProviderRegistry().require('prynt');
      const preview = buildSample(prynt, 'verdict.challenge', 42, { nowMs: T0 - 3_600_000 });
      clock.advance(1234);
      const first = await sendOne(sender, 'prynt', 'verdict.challenge', `${server.url}/seeded`, 'webhookId');
      const before = server.hits.length;
      const started = sender.send({
        provider: 'prynt',
        eventType: 'verdict.challenge',
        url: `${server.url}/seeded`,
        secret: 's',
        sampleSeed: 42,
      });
      await sender.waitFor(started.deliveryId);
      const sent = JSON.parse(server.hits[before].body.toString('utf8'));
      expect(sent).toEqual(buildSample(prynt, 'verdict.challenge', 42, { nowMs: T0 + 1234, webhookId: first.inBody }));
      expect(sent.createdAt).toBe(new Date(T0 + 1234).toISOString());
      expect(sent.webhookId).toBe(first.inBody);
      expect(sent.eventId).toBe(preview.eventId);
      expect(sent.data.visitorId).toBe((preview.data as { visitorId: string }).visitorId);
    } finally {
      await env.dispose();
    }
  });
});

describe('migration 011', () => {
  it('adds an empty subscription id to the webhooks stored before it; their next send gives them one', async () => {
    const dir = tempDir('hookscope-m011-');
    try {
      const file = `${dir.path}/hookscope.db`;
      const old = openDatabase({ file, targetVersion: 9 });
      old
        .prepare("INSERT INTO webhooks (provider, url, secret, created_at) VALUES ('prynt', ?, 's', 0)")
        .run(`${server.url}/old`);
      old.close();
      const db = openDatabase({ file });
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(11);
      expect(db.prepare('SELECT subscription_id FROM webhooks').get()).toEqual({ subscription_id: null });
      db.close();
      const env = senderEnv({ registry: {} });
      try {
        const sender = env.sender({ clock: new ManualClock(T0), db: openDatabase({ file }) });
        const sent = await sendOne(sender, 'prynt', 'visitor.new', `${server.url}/old`, 'webhookId');
        expect(sent.inBody).toMatch(/^wh_/);
        expect(sender.listWebhooks()).toEqual([expect.objectContaining({ id: 1, subscriptionId: sent.inBody })]);
        await sender.stop();
      } finally {
        await env.dispose();
      }
    } finally {
      dir.remove();
    }
  });
});
