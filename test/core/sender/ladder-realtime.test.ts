import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { TEST_SECRET } from './support/adapter';
import { senderEnv } from './support/env';
import { EXPECTED_ATTEMPTS, PROVIDER_POLICIES, SAMPLE_EVENT } from './support/policies';
import { answer, startServer } from './support/servers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Speed-ups that make each whole ladder take about 2 s of real time. */
const SPEEDS: Record<string, number> = {
  lrdefender: 200,
  fingerprintiq: 20,
  clickdefender: 50_000,
  lmif: 60_000,
  prynt: 1000,
};

async function realRun(provider: string) {
  const server = await answer(500);
  const env = senderEnv({ registry: {} });
  cleanups.push(
    () => server.close(),
    () => env.dispose(),
  );
  const sender = env.sender({ clock: systemClock, speed: SPEEDS[provider] });
  // No payload: the provider's own sample for a documented event type.
  const { deliveryId } = sender.send({
    provider,
    eventType: SAMPLE_EVENT[provider],
    url: server.url,
    secret: TEST_SECRET,
  });
  const result = await sender.waitFor(deliveryId);
  return { provider, result, attempts: sender.getDelivery(deliveryId).attempts, server };
}

describe('retry ladders on the real clock, sped up', () => {
  // A smoke of each ladder on the real clock (the exact ladders are proven on a ManualClock in ladder.test.ts):
  // a timer never fires early, and on a loaded 2-core machine it can fire late, so the bound above is generous.
  it('every real gap is the scaled wait, never early, for all five providers at once', async () => {
    const runs = await Promise.all(Object.keys(PROVIDER_POLICIES).map(realRun));
    for (const { provider, result, attempts, server } of runs) {
      const delays = PROVIDER_POLICIES[provider].retryDelaysMs;
      expect(result.status, provider).toBe('failed');
      expect(attempts, provider).toHaveLength(EXPECTED_ATTEMPTS[provider]);
      expect(server.hits, provider).toHaveLength(EXPECTED_ATTEMPTS[provider]);
      for (let i = 1; i < attempts.length; i++) {
        const scaled = delays[i - 1] / SPEEDS[provider];
        const gap = attempts[i].sentAt! - (attempts[i - 1].sentAt! + attempts[i - 1].durationMs!);
        expect(gap, `${provider} wait ${i}: ${gap} ms for ${scaled} ms`).toBeGreaterThanOrEqual(scaled * 0.95 - 5);
        expect(gap, `${provider} wait ${i}: ${gap} ms for ${scaled} ms`).toBeLessThanOrEqual(
          scaled + Math.max(scaled * 0.5, 1000),
        );
        // Provider time still shows the documented delay, not the compressed one.
        expect(attempts[i].scheduledAt - attempts[i - 1].scheduledAt - attempts[i - 1].durationMs!).toBe(delays[i - 1]);
      }
    }
  });
});

describe('response timeouts run in real time', () => {
  it("a handler that never answers fails with 'timeout' after a shortened timeout, and the ladder goes on", async () => {
    const server = await startServer(() => undefined);
    const env = senderEnv();
    cleanups.push(
      () => server.close(),
      () => env.dispose(),
    );
    const sender = env.sender({ clock: systemClock, speed: 1e6 });
    const { deliveryId } = sender.send({
      provider: 'lrdefender',
      eventType: 'x',
      payload: {},
      url: server.url,
      secret: TEST_SECRET,
      policy: { timeoutMs: 250, retryDelaysMs: [1000] },
    });
    const result = await sender.waitFor(deliveryId);
    expect(result.attempts.map((a) => a.errorKind)).toEqual(['timeout', 'timeout']);
    for (const a of result.attempts) {
      expect(a.durationMs).toBeGreaterThanOrEqual(245);
      expect(a.durationMs).toBeLessThan(5000); // never early; late only by what a loaded machine adds
    }
  });

  it("FingerprintIQ's real 5 s timeout: the speed-up does not shorten it", async () => {
    const server = await startServer(() => undefined);
    const env = senderEnv({ registry: {} });
    cleanups.push(
      () => server.close(),
      () => env.dispose(),
    );
    const sender = env.sender({ clock: systemClock, speed: 3600 });
    const { deliveryId, policy } = sender.send({
      provider: 'fingerprintiq',
      eventType: 'visit.new',
      payload: {},
      url: server.url,
      secret: TEST_SECRET,
      policy: { retryDelaysMs: [] },
    });
    expect(policy.timeoutMs).toBe(5000);
    const result = await sender.waitFor(deliveryId);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0].errorKind).toBe('timeout');
    expect(result.attempts[0].durationMs).toBeGreaterThanOrEqual(4990);
    expect(result.attempts[0].durationMs).toBeLessThan(10_000);
  }, 30_000);
});
