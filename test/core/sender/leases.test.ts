// Claims of another sender still under lease when this one resumes: one timer
// at the earliest lease end looks again then, so a dead sender's attempt is
// closed as interrupted (and its ladder goes on) without another restart,
// while a live sender's claim is left to it.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { createDeliveryRepo } from '../../../src/core/store/deliveries';
import { TEST_SECRET } from './support/adapter';
import { senderEnv } from './support/env';
import { eventQueue } from './support/events';
import { PROVIDER_POLICIES } from './support/policies';
import { answer, startServer } from './support/servers';

const T0 = Date.UTC(2026, 0, 1, 12);
const LEASE_MS = PROVIDER_POLICIES.lrdefender.timeoutMs + 60_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('claims of another sender, under lease at resume', () => {
  it('are closed as interrupted when the lease runs out, and the next attempt is armed and sent', async () => {
    const server = await answer(200);
    const env = senderEnv();
    cleanups.push(
      () => server.close(),
      () => env.dispose(),
    );
    const db = env.open();
    const repo = createDeliveryRepo(db);
    // Another run claimed the first attempt at T0 and died before recording it.
    const webhook = repo.upsertWebhook('lrdefender', server.url, TEST_SECRET, T0);
    const body = new TextEncoder().encode('{"eventId":"evt_1"}');
    const { deliveryId, attemptId } = repo.createDelivery(
      {
        webhookId: webhook.id,
        provider: 'lrdefender',
        eventType: 'x',
        eventId: 'evt_1',
        url: server.url,
        policy: PROVIDER_POLICIES.lrdefender,
        body,
        createdAt: T0,
      },
      { scheduledAt: T0, dueAt: T0 },
    );
    expect(repo.claim(attemptId, 'other-run', T0, T0 + LEASE_MS, { method: 'POST', headers: [], body })).toBe(true);

    const clock = new ManualClock(T0 + 1000); // restarted a second later
    const sender = env.sender({ db, clock, speed: 1, resumePending: false, owner: 'me' });
    const events = eventQueue(sender.on);
    sender.resume();
    expect(clock.pending).toBe(1);
    expect(clock.nextAt()).toBe(T0 + LEASE_MS);

    clock.advance(LEASE_MS - 1001);
    expect(repo.attempt(attemptId)).toMatchObject({ state: 'in_flight', claimedBy: 'other-run' });
    expect(events.all).toEqual([]);
    clock.advance(1);

    const closed = await events.next('attempt-finished');
    expect(closed.attempt).toMatchObject({ n: 1, errorKind: 'interrupted', status: null });
    expect(repo.attempt(attemptId)!.errorMessage).toContain('other-run');
    expect(closed.next?.n).toBe(2);
    const second = await events.next('attempt-started');
    expect(second).toMatchObject({ deliveryId, n: 2, sentAt: new Date(T0 + LEASE_MS).toISOString() });
    const done = await events.next('delivery-finished');
    expect(done.result.status).toBe('delivered');
    expect(server.hits).toHaveLength(1); // attempt 2 only: attempt 1 is never sent again
    expect(repo.attempts(deliveryId).map((a) => [a.n, a.state, a.errorKind])).toEqual([
      [1, 'done', 'interrupted'],
      [2, 'done', null],
    ]);
    expect(clock.pending).toBe(0); // no claim of another sender left to watch
  });

  it("leave a live sender's claim to it: the check at its lease end finds it settled and closes nothing", async () => {
    const held: (() => void)[] = [];
    const server = await startServer((_req, res) => held.push(() => res.writeHead(200).end()));
    const env = senderEnv();
    cleanups.push(
      () => server.close(),
      () => env.dispose(),
    );
    const clock = new ManualClock(T0);
    const live = env.sender({ clock, speed: 1, owner: 'live' });
    const liveEvents = eventQueue(live.on);
    const { deliveryId } = live.send({
      provider: 'lrdefender',
      eventType: 'x',
      payload: {},
      url: server.url,
      secret: TEST_SECRET,
    });
    await liveEvents.next('attempt-started');
    while (held.length === 0) await new Promise((r) => setTimeout(r, 5));

    const other = env.sender({ clock, speed: 1, owner: 'other', resumePending: false });
    const otherEvents = eventQueue(other.on);
    other.resume();
    expect(clock.pending).toBe(1); // the other sender's look at the live claim's lease end
    expect(clock.nextAt()).toBe(T0 + LEASE_MS);

    held.shift()!();
    expect((await liveEvents.next('delivery-finished')).result.status).toBe('delivered');
    clock.advance(LEASE_MS); // a close would be recorded and told right here, synchronously
    expect(otherEvents.all).toEqual([]);
    expect(clock.pending).toBe(0);
    expect(live.getDelivery(deliveryId).attempts.map((a) => [a.n, a.state, a.ok])).toEqual([[1, 'done', true]]);
    expect(server.hits).toHaveLength(1);
  });
});
