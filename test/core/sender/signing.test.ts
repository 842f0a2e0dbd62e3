// What each attempt signs: the delivery's timestamp choice (real clock or the
// provider's schedule), stored per attempt, and the warning when attempts of
// one delivery share a timestamp or a signature. The real provider registry
// signs; the clock is a ManualClock, so "the same real second" is exact.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { senderEnv } from './support/env';
import { eventQueue } from './support/events';
import { answer } from './support/servers';

const T0 = Date.UTC(2026, 11, 4, 20, 0, 0, 250);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function prynt(timestamps: 'real' | 'provider') {
  const server = await answer(500);
  const env = senderEnv({ registry: {} });
  cleanups.push(
    () => server.close(),
    () => env.dispose(),
  );
  const clock = new ManualClock(T0);
  const sender = env.sender({ clock, speed: 1_000_000 });
  const events = eventQueue(sender.on);
  const { deliveryId, warnings } = sender.send({
    provider: 'prynt',
    eventType: 'verdict.allow',
    url: server.url,
    secret: 'whsec_signing',
    timestamps,
  });
  // At 1,000,000x a 5 min wait is 0.3 ms of the ManualClock: step it to each next due time.
  for (;;) {
    const finished = await events.next('attempt-finished');
    if (!finished.next) break;
    clock.advance(Math.max(0, Date.parse(finished.next.dueAt) - clock.now()));
  }
  const done = await events.next('delivery-finished');
  return { server, sender, deliveryId, warnings, result: done.result };
}

describe('signed timestamps of sped-up retries', () => {
  it('real (default): at 1,000,000x the three Prynt attempts share one timestamp and one signature, and a warning names both', async () => {
    const { server, result, sender, deliveryId } = await prynt('real');
    expect(result.timestamps).toBe('real');
    expect(result.attempts).toHaveLength(3);
    const ts = Math.floor(T0 / 1000);
    expect(result.attempts.map((a) => a.signedTimestamp)).toEqual([ts, ts, ts]);
    expect(server.hits.map((h) => h.headers['x-prynt-timestamp'])).toEqual([String(ts), String(ts), String(ts)]);
    const signature = result.attempts[0].signature!;
    expect(signature).toMatch(/\S{16}/);
    expect(result.attempts.every((a) => a.signature === signature)).toBe(true);

    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toContain(`attempts 1, 2 and 3 signed the same timestamp ${ts}`);
    expect(result.warnings[0]).toContain('--timestamps provider');
    expect(result.warnings[1]).toContain(`attempts 1, 2 and 3 carry the same signature ${signature.slice(0, 24)}`);
    // The stored delivery tells the same on a later read.
    expect(sender.getDelivery(deliveryId).result.warnings).toEqual(result.warnings);
  });

  it('provider: each attempt signs its own schedule time (T0, +5 min, +35 min), says so at send, and nothing is shared', async () => {
    const { server, result, warnings } = await prynt('provider');
    expect(
      warnings.some(
        (w) => w.includes('--timestamps provider') && w.includes('300 s tolerance window') && w.includes('may reject'),
      ),
    ).toBe(true);
    expect(result.timestamps).toBe('provider');
    expect(result.attempts).toHaveLength(3);
    for (const a of result.attempts) expect(a.signedTimestamp).toBe(Math.floor(Date.parse(a.scheduledAt) / 1000));
    const [first, second, third] = result.attempts.map((a) => a.signedTimestamp!);
    // The schedule: each wait counts from the end of the attempt before (its real duration, at most a few seconds here).
    expect(second - first).toBeGreaterThanOrEqual(300);
    expect(second - first).toBeLessThanOrEqual(310);
    expect(third - second).toBeGreaterThanOrEqual(1800);
    expect(third - second).toBeLessThanOrEqual(1810);
    expect(server.hits.map((h) => Number(h.headers['x-prynt-timestamp']))).toEqual([first, second, third]);
    expect(new Set(result.attempts.map((a) => a.signature)).size).toBe(3);
    expect(result.warnings).toEqual([]);
  });

  it('refuses a signature form the provider lacks before storing anything', async () => {
    const env = senderEnv({ registry: {} });
    cleanups.push(() => env.dispose());
    const sender = env.sender();
    expect(() =>
      sender.send({
        provider: 'prynt',
        eventType: 'verdict.allow',
        url: 'http://127.0.0.1:9/x',
        secret: 's',
        form: 'plain',
      }),
    ).toThrow(expect.objectContaining({ code: 'SIGNATURE_SCHEME_UNKNOWN' }));
    expect(sender.listDeliveries()).toEqual([]);
  });
});
