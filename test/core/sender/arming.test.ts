// Waiting attempts stored in the database (a full database after a restart)
// are armed a slice at a time with a turn of the event loop between slices,
// never more than a window of them at once; each is still sent at its due
// time, once.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import type { Defer } from '../../../src/core/sender/arming';
import { createDeliveryRepo } from '../../../src/core/store/deliveries';
import type { Db } from '../../../src/core/store/db';
import { TEST_SECRET } from './support/adapter';
import { senderEnv } from './support/env';
import { eventQueue } from './support/events';
import { PROVIDER_POLICIES } from './support/policies';
import { answer } from './support/servers';

const T0 = Date.UTC(2026, 0, 1, 12);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Stores `count` deliveries whose first attempt waits, due 100 ms apart from T0 + 1 s; returns their due times by delivery. */
function storeWaiting(db: Db, url: string, count: number): Map<number, number> {
  const repo = createDeliveryRepo(db);
  const webhook = repo.upsertWebhook('lrdefender', url, TEST_SECRET, T0);
  const due = new Map<number, number>();
  repo.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = T0 + 1000 + i * 100;
      const body = new TextEncoder().encode(JSON.stringify({ eventId: `evt_${i}`, i }));
      const { deliveryId } = repo.createDelivery(
        {
          webhookId: webhook.id,
          provider: 'lrdefender',
          eventType: 'x',
          eventId: `evt_${i}`,
          url,
          policy: PROVIDER_POLICIES.lrdefender,
          body,
          createdAt: T0,
        },
        { scheduledAt: at, dueAt: at },
      );
      due.set(deliveryId, at);
    }
  });
  return due;
}

/** A defer the test steps by hand: what the engine would run on the next turn of the event loop. */
function manualDefer() {
  const queue: (() => void)[] = [];
  const defer: Defer = (fn) => {
    queue.push(fn);
    return () => queue.splice(queue.indexOf(fn) >>> 0, 1);
  };
  return {
    defer,
    queue,
    flush: () => {
      while (queue.length) queue.shift()!();
    },
  };
}

describe('resuming many waiting attempts', () => {
  it('arms a slice, yields, arms the next, up to a window; each attempt is sent at its due time, once', async () => {
    const server = await answer(200);
    const env = senderEnv();
    cleanups.push(
      () => server.close(),
      () => env.dispose(),
    );
    const db = env.open();
    const due = storeWaiting(db, server.url, 60);
    const clock = new ManualClock(T0);
    const turns = manualDefer();
    const sender = env.sender({
      db,
      clock,
      speed: 1,
      arming: { chunk: 10, ahead: 25, leadMs: 500, defer: turns.defer },
    });
    const events = eventQueue(sender.on);

    // resume() returned after one slice; the rest waits for turns of the event loop.
    expect(clock.pending).toBe(10);
    expect(turns.queue).toHaveLength(1);
    turns.queue.shift()!();
    expect(clock.pending).toBe(20);
    turns.queue.shift()!();
    // 30 armed, the window (25) is reached: no more slices, one timer for the next pass,
    // 500 ms before the 31st attempt is due.
    expect(turns.queue).toHaveLength(0);
    expect(clock.pending).toBe(31);
    expect(clock.nextAt()).toBe(T0 + 1000);

    let most = 0;
    while (events.all.filter((e) => e.type === 'attempt-started').length < 60 && clock.now() < T0 + 60_000) {
      clock.advance(50);
      turns.flush();
      most = Math.max(most, clock.pending);
    }
    expect(most).toBeLessThanOrEqual(25 + 10 + 1);

    const started = events.all.flatMap((e) => (e.type === 'attempt-started' ? [e] : []));
    expect(started).toHaveLength(60);
    for (const s of started) expect(s.sentAt).toBe(new Date(due.get(s.deliveryId)!).toISOString());
    expect(started.map((s) => s.deliveryId)).toEqual([...due.keys()]); // in due order
    for (let i = 0; i < 60; i++) await events.next('delivery-finished');
    expect(server.hits).toHaveLength(60);
    expect(new Set(server.hits.map((h) => h.headers['x-test-event'])).size).toBe(60);
  });

  it('yields to the event loop between slices by default', async () => {
    const env = senderEnv();
    cleanups.push(() => env.dispose());
    const db = env.open();
    storeWaiting(db, 'http://127.0.0.1:9/hook', 25);
    const clock = new ManualClock(T0);
    env.sender({ db, clock, speed: 1, arming: { chunk: 10 } });
    expect(clock.pending).toBe(10);
    for (let turn = 0; turn < 10 && clock.pending < 25; turn++) await new Promise((r) => setImmediate(r));
    expect(clock.pending).toBe(25);
  });

  it('setSpeed re-scales the waiting attempts not yet armed as well', () => {
    const env = senderEnv();
    cleanups.push(() => env.dispose());
    const db = env.open();
    const due = storeWaiting(db, 'http://127.0.0.1:9/hook', 30);
    const clock = new ManualClock(T0);
    const turns = manualDefer();
    const sender = env.sender({
      db,
      clock,
      speed: 1,
      arming: { chunk: 10, ahead: 10, leadMs: 100, defer: turns.defer },
    });
    expect(clock.pending).toBe(11); // ten armed, and the next pass's timer

    sender.setSpeed(4);
    const repo = createDeliveryRepo(db);
    for (const [deliveryId, at] of due) {
      expect(repo.waitingAttempt(deliveryId)!.dueAt).toBe(T0 + (at - T0) / 4);
    }
    // Armed again from the earliest, in their new order.
    expect(clock.pending).toBe(11);
    expect(clock.nextAt()).toBe(T0 + 250);
  });
});
