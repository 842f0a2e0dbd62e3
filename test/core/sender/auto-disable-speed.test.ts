import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import type { DeliveryResult, Sender } from '../../../src/core/sender';
import { senderEnv } from './support/env';
import { startServer } from './support/servers';

/**
 * Prynt disables a webhook after 24 hours of consecutive failures, counted in
 * provider time. A sped-up simulation (an hour of provider time per real
 * second) must reach it in a real day / 3600, and the webhook must come back
 * with one action.
 */

const T0 = Date.UTC(2026, 0, 1, 12);
const H = 3_600_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const state = { status: 500 };
  const server = await startServer((_req, res) => res.writeHead(state.status).end());
  const env = senderEnv({ registry: {} });
  cleanups.push(
    () => server.close(),
    () => env.dispose(),
  );
  const clock = new ManualClock(T0);
  const sender = env.sender({ clock, speed: 3600 });
  return { state, server, clock, sender };
}

/** Runs a delivery's ladder to its end on the manual clock: each wait is skipped by advancing to its due time. */
function runLadder(clock: ManualClock, sender: Sender, deliveryId: number): Promise<DeliveryResult> {
  return new Promise((resolve) => {
    const off = sender.on((e) => {
      if (e.type === 'attempt-finished' && e.deliveryId === deliveryId && e.next) {
        const due = Date.parse(e.next.dueAt);
        setImmediate(() => clock.advance(Math.max(0, due - clock.now())));
      }
      if (e.type === 'delivery-finished' && e.result.deliveryId === deliveryId) {
        off();
        resolve(e.result);
      }
    });
  });
}

describe("Prynt's automatic disabling, sped up", () => {
  it('a sped-up series of failing deliveries, one per provider hour, disables the webhook after 24 provider hours; enabling it is one call', async () => {
    const ctx = await setup();
    const send = () =>
      ctx.sender.send({ provider: 'prynt', eventType: 'verdict.block', url: ctx.server.url, secret: 'whsec_disable' })
        .deliveryId;
    const outcomes: (string | null)[] = [];
    let last = 0;
    for (let i = 0; i < 30 && !outcomes.includes('webhook-disabled'); i++) {
      last = send();
      outcomes.push((await runLadder(ctx.clock, ctx.sender, last)).failureReason);
      ctx.clock.advance(1000); // one real second: one provider hour
    }
    // Each delivery takes 1 h 35 min of provider time (a second apart, plus its 5 + 30 min ladder, sped up too):
    // the 16th reaches 24 h of failing and is cut short; those before exhausted their ladders.
    const disabledAt = outcomes.indexOf('webhook-disabled');
    expect(disabledAt).toBeGreaterThan(10);
    expect(outcomes).toEqual([...Array(disabledAt).fill('exhausted'), 'webhook-disabled']);
    // Real time spent: 25 seconds and the sped-up ladders, not a day.
    expect(ctx.clock.now() - T0).toBeLessThan(60_000);
    const [webhook] = ctx.sender.listWebhooks();
    expect(webhook).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/^failing for \d+ ms of provider time$/),
    });
    expect(webhook.failingLast! - webhook.failingSince!).toBeGreaterThanOrEqual(24 * H);
    const lastAttempt = ctx.sender
      .getDelivery(last)
      .attempts.filter((a) => a.sentAt !== null)
      .at(-1)!;
    expect(lastAttempt.scheduledAt - T0).toBeGreaterThanOrEqual(24 * H - 10_000);
    expect(() => send()).toThrow(expect.objectContaining({ code: 'WEBHOOK_DISABLED' }));

    ctx.sender.setWebhookEnabled(webhook.id, true);
    ctx.state.status = 200;
    const again = send();
    expect((await runLadder(ctx.clock, ctx.sender, again)).status).toBe('delivered');
    expect(ctx.sender.listWebhooks()[0]).toMatchObject({ enabled: true, failingSince: null, failingLast: null });
  });

  it('provider time runs at the speed in force, and a change of speed keeps it continuous', async () => {
    const ctx = await setup();
    const at = () => {
      const id = ctx.sender.send({
        provider: 'prynt',
        eventType: 'verdict.block',
        url: ctx.server.url,
        secret: 'whsec_disable',
      }).deliveryId;
      return ctx.sender.getDelivery(id).attempts[0].scheduledAt;
    };
    expect(at()).toBe(T0);
    ctx.clock.advance(2000);
    expect(at()).toBe(T0 + 2 * H);
    ctx.sender.setSpeed(1);
    ctx.clock.advance(2000);
    expect(at()).toBe(T0 + 2 * H + 2000);
  });

  it('a manual retry is scheduled on the provider clock too: real seconds waited at 3600x are provider hours', async () => {
    const ctx = await setup();
    const id = ctx.sender.send({
      provider: 'fingerprintiq',
      eventType: 'visit.new',
      url: ctx.server.url,
      secret: 'whsec_disable',
      policy: { retryDelaysMs: [] },
    }).deliveryId;
    expect((await runLadder(ctx.clock, ctx.sender, id)).status).toBe('failed');
    ctx.clock.advance(2000);
    ctx.sender.retry(id);
    await runLadder(ctx.clock, ctx.sender, id);
    const [first, manual] = ctx.sender.getDelivery(id).attempts;
    expect(manual.scheduledAt - first.scheduledAt).toBeGreaterThanOrEqual(2 * H);
  });
});
