// A claim or a settle that fails (here: a real SQLITE_BUSY, another connection
// holding the write lock past the sender's busy timeout) is tried again after
// a backoff on the injected clock, without a restart: the attempt is sent once
// the lock is free, its outcome is never lost, and no attempt is sent twice.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { REARM_DELAYS_MS } from '../../../src/core/backoff';
import { createDeliveryRepo } from '../../../src/core/store/deliveries';
import { TEST_SECRET } from './support/adapter';
import { senderEnv } from './support/env';
import { eventQueue } from './support/events';
import { PROVIDER_POLICIES } from './support/policies';
import { answer, startServer } from './support/servers';

const T0 = Date.UTC(2026, 0, 1, 12);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A sender over a real file whose connection waits 20 ms for a lock, and a second connection to take it. */
function setup() {
  const env = senderEnv();
  cleanups.push(() => env.dispose());
  const db = env.open();
  db.pragma('busy_timeout = 20');
  const clock = new ManualClock(T0);
  const sender = env.sender({ db, clock, speed: 1, owner: 'me' });
  const events = eventQueue(sender.on);
  const other = env.open();
  const lock = () => other.exec('BEGIN IMMEDIATE');
  const unlock = () => {
    if (other.inTransaction) other.exec('COMMIT');
  };
  cleanups.push(unlock);
  return { env, db, clock, sender, events, repo: createDeliveryRepo(db), lock, unlock };
}

describe('a claim that fails', () => {
  it('is tried again after 250 ms, 1 s, ... while the attempt waits, and the attempt is sent once the lock is free', async () => {
    const server = await answer(200);
    cleanups.push(() => server.close());
    const { clock, sender, events, repo, lock, unlock } = setup();
    const { deliveryId } = sender.send({
      provider: 'lrdefender',
      eventType: 'x',
      payload: {},
      url: server.url,
      secret: TEST_SECRET,
    });
    lock(); // before the first attempt's claim, which runs on the next microtask

    const first = await events.next('engine-error');
    expect(first.error.message).toMatch(/locked|busy/i);
    const [waiting] = repo.attempts(deliveryId);
    expect(waiting).toMatchObject({ state: 'scheduled', claimedBy: null });
    expect(clock.pending).toBe(1); // tracked again
    expect(clock.nextAt()! - clock.now()).toBe(REARM_DELAYS_MS[0]);

    clock.advance(REARM_DELAYS_MS[0]); // still locked: fails again, waits longer
    await events.next('engine-error');
    expect(clock.nextAt()! - clock.now()).toBe(REARM_DELAYS_MS[1]);
    expect(repo.attempts(deliveryId)[0].state).toBe('scheduled');

    unlock();
    clock.advance(REARM_DELAYS_MS[1] - 1);
    expect(events.all.filter((e) => e.type === 'attempt-started')).toHaveLength(0);
    clock.advance(1);
    const started = await events.next('attempt-started');
    expect(started.sentAt).toBe(new Date(T0 + REARM_DELAYS_MS[0] + REARM_DELAYS_MS[1]).toISOString());
    const done = await events.next('delivery-finished');
    expect(done.result.status).toBe('delivered');
    expect(done.result.attempts.map((a) => a.n)).toEqual([1]);
    expect(server.hits).toHaveLength(1);
    expect(events.all.filter((e) => e.type === 'engine-error')).toHaveLength(2);
  });
});

describe('a settle that fails after the request was sent', () => {
  /** A handler that answers 503 "kept" and, before answering, takes the write lock (when told to). */
  async function lockingHandler(lock: () => void) {
    const state = { lockNext: true, status: 503 };
    const server = await startServer((_req, res) => {
      if (state.lockNext) lock();
      state.lockNext = false;
      res.writeHead(state.status).end('kept');
    });
    cleanups.push(() => server.close());
    return { server, state };
  }

  it('keeps the outcome, records it once the lock is free, and goes on with the ladder; nothing is sent twice', async () => {
    const { clock, sender, events, repo, lock, unlock } = setup();
    const { server, state } = await lockingHandler(lock);
    const { deliveryId } = sender.send({
      provider: 'clickdefender',
      eventType: 'x',
      payload: {},
      url: server.url,
      secret: TEST_SECRET,
    });

    await events.next('engine-error'); // the settle, after the 503 came back
    expect(server.hits).toHaveLength(1);
    expect(repo.attempts(deliveryId)).toEqual([
      expect.objectContaining({ n: 1, state: 'in_flight', claimedBy: 'me', status: null }),
    ]);
    expect(clock.pending).toBe(1); // the settle's retry
    expect(clock.nextAt()! - clock.now()).toBe(REARM_DELAYS_MS[0]);

    clock.advance(REARM_DELAYS_MS[0]); // still locked
    await events.next('engine-error');
    expect(clock.nextAt()! - clock.now()).toBe(REARM_DELAYS_MS[1]);
    expect(repo.attempts(deliveryId)[0].state).toBe('in_flight');

    unlock();
    clock.advance(REARM_DELAYS_MS[1]);
    const finished = await events.next('attempt-finished');
    expect(finished.attempt).toMatchObject({ n: 1, status: 503, errorKind: 'status' });
    // The next step counts from the failure (T0), not from when it could be recorded.
    expect(finished.next).toMatchObject({
      n: 2,
      dueAt: new Date(T0 + PROVIDER_POLICIES.clickdefender.retryDelaysMs[0]).toISOString(),
    });
    const [first] = repo.attempts(deliveryId);
    expect(first).toMatchObject({ state: 'done', status: 503, leaseUntil: null });
    expect(Buffer.from(first.responseBody!).toString()).toBe('kept');
    expect(server.hits).toHaveLength(1);

    state.status = 200;
    clock.advance(clock.nextAt()! - clock.now());
    const done = await events.next('delivery-finished');
    expect(done.result.status).toBe('delivered');
    expect(done.result.attempts.map((a) => a.n)).toEqual([1, 2]);
    expect(server.hits).toHaveLength(2);
  });

  it('stop() records a kept outcome once more before it returns', async () => {
    const { sender, events, repo, lock, unlock } = setup();
    const { server } = await lockingHandler(lock);
    const { deliveryId } = sender.send({
      provider: 'clickdefender',
      eventType: 'x',
      payload: {},
      url: server.url,
      secret: TEST_SECRET,
    });
    await events.next('engine-error');
    expect(repo.attempts(deliveryId)[0].state).toBe('in_flight');
    unlock();
    await sender.stop();
    expect(repo.attempts(deliveryId).map((a) => [a.n, a.state, a.status])).toEqual([
      [1, 'done', 503],
      [2, 'scheduled', null], // for the next engine
    ]);
    expect(server.hits).toHaveLength(1);
  });
});
