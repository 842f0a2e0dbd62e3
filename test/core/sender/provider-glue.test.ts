import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { createProviderRegistry, verifyRequest } from '../../../src/core/providers';
import { createSender } from '../../../src/core/sender';
import { openDatabase } from '../../../src/core/store/db';
import { createDeliveryRepo } from '../../../src/core/store/deliveries';
import { senderEnv } from './support/env';
import { answer, type Hit } from './support/servers';

const T0 = Date.UTC(2026, 0, 1, 12);
const SECRET = 'whsec_prynt_test';
const registry = createProviderRegistry();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const pairs = (hit: Hit): [string, string][] => Object.entries(hit.headers).map(([k, v]) => [k, String(v)]);

async function pryntLadder(timestamps: 'real' | 'provider', speed: number) {
  const server = await answer(500);
  const env = senderEnv({ registry: { timestamps } });
  cleanups.push(
    () => server.close(),
    () => env.dispose(),
  );
  const clock = new ManualClock(T0);
  const sender = env.sender({ clock, speed });
  const started = sender.send({
    provider: 'prynt',
    eventType: 'identification.complete',
    url: server.url,
    secret: SECRET,
  });
  sender.on((e) => {
    if (e.type === 'attempt-finished' && e.next) queueMicrotask(() => clock.advance(clock.nextAt()! - clock.now()));
  });
  await sender.waitFor(started.deliveryId);
  return { server, started, attempts: sender.getDelivery(started.deliveryId).attempts };
}

describe('the sender over the provider registry', () => {
  it('Prynt: every retry has the same body and eventId, a new timestamp and a valid signature', async () => {
    const { server, started, attempts } = await pryntLadder('real', 1);
    expect(server.hits).toHaveLength(3);
    const body = server.hits[0].body;
    const eventId = JSON.parse(body.toString('utf8')).eventId as string;
    expect(eventId).toMatch(/^evt_/);
    expect(started.eventId).toBe(eventId);
    const stamps = server.hits.map((h) => Number(h.headers['x-prynt-timestamp']));
    server.hits.forEach((hit, i) => {
      expect(hit.body.equals(body)).toBe(true);
      expect(hit.headers['x-prynt-delivery']).toBe(eventId);
      expect(stamps[i]).toBe(Math.floor(attempts[i].sentAt! / 1000));
      const verdict = verifyRequest(registry.require('prynt'), {
        headers: pairs(hit),
        body: hit.body,
        secrets: [SECRET],
        nowMs: attempts[i].sentAt!,
      });
      expect(verdict.status).toBe('valid');
    });
    expect(stamps[1] - stamps[0]).toBeGreaterThanOrEqual(300);
    expect(stamps[2] - stamps[1]).toBeGreaterThanOrEqual(1800);
    expect(started.warnings).toEqual([expect.stringContaining('https')]);
  });

  it("timestamps: 'provider' signs with the ladder's provider time instead of the clock's", async () => {
    const { server, attempts } = await pryntLadder('provider', 1000);
    const stamps = server.hits.map((h) => Number(h.headers['x-prynt-timestamp']));
    expect(stamps).toEqual(attempts.map((a) => Math.floor(a.scheduledAt / 1000)));
    expect(stamps[2] - stamps[0]).toBeGreaterThanOrEqual(35 * 60);
  });

  it('createSender defaults to the built-in registry; an unknown event type without a payload is EVENT_UNKNOWN', async () => {
    const server = await answer(200);
    const env = senderEnv();
    cleanups.push(
      () => server.close(),
      () => env.dispose(),
    );
    const db = openDatabase({ file: env.file });
    const sender = createSender({ deliveries: createDeliveryRepo(db), clock: new ManualClock(T0) });
    cleanups.push(async () => {
      await sender.stop();
      db.close();
    });
    expect(() => sender.send({ provider: 'fingerprintiq', eventType: 'nope', url: server.url })).toThrow(
      expect.objectContaining({ code: 'EVENT_UNKNOWN' }),
    );
    const started = sender.send({ provider: 'fingerprintiq', eventType: 'visit.new', url: server.url, secret: 's' });
    expect(started.policy).toMatchObject({ timeoutMs: 5000, success: 'exactly-200' });
    expect(started.eventId).toMatch(/^dlv_/);
    const result = await sender.waitFor(started.deliveryId);
    expect(result).toMatchObject({
      status: 'delivered',
      provider: 'fingerprintiq',
      eventType: 'visit.new',
      eventId: started.eventId,
    });
    expect(JSON.parse(server.hits[0].body.toString('utf8'))).toMatchObject({ event: 'visit.new' });
  });
});

describe('delivery ids the provider generates', () => {
  it('GitHub: two deliveries of the same published example at the same instant get two X-GitHub-Delivery GUIDs; a retry keeps its own', async () => {
    const server = await answer(500);
    const env = senderEnv({ registry: {} });
    cleanups.push(
      () => server.close(),
      () => env.dispose(),
    );
    const clock = new ManualClock(T0);
    const sender = env.sender({ clock });
    sender.on((e) => {
      if (e.type === 'attempt-finished' && e.next) queueMicrotask(() => clock.advance(clock.nextAt()! - clock.now()));
    });
    const send = () =>
      sender.send({
        provider: 'github',
        eventType: 'issues.opened',
        url: server.url,
        secret: 's',
        policy: { retryDelaysMs: [1000] },
      });
    const a = send();
    const b = send();
    await sender.waitFor(a.deliveryId);
    await sender.waitFor(b.deliveryId);
    const guids = server.hits.map((h) => String(h.headers['x-github-delivery']));
    expect(server.hits).toHaveLength(4);
    expect(server.hits.every((h) => h.body.equals(server.hits[0].body))).toBe(true);
    expect(new Set(guids).size).toBe(2);
    for (const started of [a, b]) {
      expect(started.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(guids.filter((g) => g === started.eventId)).toHaveLength(2);
    }
  });
});
