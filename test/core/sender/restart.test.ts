import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../../src/core/clock';
import { performAttempt } from '../../../src/core/sender/attempt';
import type { AttemptFn } from '../../../src/core/sender/types';
import { createDeliveryRepo } from '../../../src/core/store/deliveries';
import { TEST_SECRET } from './support/adapter';
import { senderEnv } from './support/env';
import { eventQueue } from './support/events';
import { PROVIDER_POLICIES } from './support/policies';
import { answer, startServer } from './support/servers';

const T0 = Date.UTC(2026, 0, 1, 12);
const LRD = PROVIDER_POLICIES.lrdefender.retryDelaysMs; // 1 s, 5 s, 15 s, 60 s, 300 s
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(status = 500) {
  const server = await answer(status);
  const env = senderEnv();
  cleanups.push(
    () => server.close(),
    () => env.dispose(),
  );
  return { server, env };
}

/** Moves a manual clock to each next timer until the delivery finishes. */
async function drive(clock: ManualClock, events: ReturnType<typeof eventQueue>, remaining: number) {
  for (let i = 0; i < remaining; i++) {
    const f = await events.next('attempt-finished');
    if (f.next) clock.advance(clock.nextAt()! - clock.now());
  }
  return events.next('delivery-finished');
}

describe('a ladder survives a restart', () => {
  it('stopped during a wait: a new engine on the same file sends the rest on schedule, none twice', async () => {
    const { server, env } = await setup();
    const clockA = new ManualClock(T0);
    const dbA = env.open();
    const a = env.sender({ db: dbA, clock: clockA, speed: 1 });
    const eventsA = eventQueue(a.on);
    const { deliveryId } = a.send({
      provider: 'lrdefender',
      eventType: 'x',
      payload: {},
      url: server.url,
      secret: TEST_SECRET,
    });
    await eventsA.next('attempt-finished');
    clockA.advance(LRD[0]);
    await eventsA.next('attempt-finished');
    await a.stop();
    dbA.close();
    expect(server.hits).toHaveLength(2);

    // Two of the five seconds pass while nothing runs.
    const clockB = new ManualClock(clockA.now() + 2000);
    const b = env.sender({ clock: clockB, speed: 1 });
    const eventsB = eventQueue(b.on);
    expect(clockB.pending).toBe(1);
    expect(clockB.nextAt()! - clockB.now()).toBe(LRD[1] - 2000);
    clockB.advance(LRD[1] - 2000);
    const done = await drive(clockB, eventsB, 4);

    expect(done.result.status).toBe('failed');
    expect(done.result.attempts.map((x) => x.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.hits).toHaveLength(6);
    const attempts = b.getDelivery(deliveryId).attempts;
    for (let i = 1; i < attempts.length; i++) expect(attempts[i].sentAt! - attempts[i - 1].sentAt!).toBe(LRD[i - 1]);
  });

  it('down for longer than the wait: the overdue attempt goes out at once, once', async () => {
    const { server, env } = await setup();
    const clockA = new ManualClock(T0);
    const dbA = env.open();
    const a = env.sender({ db: dbA, clock: clockA, speed: 1 });
    const eventsA = eventQueue(a.on);
    a.send({ provider: 'prynt', eventType: 'x', payload: {}, url: server.url, secret: TEST_SECRET });
    await eventsA.next('attempt-finished');
    await a.stop();
    dbA.close();

    const clockB = new ManualClock(T0 + 60 * 60_000);
    const b = env.sender({ clock: clockB, speed: 1 });
    const eventsB = eventQueue(b.on);
    const second = await eventsB.next('attempt-finished');
    expect(second.attempt.n).toBe(2);
    expect(second.attempt.sentAt).toBe(new Date(T0 + 60 * 60_000).toISOString());
    // The provider-time schedule is kept: 5 min after the first failure.
    expect(Date.parse(second.attempt.scheduledAt) - T0).toBeGreaterThanOrEqual(5 * 60_000);
    expect(Date.parse(second.attempt.scheduledAt) - T0).toBeLessThan(5 * 60_000 + 1000);
    expect(server.hits).toHaveLength(2);
  });

  it('on the real clock: the attempt after a restart leaves at its due time', async () => {
    const { server, env } = await setup();
    const dbA = env.open();
    const a = env.sender({ db: dbA, clock: systemClock, speed: 1000 }); // Prynt: 5 min -> 300 ms
    const eventsA = eventQueue(a.on);
    const { deliveryId } = a.send({
      provider: 'prynt',
      eventType: 'x',
      payload: {},
      url: server.url,
      secret: TEST_SECRET,
    });
    const first = await eventsA.next('attempt-finished');
    await a.stop();
    dbA.close();
    const dueAt = Date.parse(first.next!.dueAt);
    const b = env.sender({ clock: systemClock, speed: 1000 });
    const result = await b.waitFor(deliveryId);
    expect(result.attempts).toHaveLength(3);
    // Sent when due, never before; how late depends on the machine's load, so only a generous upper bound.
    const sentAt = Date.parse(result.attempts[1].sentAt!);
    expect(sentAt).toBeGreaterThanOrEqual(dueAt - 5);
    expect(sentAt - dueAt).toBeLessThanOrEqual(1000);
    expect(server.hits).toHaveLength(3);
  });

  it('stopped while an attempt is in flight: it is recorded as interrupted and the next engine goes on from it', async () => {
    const server = await startServer(() => undefined); // never answers
    const env = senderEnv();
    cleanups.push(
      () => server.close(),
      () => env.dispose(),
    );
    const clockA = new ManualClock(T0);
    const dbA = env.open();
    const a = env.sender({ db: dbA, clock: clockA, speed: 1 });
    const eventsA = eventQueue(a.on);
    const { deliveryId } = a.send({
      provider: 'lrdefender',
      eventType: 'x',
      payload: {},
      url: server.url,
      secret: TEST_SECRET,
    });
    await eventsA.next('attempt-started');
    while (server.hits.length === 0) await new Promise((r) => setTimeout(r, 10));
    await a.stop();
    const finished = await eventsA.next('attempt-finished');
    expect(finished.attempt.errorKind).toBe('interrupted');
    expect(finished.next?.n).toBe(2);
    expect(a.getDelivery(deliveryId).result.status).toBe('pending');
    await expect(a.waitFor(deliveryId)).rejects.toMatchObject({ code: 'SENDER_STOPPED' });
    dbA.close();

    const clockB = new ManualClock(T0);
    const b = env.sender({ clock: clockB, speed: 1 });
    const eventsB = eventQueue(b.on);
    clockB.advance(LRD[0]);
    const second = await eventsB.next('attempt-started');
    expect(second.n).toBe(2);
    while (server.hits.length < 2) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    expect(server.hits).toHaveLength(2);
    await b.stop();
  });
});

describe('a sender that dies between sending and recording', () => {
  it('its claimed attempt is closed as interrupted once the lease runs out, without a restart, never sent again', async () => {
    const { server, env } = await setup();
    const clockA = new ManualClock(T0);
    const dbA = env.open();
    // The "dead" sender: its request reached the handler, but its outcome is never recorded.
    const hang: AttemptFn = (url, req, opts) =>
      performAttempt(url, req, { ...opts, signal: undefined }).then(
        (r) =>
          new Promise((resolve) =>
            opts.signal?.addEventListener('abort', () => resolve({ ...r, errorKind: 'interrupted', ok: false })),
          ),
      );
    const a = env.sender({ db: dbA, clock: clockA, speed: 1, attempt: hang, owner: 'dead-sender' });
    const eventsA = eventQueue(a.on);
    const { deliveryId } = a.send({
      provider: 'lrdefender',
      eventType: 'x',
      payload: {},
      url: server.url,
      secret: TEST_SECRET,
    });
    await eventsA.next('attempt-started');
    while (server.hits.length === 0) await new Promise((r) => setTimeout(r, 10));
    dbA.close(); // the process is gone: nothing more reaches the database

    const leaseMs = PROVIDER_POLICIES.lrdefender.timeoutMs + 60_000;
    const clockB = new ManualClock(T0 + 1000);
    const dbB = env.open();
    const b = env.sender({ db: dbB, clock: clockB, speed: 1 }); // a quick restart: the dead claim's lease still runs
    const eventsB = eventQueue(b.on);
    const repo = createDeliveryRepo(dbB);
    expect(repo.attempts(deliveryId).map((x) => x.state)).toEqual(['in_flight']);
    // One timer, at the end of the dead sender's lease, to look again.
    expect(clockB.pending).toBe(1);
    expect(clockB.nextAt()).toBe(T0 + leaseMs);

    clockB.advance(leaseMs - 1001);
    expect(repo.attempts(deliveryId).map((x) => x.state)).toEqual(['in_flight']);
    clockB.advance(1); // the lease runs out: no resume, no restart
    const first = await eventsB.next('attempt-finished');
    expect(first.attempt).toMatchObject({ n: 1, errorKind: 'interrupted', status: null });
    expect(first.next?.n).toBe(2);
    const done = await drive(clockB, eventsB, 5);
    expect(done.result.attempts.map((x) => x.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.hits).toHaveLength(6); // the dead sender's one, then 2..6: attempt 1 was not sent again
    expect(repo.attempts(deliveryId)[0].errorMessage).toContain('dead-sender');

    await a.stop(); // the dead sender's late outcome changes nothing
    expect(repo.attempts(deliveryId)[0].errorKind).toBe('interrupted');
  });
});
