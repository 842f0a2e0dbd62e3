/** Detection: binding first, then distinctive headers, then the envelope; unknown stays null; garbage never throws. */
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROVIDERS,
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
} from '../../../src/core/providers';
import { loadFixtures, secretFor } from './helpers';

const registry = createProviderRegistry();
const json = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));

describe('detectProvider', () => {
  it('recognises every built-in provider and event type from what its sender sends, whatever the header case', () => {
    for (const provider of BUILTIN_PROVIDERS) {
      // Handshakes go as their own requests, which may name nothing (detect-pairs.test.ts covers them).
      for (const event of provider.events.filter((e) => !e.handshake)) {
        const req = buildOutgoingRequest(provider, {
          eventType: event.type,
          payload: buildSample(provider, event.type, 2),
          secret: secretFor(provider),
          timestampSec: 1_780_000_000,
          url: 'https://hooks.example.com/in',
        });
        const lower = req.headers.map(([k, v]): [string, string] => [k.toLowerCase(), v]);
        for (const headers of [req.headers, lower]) {
          expect(detectProvider({ headers, body: req.body }, registry), `${provider.id} ${event.type}`).toMatchObject({
            providerId: provider.id,
            eventType: event.type,
          });
        }
      }
    }
  });

  it("recognises the documents' own example payloads sent with the provider's headers", () => {
    for (const fixture of loadFixtures()) {
      const provider = registry.require(fixture.providerId);
      const req = buildOutgoingRequest(provider, {
        eventType: fixture.eventType,
        payload: fixture.bytes,
        secret: 's',
        timestampSec: 1_780_000_000,
        url: 'https://hooks.example.com/in',
      });
      expect(detectProvider({ headers: req.headers, body: req.body }, registry)).toMatchObject({
        providerId: fixture.providerId,
        eventType: fixture.eventType,
      });
    }
  });

  it("tells LRDefender's generic X-Webhook-Signature apart by its envelope", () => {
    const lr = registry.require('lrdefender');
    const body = json(buildSample(lr, 'fraud.high_risk', 1));
    const hit = detectProvider({ headers: [['X-Webhook-Signature', 't=1,v1=ab']], body }, registry);
    expect(hit).toMatchObject({ providerId: 'lrdefender', eventType: 'fraud.high_risk' });
    expect(hit.reason).toMatch(/X-Webhook-Signature.*envelope/);
    const other = detectProvider(
      { headers: [['X-Webhook-Signature', 'abc']], body: json({ action: 'created', repo: 'x' }) },
      registry,
    );
    expect(other).toEqual({ providerId: null, eventType: null, reason: expect.stringMatching(/no envelope matches/) });
  });

  it("the endpoint's binding wins over headers; an unknown binding falls back to detection and says so", () => {
    const stripe = registry.require('stripe');
    const req = buildOutgoingRequest(stripe, {
      eventType: 'invoice.paid',
      payload: { type: 'invoice.paid' },
      secret: 'whsec_x',
      timestampSec: 1_780_000_000,
    });
    expect(detectProvider({ headers: req.headers, body: req.body }, registry, 'lmif')).toEqual({
      providerId: 'lmif',
      eventType: 'invoice.paid',
      reason: 'The endpoint is bound to LMIF.',
    });
    const fallback = detectProvider({ headers: req.headers, body: req.body }, registry, 'gone');
    expect(fallback.providerId).toBe('stripe');
    expect(fallback.reason).toContain('"gone" is not known');
  });

  it('without any provider header, a distinctive envelope is enough', () => {
    const prynt = registry.require('prynt');
    expect(
      detectProvider(
        { headers: [['content-type', 'application/json']], body: json(buildSample(prynt, 'visitor.new', 1)) },
        registry,
      ),
    ).toMatchObject({
      providerId: 'prynt',
      eventType: 'visitor.new',
      reason: expect.stringMatching(/envelope/),
    });
    const lr = registry.require('lrdefender');
    expect(detectProvider({ headers: [], body: json(buildSample(lr, 'device.new', 1)) }, registry)).toMatchObject({
      providerId: 'lrdefender',
      eventType: 'device.new',
    });
  });

  it('unknown requests stay unknown', () => {
    expect(
      detectProvider({ headers: [['user-agent', 'curl/8']], body: json({ hello: 'world' }) }, registry),
    ).toMatchObject({ providerId: null, eventType: null });
    expect(detectProvider({ headers: [], body: json({ type: 'x', data: {} }) }, registry).providerId).toBeNull();
  });

  it('never throws on garbage: binary, non-JSON, huge, empty, odd header lists', () => {
    const binary = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const huge = new Uint8Array(
      Buffer.from(`{"type":"bot.detected","webhookId":"wh_1","timestamp":"x","data":"${'a'.repeat(3 * 1024 * 1024)}"}`),
    );
    const cases: { headers: any; body: any }[] = [
      { headers: [], body: binary },
      { headers: [['X-Prynt-Event', 'verdict.block']], body: new Uint8Array(Buffer.from('not json {')) },
      { headers: [], body: huge },
      { headers: [], body: new Uint8Array() },
      { headers: [['only-one'], [42, null], 'x', null], body: new Uint8Array(Buffer.from('[]')) },
      { headers: null, body: null },
      { headers: [], body: new Uint8Array(Buffer.from('{"__proto__":{"polluted":true},"constructor":1}')) },
    ];
    for (const request of cases) {
      const result = detectProvider(request, registry);
      expect(typeof result.reason).toBe('string');
    }
    expect(
      detectProvider(
        { headers: [['X-Prynt-Event', 'verdict.block']], body: new Uint8Array(Buffer.from('not json')) },
        registry,
      ),
    ).toMatchObject({ providerId: 'prynt', eventType: 'verdict.block' });
    expect(detectProvider({ headers: [], body: huge }, registry).providerId).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
