import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { TEST_SECRET } from './support/adapter';
import { senderEnv } from './support/env';
import { eventQueue } from './support/events';
import { startServer } from './support/servers';

const T0 = Date.UTC(2026, 0, 1, 12);
const MIN = 60_000;
const H = 60 * MIN;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const state = { status: 500 };
  const server = await startServer((_req, res) => res.writeHead(state.status).end());
  const env = senderEnv();
  cleanups.push(
    () => server.close(),
    () => env.dispose(),
  );
  const clock = new ManualClock(T0);
  const sender = env.sender({ clock, speed: 1 });
  const events = eventQueue(sender.on);
  const send = (provider: string, policy?: { retryDelaysMs: number[] }) =>
    sender.send({
      provider,
      eventType: 'x',
      payload: { at: clock.now() },
      url: server.url,
      secret: TEST_SECRET,
      policy,
    }).deliveryId;
  return { state, server, env, clock, sender, events, send };
}

async function attemptOf(ctx: Awaited<ReturnType<typeof setup>>, deliveryId: number) {
  for (;;) {
    const e = await ctx.events.next('attempt-finished');
    if (e.deliveryId === deliveryId) return e;
  }
}

async function finishOf(ctx: Awaited<ReturnType<typeof setup>>, deliveryId: number) {
  for (;;) {
    const e = await ctx.events.next('delivery-finished');
    if (e.result.deliveryId === deliveryId) return e.result;
  }
}

describe('manual retry', () => {
  it('sends one more attempt of a failed delivery, now, in provider time after the last one', async () => {
    const ctx = await setup();
    const id = ctx.send('fingerprintiq', { retryDelaysMs: [] });
    expect((await ctx.sender.waitFor(id)).status).toBe('failed');
    ctx.clock.advance(10 * MIN);
    ctx.state.status = 200;
    ctx.sender.retry(id);
    const result = await ctx.sender.waitFor(id);
    expect(result.status).toBe('delivered');
    expect(result.attempts.map((a) => [a.n, a.trigger, a.status])).toEqual([
      [1, 'ladder', 500],
      [2, 'manual', 200],
    ]);
    const [first, second] = ctx.sender.getDelivery(id).attempts;
    expect(second.scheduledAt - first.scheduledAt).toBe(10 * MIN);
    expect(ctx.server.hits[1].body.equals(ctx.server.hits[0].body)).toBe(true);
  });

  it('refuses what is not a failed delivery', async () => {
    const ctx = await setup();
    const id = ctx.send('lrdefender');
    await ctx.events.next('attempt-finished');
    expect(() => ctx.sender.retry(id)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => ctx.sender.retry(9999)).toThrow(expect.objectContaining({ code: 'DELIVERY_NOT_FOUND' }));
  });

  it('"retry all failed since T" retries exactly the failed deliveries created since T', async () => {
    const ctx = await setup();
    const early = ctx.send('fingerprintiq', { retryDelaysMs: [] });
    await ctx.sender.waitFor(early);
    ctx.clock.advance(2 * H);
    const late = [ctx.send('fingerprintiq', { retryDelaysMs: [] }), ctx.send('fingerprintiq', { retryDelaysMs: [] })];
    await Promise.all(late.map((id) => ctx.sender.waitFor(id)));
    ctx.state.status = 200;
    const report = ctx.sender.retryFailedSince(T0 + H);
    expect(report).toEqual({ retried: late, skipped: [] });
    for (const id of late) expect((await ctx.sender.waitFor(id)).status).toBe('delivered');
    expect(ctx.sender.getDelivery(early).result.status).toBe('failed');
  });
});

