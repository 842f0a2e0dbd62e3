import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { TEST_SECRET } from './support/adapter';
import { senderEnv } from './support/env';
import { eventQueue } from './support/events';
import { EXPECTED_ATTEMPTS, PROVIDER_POLICIES, SAMPLE_EVENT } from './support/policies';
import { answer } from './support/servers';

const T0 = Date.UTC(2026, 0, 1, 12);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The ladder tests run the provider registry's policies and request building; the test scheme only where noted. */
async function setup(status: number, speed: number, scheme: 'registry' | 'test' = 'registry') {
  const server = await answer(status);
  const env = senderEnv(scheme === 'registry' ? { registry: {} } : {});
  cleanups.push(
    () => server.close(),
    () => env.dispose(),
  );
  const clock = new ManualClock(T0);
  const sender = env.sender({ clock, speed });
  return { server, env, clock, sender, events: eventQueue(sender.on) };
}

/** Drives a ladder on the manual clock: after each failure, moves time by exactly the wait armed (no payload: the provider's sample). */
async function runLadder(ctx: Awaited<ReturnType<typeof setup>>, provider: string, payload?: unknown) {
  const { clock, sender, events, server } = ctx;
  const delays = PROVIDER_POLICIES[provider].retryDelaysMs;
  const { deliveryId } = sender.send({
    provider,
    eventType: SAMPLE_EVENT[provider],
    payload,
    url: server.url,
    secret: TEST_SECRET,
  });
  const timers: number[] = [];
  for (let i = 0; i <= delays.length; i++) {
    const finished = await events.next('attempt-finished');
    expect(finished.attempt.n).toBe(i + 1);
    if (i === delays.length) {
      expect(finished.next).toBeNull();
      break;
    }
    expect(finished.next?.n).toBe(i + 2);
    expect(clock.pending).toBe(1);
    const wait = clock.nextAt()! - clock.now();
    timers.push(wait);
    clock.advance(wait);
  }
  const done = await events.next('delivery-finished');
  return { deliveryId, timers, done, delays };
}

describe.each([1, 1000])(
  'retry ladders against a handler that always answers 500 (speed %i, manual clock)',
  (speed) => {
    it.each(Object.keys(PROVIDER_POLICIES))(
      '%s: attempt count and every wait are exactly as PROVIDERS.md says',
      async (provider) => {
        const ctx = await setup(500, speed);
        expect(ctx.env.adapter.policy(provider)).toMatchObject({
          ...PROVIDER_POLICIES[provider],
          afterFailure: expect.any(String),
        });
        const { deliveryId, timers, done, delays } = await runLadder(ctx, provider);

        expect(done.result.status).toBe('failed');
        expect(done.result.failureReason).toBe('exhausted');
        expect(ctx.server.hits).toHaveLength(EXPECTED_ATTEMPTS[provider]);
        expect(done.result.attempts).toHaveLength(EXPECTED_ATTEMPTS[provider]);
        expect(timers).toEqual(delays.map((d) => d / speed));

        const attempts = ctx.sender.getDelivery(deliveryId).attempts;
        expect(attempts.map((a) => a.errorKind)).toEqual(attempts.map(() => 'status'));
        expect(attempts.map((a) => a.status)).toEqual(attempts.map(() => 500));
        for (let i = 1; i < attempts.length; i++) {
          const prev = attempts[i - 1];
          const cur = attempts[i];
          // Real (clock) gap: the scaled wait, nothing else (the manual clock does not move during a request).
          expect(cur.sentAt! - prev.sentAt!).toBe(delays[i - 1] / speed);
          // Provider time: the documented delay after the end of the failed attempt.
          expect(cur.scheduledAt - (prev.scheduledAt + prev.durationMs!)).toBe(delays[i - 1]);
        }
        expect(attempts[0].scheduledAt).toBe(T0);
        expect(done.result.attempts[0].scheduledAt).toBe(new Date(T0).toISOString());
      },
    );
  },
);

describe('success rules and request bodies', () => {
  it("FingerprintIQ's exactly-200: a 201 is retried through the whole ladder", async () => {
    const ctx = await setup(201, 1);
    const { done } = await runLadder(ctx, 'fingerprintiq');
    expect(done.result.status).toBe('failed');
    expect(done.result.attempts.map((a) => [a.status, a.errorKind])).toEqual(Array(4).fill([201, 'status']));
  });

  it('under a 2xx rule the same 201 is delivered at once', async () => {
    const ctx = await setup(201, 1);
    const { deliveryId } = ctx.sender.send({
      provider: 'lrdefender',
      eventType: 'x',
      payload: {},
      url: ctx.server.url,
      secret: TEST_SECRET,
    });
    const result = await ctx.sender.waitFor(deliveryId);
    expect(result.status).toBe('delivered');
    expect(result.attempts).toEqual([expect.objectContaining({ n: 1, status: 201, errorKind: null })]);
    expect(ctx.clock.pending).toBe(0);
  });

  it('every attempt carries the same body; the request is prepared per attempt with the provider-time now', async () => {
    const ctx = await setup(503, 1000, 'test');
    const { deliveryId } = await runLadder(ctx, 'prynt', { n: 1 });
    const attempts = ctx.sender.getDelivery(deliveryId).attempts;
    const calls = ctx.env.prepareCalls.filter((c) => c.providerId === 'prynt');
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.providerNowMs)).toEqual(attempts.map((a) => a.scheduledAt));
    // Provider time runs ahead of the (manual) real clock by the documented delays: 5 min, then 35 min.
    expect(calls[1].providerNowMs - calls[0].providerNowMs).toBeGreaterThanOrEqual(5 * 60_000);
    expect(calls[2].providerNowMs - calls[1].providerNowMs).toBeGreaterThanOrEqual(30 * 60_000);
    const bodies = ctx.server.hits.map((h) => h.body.toString('utf8'));
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]).data).toEqual({ n: 1 });
    const stamps = ctx.server.hits.map((h) => h.headers['x-test-timestamp']);
    expect(new Set(stamps).size).toBe(3);
    // What was stored is what went out.
    expect(attempts.map((a) => Buffer.from(a.request!.body).toString('utf8'))).toEqual(bodies);
    expect(attempts[1].request!.headers).toContainEqual(['X-Test-Timestamp', stamps[1]]);
  });
});
