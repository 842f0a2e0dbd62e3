import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { createProviderRegistry, validatePayload } from '../../../src/core/providers';
import { createRegistryAdapter } from '../../../src/core/sender';
import { eventVariant, renewId } from '../../../src/core/sender/event-variants';
import { senderEnv } from './support/env';
import { providerHandler } from './support/provider-handlers';

const PROVIDERS = ['lrdefender', 'fingerprintiq', 'clickdefender', 'lmif', 'prynt'];
const registry = createProviderRegistry();
const adapter = createRegistryAdapter({ sampleSeed: () => 42 });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('event variants', () => {
  it.each(PROVIDERS)(
    "%s: every variant of every event type passes the provider's own rules, id patterns included",
    (providerId) => {
      const provider = registry.require(providerId);
      const idFields = adapter.idFields!(providerId);
      for (const { type } of provider.events) {
        const { body } = adapter.createBody(providerId, type, undefined, Date.UTC(2026, 11, 4));
        for (let n = 1; n <= 20; n++) {
          const variant = JSON.parse(text(eventVariant(body, `chk42d9b0${n}`, { idFields })));
          expect(validatePayload(provider, type, variant), `${providerId} ${type} #${n}`).toEqual([]);
        }
      }
    },
  );

  it.each(PROVIDERS)(
    '%s: the events the check derives (moved in time where the rules allow) pass the rules, and differ',
    async (providerId) => {
      const provider = registry.require(providerId);
      const handler = await providerHandler(provider, { secret: 's3cret' });
      const env = senderEnv({ registry: {} });
      cleanups.push(
        () => handler.close(),
        () => env.dispose(),
      );
      const sender = env.sender({ clock: systemClock });
      for (const { type } of provider.events) {
        const before = handler.hits.length;
        await sender.check({
          url: handler.url,
          provider: providerId,
          eventType: type,
          secret: 's3cret',
          scenarios: ['burst'],
          burstSize: 5,
        });
        const bodies = handler.hits.slice(before).map((h) => h.body.toString('utf8'));
        expect(new Set(bodies).size, `${providerId} ${type}`).toBe(5);
        for (const b of bodies)
          expect(validatePayload(provider, type, JSON.parse(b)), `${providerId} ${type}`).toEqual([]);
      }
    },
  );

  it('the Prynt event id that broke the pattern now keeps its shape', () => {
    const renewed = renewId('evt_G4WD0BFXER8KD', 'chk42d9b01');
    expect(renewed).toMatch(/^evt_[A-Za-z0-9]{13}$/);
    expect(renewed).not.toBe('evt_G4WD0BFXER8KD');
    expect(renewId('35484f3e32248c1e89af9ed0', 'x')).toMatch(/^[0-9a-f]{24}$/);
    expect(renewId('req_1767407632_c567fb', 'x')).toMatch(/^req_1767407632_[0-9a-f]{6}$/);
  });

  it('leaves a body nested deeper than MAX_JSON_DEPTH as it is, without recursing into it', () => {
    const deep = new TextEncoder().encode(`{"id":"evt_1","a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(eventVariant(deep, 'x', { everyDateMs: 86_400_000 })).toBe(deep);
  });

  it('keeps the subscription (webhookId, property) and renews what tells events apart', () => {
    expect(adapter.idFields!('prynt')).toEqual(['eventId', 'idempotencyKey', 'data.requestId', 'data.visitorId']);
    expect(adapter.idFields!('clickdefender')).toEqual(['visitor.id']);
    expect(adapter.idFields!('lrdefender')).toEqual(['data.deviceId']);
  });
});

describe('the bodies the check sends', () => {
  it.each(['lrdefender', 'fingerprintiq', 'clickdefender'])(
    '%s (no event ids): distinct events have distinct bodies; only the duplicate and the retry repeat one',
    async (providerId) => {
      const provider = registry.require(providerId);
      const handler = await providerHandler(provider, { secret: 's3cret' });
      const env = senderEnv({ registry: {} });
      cleanups.push(
        () => handler.close(),
        () => env.dispose(),
      );
      const sender = env.sender({ clock: systemClock });
      await sender.check({
        url: handler.url,
        provider: providerId,
        eventType: provider.events[0].type,
        secret: 's3cret',
        scenarios: ['valid', 'duplicate', 'retry', 'burst'],
      });
      const bodies = handler.hits.filter((h) => h.method === 'POST').map((h) => h.body.toString('utf8'));
      const forms = provider.signature.forms.length;
      // valid (per form), duplicate x2, retry x2, burst x10
      expect(bodies).toHaveLength(forms + 2 + 2 + 10);
      expect(new Set(bodies).size).toBe(forms + 1 + 1 + 10);
      const [dupA, dupB, retryA, retryB] = bodies.slice(1, 5);
      expect(dupA).toBe(dupB);
      expect(retryA).toBe(retryB);
      const posts = handler.hits.filter((h) => h.method === 'POST');
      // The duplicate is the same request again: the same signature too.
      const sig = (i: number) => JSON.stringify(Object.entries(posts[i].headers).filter(([k]) => /signature/i.test(k)));
      expect(sig(1)).toBe(sig(2));
    },
  );

  it("Prynt's retry carries the same body and eventId with a new timestamp and signature", async () => {
    const provider = registry.require('prynt');
    const handler = await providerHandler(provider, { secret: 's3cret' });
    const env = senderEnv({ registry: {} });
    cleanups.push(
      () => handler.close(),
      () => env.dispose(),
    );
    const sender = env.sender({ clock: systemClock });
    await sender.check({
      url: handler.url,
      provider: 'prynt',
      eventType: 'verdict.block',
      secret: 's3cret',
      scenarios: ['retry'],
    });
    const [first, retry] = handler.hits;
    expect(retry.body.equals(first.body)).toBe(true);
    expect(retry.headers['x-prynt-delivery']).toBe(first.headers['x-prynt-delivery']);
    expect(Number(retry.headers['x-prynt-timestamp'])).toBeGreaterThan(Number(first.headers['x-prynt-timestamp']));
    expect(retry.headers['x-prynt-signature']).not.toBe(first.headers['x-prynt-signature']);
  });
});