describe('send the next attempt now, and the speed', () => {
  it('sendNextNow skips the wait but keeps the provider-time schedule', async () => {
    const ctx = await setup();
    const id = ctx.send('lrdefender');
    const first = await ctx.events.next('attempt-finished');
    expect(ctx.sender.sendNextNow(id)).toBe(2);
    const second = await ctx.events.next('attempt-finished');
    expect(second.attempt).toMatchObject({ n: 2, trigger: 'now', sentAt: new Date(T0).toISOString() });
    expect(second.attempt.scheduledAt).toBe(first.next!.scheduledAt);
    expect(ctx.clock.nextAt()! - ctx.clock.now()).toBe(5000);
    await ctx.sender.stop();
    expect(() => ctx.sender.sendNextNow(id)).toThrow(expect.objectContaining({ code: 'SENDER_STOPPED' }));
  });

  it('sendNextNow on a delivery with nothing waiting is a CONFLICT', async () => {
    const ctx = await setup();
    ctx.state.status = 200;
    const id = ctx.send('lrdefender');
    await ctx.sender.waitFor(id);
    expect(() => ctx.sender.sendNextNow(id)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('setSpeed re-scales a running wait', async () => {
    const ctx = await setup();
    ctx.send('clickdefender');
    await ctx.events.next('attempt-finished');
    expect(ctx.clock.nextAt()! - ctx.clock.now()).toBe(MIN);
    ctx.clock.advance(20_000);
    ctx.sender.setSpeed(4); // 40 s of provider time left -> 10 s
    expect(ctx.sender.speed).toBe(4);
    expect(ctx.clock.nextAt()! - ctx.clock.now()).toBe(10_000);
    expect(() => ctx.sender.setSpeed(0)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

describe("Prynt's automatic disabling after 24 h of consecutive failures", () => {
  it('disables the webhook, fails what waits on it, refuses new sends until re-enabled', async () => {
    const ctx = await setup();
    const d1 = ctx.send('prynt');
    await attemptOf(ctx, d1);
    ctx.clock.advance(5 * MIN);
    await attemptOf(ctx, d1);
    ctx.clock.advance(30 * MIN);
    expect((await attemptOf(ctx, d1)).next).toBeNull();
    expect((await finishOf(ctx, d1)).failureReason).toBe('exhausted');

    ctx.clock.advance(23 * H + 10 * MIN); // T0 + 23h45m
    const d2 = ctx.send('prynt');
    await attemptOf(ctx, d2);
    ctx.clock.advance(5 * MIN); // T0 + 23h50m: d2's first retry, still under 24 h of failing
    expect((await attemptOf(ctx, d2)).next?.n).toBe(3);
    const webhookId = ctx.sender.getDelivery(d2).webhook.id;
    expect(ctx.sender.listWebhooks()[0]).toMatchObject({ id: webhookId, enabled: true, hasSecret: true });

    ctx.clock.advance(15 * MIN); // T0 + 24h05m: a failure now ends 24 h of failing
    const d3 = ctx.send('prynt');
    const disabled = await ctx.events.next('webhook-disabled');
    expect(disabled.webhookId).toBe(webhookId);
    expect(disabled.failingForMs).toBeGreaterThanOrEqual(24 * H);
    expect((await finishOf(ctx, d2)).failureReason).toBe('webhook-disabled');
    expect((await finishOf(ctx, d3)).failureReason).toBe('webhook-disabled');
    expect(ctx.clock.pending).toBe(0);
    expect(ctx.sender.getDelivery(d2).attempts.map((a) => a.state)).toEqual(['done', 'done', 'cancelled']);
    expect(ctx.sender.listWebhooks()[0]).toMatchObject({ enabled: false });
    expect(() => ctx.send('prynt')).toThrow(expect.objectContaining({ code: 'WEBHOOK_DISABLED' }));
    expect(() => ctx.sender.retry(d1)).toThrow(expect.objectContaining({ code: 'WEBHOOK_DISABLED' }));
    expect(ctx.sender.retryFailedSince(T0).skipped.map((s) => s.deliveryId)).toEqual([d1, d2, d3]);

    ctx.state.status = 200;
    expect(ctx.sender.setWebhookEnabled(webhookId, true)).toMatchObject({
      enabled: true,
      failingSince: null,
      disabledAt: null,
    });
    expect(ctx.sender.retryFailedSince(T0).retried).toEqual([d1, d2, d3]);
    for (const id of [d1, d2, d3]) expect((await ctx.sender.waitFor(id)).status).toBe('delivered');
  });

  it('a success ends the failing streak', async () => {
    const ctx = await setup();
    await ctx.sender.waitFor(ctx.send('prynt', { retryDelaysMs: [] }));
    const webhookId = ctx.sender.listWebhooks()[0].id;
    expect(ctx.sender.listWebhooks()[0].failingSince).not.toBeNull();
    ctx.clock.advance(12 * H);
    ctx.state.status = 200;
    await ctx.sender.waitFor(ctx.send('prynt', { retryDelaysMs: [] }));
    expect(ctx.sender.listWebhooks()[0]).toMatchObject({ id: webhookId, failingSince: null, failingLast: null });
    ctx.state.status = 500;
    ctx.clock.advance(13 * H);
    await ctx.sender.waitFor(ctx.send('prynt', { retryDelaysMs: [] }));
    expect(ctx.sender.listWebhooks()[0].enabled).toBe(true);
  });

  it('providers without the rule never disable', async () => {
    const ctx = await setup();
    await ctx.sender.waitFor(ctx.send('lmif', { retryDelaysMs: [] }));
    ctx.clock.advance(48 * H);
    await ctx.sender.waitFor(ctx.send('lmif', { retryDelaysMs: [] }));
    expect(ctx.sender.listWebhooks()[0].enabled).toBe(true);
  });

  it('a user can disable a webhook: what waits on it fails at once', async () => {
    const ctx = await setup();
    const id = ctx.send('lrdefender');
    await ctx.events.next('attempt-finished');
    const webhookId = ctx.sender.getDelivery(id).webhook.id;
    expect(ctx.sender.setWebhookEnabled(webhookId, false)).toMatchObject({
      enabled: false,
      disabledReason: 'disabled by the user',
    });
    expect((await ctx.sender.waitFor(id)).failureReason).toBe('webhook-disabled');
    expect(ctx.clock.pending).toBe(0);
  });
});

describe('listing', () => {
  it('lists deliveries newest first with their last answer and the waiting attempt', async () => {
    const ctx = await setup();
    const a = ctx.send('lrdefender');
    await ctx.events.next('attempt-finished');
    ctx.state.status = 200;
    const b = ctx.send('lrdefender');
    await ctx.sender.waitFor(b);
    const list = ctx.sender.listDeliveries();
    expect(list.map((d) => [d.id, d.status, d.attemptCount, d.lastStatus])).toEqual([
      [b, 'delivered', 1, 200],
      [a, 'pending', 1, 500],
    ]);
    expect(list[1].nextDueAt).toBe(T0 + 1000);
    expect(ctx.sender.listDeliveries({ status: 'pending' }).map((d) => d.id)).toEqual([a]);
    expect(ctx.sender.listDeliveries({ beforeId: b }).map((d) => d.id)).toEqual([a]);
    expect(() => ctx.sender.getDelivery(12345)).toThrow(expect.objectContaining({ code: 'DELIVERY_NOT_FOUND' }));
  });

  it('send validates its input', async () => {
    const ctx = await setup();
    const base = { provider: 'lrdefender', eventType: 'x', payload: {}, url: ctx.server.url };
    expect(() => ctx.sender.send({ ...base, url: 'file:///etc/passwd' })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
    expect(() => ctx.sender.send({ ...base, provider: 'nope' })).toThrow(
      expect.objectContaining({ code: 'PROVIDER_UNKNOWN' }),
    );
    expect(() => ctx.sender.send({ ...base, policy: { timeoutMs: -1 } })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
    expect(ctx.sender.listDeliveries()).toEqual([]);
  });
});

describe('one-shot use (hookscope send)', () => {
  it('sendAndWait reports each attempt as it happens and returns the final result', async () => {
    const ctx = await setup();
    const seen: string[] = [];
    const result = await ctx.sender.sendAndWait(
      {
        provider: 'fingerprintiq',
        eventType: 'x',
        payload: {},
        url: ctx.server.url,
        secret: TEST_SECRET,
        policy: { retryDelaysMs: [0, 0] },
      },
      (e) => seen.push(e.type === 'attempt-finished' ? `finished ${e.attempt.n} ${e.attempt.status}` : e.type),
    );
    expect(seen).toEqual([
      'attempt-started',
      'finished 1 500',
      'attempt-started',
      'finished 2 500',
      'attempt-started',
      'finished 3 500',
      'delivery-finished',
    ]);
    expect(result).toMatchObject({
      status: 'failed',
      provider: 'fingerprintiq',
      eventType: 'x',
      target: ctx.server.url,
      warnings: [],
    });
    expect(result.attempts.map((a) => a.n)).toEqual([1, 2, 3]);
    expect(result.attempts[0]).toEqual({
      n: 1,
      trigger: 'ladder',
      scheduledAt: new Date(T0).toISOString(),
      sentAt: new Date(T0).toISOString(),
      dueAt: new Date(T0).toISOString(),
      durationMs: expect.any(Number),
      status: 500,
      errorKind: 'status',
      // What it signed (this test's adapter signs nothing) and how much the handler answered.
      signedTimestamp: null,
      signature: null,
      responseSize: 0,
    });
  });

  it('a sender made with resumePending: false leaves the attempts of others alone', async () => {
    const ctx = await setup();
    ctx.send('lrdefender');
    await ctx.events.next('attempt-finished');
    const clock = new ManualClock(T0 + H);
    const oneShot = ctx.env.sender({ clock, resumePending: false });
    expect(clock.pending).toBe(0);
    await oneShot.stop();
    expect(ctx.server.hits).toHaveLength(1);
  });
});
