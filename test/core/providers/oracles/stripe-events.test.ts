/**
 * Stripe's event list is the `stripe` library's (read here from test/oracles,
 * never from the app): no event missing, none invented. Every sample obeys
 * Stripe's payload rules, and the library's own webhook verifier accepts it
 * as Hookscope signs it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  validatePayload,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

interface StripeWebhooks {
  constructEvent(payload: string, header: string, secret: string, tolerance?: number): { type: string; id: string };
  generateTestHeaderString(opts: { payload: string; secret: string; timestamp?: number }): string;
}
const StripeLib = oracle<new (key: string) => { webhooks: StripeWebhooks }>('stripe');
const webhooks = new StripeLib('sk_test_hookscope').webhooks;

/** The library's own list: the `Event.Type` union of its declarations. */
function libraryEventTypes(): string[] {
  const root = resolve(__dirname, '../../../oracles');
  const main = createRequire(join(root, 'package.json')).resolve('stripe');
  const events = readFileSync(join(main, '..', 'resources', 'Events.d.ts'), 'utf8');
  const union = /^\s+type Type = ([^;]+);$/m.exec(events)![1];
  return [...union.matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

const registry = createProviderRegistry();
const stripe = registry.require('stripe');
const SECRET = 'whsec_hookscope_stripe_oracle';
const NOW = Date.UTC(2026, 11, 5, 0, 45);

describe("Stripe's event list against the stripe library", () => {
  const library = libraryEventTypes();

  it('is exactly the library list: no event missing, none invented', () => {
    const ours = stripe.events.map((e) => e.type);
    expect(library.length).toBeGreaterThan(250);
    expect(ours.filter((t) => !library.includes(t))).toEqual([]);
    expect(library.filter((t) => !ours.includes(t))).toEqual([]);
    expect(ours.length).toBe(library.length);
    // Each with the library's own description ("Occurs whenever ...").
    expect(stripe.events.filter((e) => !/^Occurs /.test(e.description)).map((e) => e.type)).toEqual([
      'issuing_authorization.request',
    ]);
    expect(stripe.events.every((e) => e.description.length > 20)).toBe(true);
  });

  it('every sample obeys the payload rules, for several seeds, its times at the send instant', () => {
    for (const event of stripe.events) {
      for (const seed of [1, 7, 1234]) {
        const sample = buildSample(stripe, event.type, seed, { nowMs: NOW }) as Record<string, any>;
        expect(validatePayload(stripe, event.type, sample), `${event.type} seed ${seed}`).toEqual([]);
        expect(sample.type).toBe(event.type);
        expect(sample.created).toBe(NOW / 1000);
      }
    }
  });

  it('the rules catch an object of the wrong type, a wrong id prefix and a non-event', () => {
    const sample = buildSample(stripe, 'invoice.paid', 3) as Record<string, any>;
    expect(validatePayload(stripe, 'invoice.paid', sample)).toEqual([]);
    const wrongObject = structuredClone(sample);
    wrongObject.data.object.object = 'charge';
    expect(validatePayload(stripe, 'invoice.paid', wrongObject).join('\n')).toMatch(
      /data\.object\.object: expected one of invoice/,
    );
    const wrongPrefix = structuredClone(sample);
    wrongPrefix.data.object.id = 'ch_123';
    expect(validatePayload(stripe, 'invoice.paid', wrongPrefix).join('\n')).toMatch(
      /data\.object\.id: expected the prefix "in_"/,
    );
    expect(validatePayload(stripe, 'invoice.paid', { ...sample, object: 'invoice' }).join('\n')).toMatch(/^object:/);
  });

  it("well-known events carry the object Stripe sends, with Stripe's id prefix", () => {
    const expected: Record<string, [string, RegExp]> = {
      'customer.created': ['customer', /^cus_/],
      'invoice.payment_failed': ['invoice', /^in_/],
      'charge.succeeded': ['charge', /^ch_/],
      'payment_intent.succeeded': ['payment_intent', /^pi_/],
      'customer.subscription.updated': ['subscription', /^sub_/],
      'checkout.session.completed': ['checkout.session', /^cs_test_/],
      'customer.source.expiring': ['card', /^card_/],
      'charge.dispute.created': ['dispute', /^dp_/],
    };
    for (const [type, [object, prefix]] of Object.entries(expected)) {
      const data = (buildSample(stripe, type, 9) as Record<string, any>).data;
      expect(data.object.object, type).toBe(object);
      expect(data.object.id, type).toMatch(prefix);
      expect(data.previous_attributes !== undefined, type).toBe(type.endsWith('.updated'));
    }
  });

  it("the library's constructEvent accepts every event as Hookscope signs it, and refuses a one-byte change", () => {
    for (const event of stripe.events) {
      const request = buildOutgoingRequest(stripe, {
        eventType: event.type,
        payload: buildSample(stripe, event.type, 5, { nowMs: Date.now() }),
        secret: SECRET,
        timestampSec: Math.floor(Date.now() / 1000),
      });
      const header = request.headers.find(([k]) => k === 'Stripe-Signature')![1];
      const body = Buffer.from(request.body).toString('utf8');
      expect(webhooks.constructEvent(body, header, SECRET).type).toBe(event.type);
      expect(() => webhooks.constructEvent(body.replace('"event"', '"evenT"'), header, SECRET)).toThrow(/signature/i);
    }
  });

  it('Hookscope says valid for what the library signs, and invalid after a one-byte change', () => {
    for (const type of ['invoice.paid', 'customer.subscription.deleted', 'treasury.received_debit.created']) {
      const body = JSON.stringify(buildSample(stripe, type, 11));
      const timestamp = Math.floor(Date.now() / 1000);
      const header = webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp });
      const verify = (b: string) =>
        verifyRequest(stripe, {
          headers: [['Stripe-Signature', header]],
          body: Buffer.from(b),
          secrets: [SECRET],
          nowMs: timestamp * 1000,
        });
      expect(verify(body).status).toBe('valid');
      expect(verify(body.replace('"event"', '"evenT"')).status).toBe('invalid');
    }
  });
});
