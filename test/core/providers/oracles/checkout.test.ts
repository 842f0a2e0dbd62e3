/**
 * Checkout.com has no official verifier on npm (checkout-sdk-node calls the
 * API; it has no webhook helper) and its documentation publishes no test
 * vectors. The proof is an independent node:crypto computation of the recipe
 * on https://www.checkout.com/docs/developer-resources/webhooks/manage-webhooks/set-up-your-webhook-receiver:
 * "hash the contents in the webhook body with the SHA-256 hash function,
 * using your webhook's signature key as the hash key", hex-encoded in
 * Cko-Signature. Both directions, several events.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  verifyRequest,
} from '../../../../src/core/providers';
import { flipByte, header } from '../helpers';

const registry = createProviderRegistry();
const checkout = registry.require('checkout');
const KEY = 'f5b5d7b8-2c4a-4a3b-9d2e-cko-signature-key';
const EVENTS = ['payment_approved', 'payment_captured', 'dispute_evidence_required', 'source_updated'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);

/** The documented recipe, written independently of src/core/providers. */
function documentedHandlerAccepts(rawBody: Buffer, ckoSignature: string): boolean {
  const expected = createHmac('sha256', KEY).update(rawBody).digest();
  const received = Buffer.from(ckoSignature, 'hex');
  return received.length === expected.length && timingSafeEqual(received, expected);
}

describe('Checkout.com Cko-Signature against the documented recipe', () => {
  it.each(EVENTS)('the recipe accepts what Hookscope sends (%s), and refuses a one-byte change', (eventType) => {
    const nowMs = Date.UTC(2026, 11, 4, 23, 0, 0);
    const req = buildOutgoingRequest(checkout, {
      eventType,
      payload: buildSample(checkout, eventType, 7, { nowMs }),
      secret: KEY,
      timestampSec: Math.floor(nowMs / 1000),
    });
    const body = Buffer.from(req.body);
    const signature = header(req.headers, 'Cko-Signature')!;
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(documentedHandlerAccepts(body, signature)).toBe(true);
    expect(documentedHandlerAccepts(flipByte(body, 12), signature)).toBe(false);
    const event = JSON.parse(body.toString()) as { id: string; type: string; created_on: string };
    expect(event.type).toBe(eventType);
    expect(event.created_on).toBe(new Date(nowMs).toISOString());
    expect(detectProvider({ headers: req.headers, body }, registry)).toMatchObject({
      providerId: 'checkout',
      eventType,
    });
  });

  it.each(EVENTS)(
    'Hookscope says valid for what the recipe signs (%s); invalid with the cause after a one-byte change of body or signature',
    (eventType) => {
      const body = Buffer.from(JSON.stringify(buildSample(checkout, eventType, 11)));
      const signature = createHmac('sha256', KEY).update(body).digest('hex');
      const verify = (sig: string, b: Buffer) =>
        verifyRequest(checkout, { headers: [['Cko-Signature', sig]], body: b, secrets: [KEY], nowMs: Date.now() });
      expect(verify(signature, body)).toMatchObject({ status: 'valid', secretIndex: 0 });

      const tamperedBody = verify(signature, flipByte(body, 20));
      expect(tamperedBody.status).toBe('invalid');
      expect(codes(tamperedBody)).toEqual(['no-secret-matched']);

      const last = signature.at(-1) === '0' ? '1' : '0';
      const tamperedSig = verify(signature.slice(0, -1) + last, body);
      expect(tamperedSig.status).toBe('invalid');
      expect(codes(tamperedSig)).toEqual(['no-secret-matched']);

      const pretty = verify(signature, Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2)));
      expect(pretty.status).toBe('invalid');
      expect(codes(pretty)).toEqual(['body-pretty-printed']);
    },
  );

  it('samples link to their own event and subject, and every retry carries the same event id', () => {
    const sample = buildSample(checkout, 'payment_refunded', 3) as {
      id: string;
      data: { id: string };
      _links: Record<string, { href: string }>;
    };
    expect(sample._links.self.href).toBe(`https://api.checkout.com/workflows/events/${sample.id}`);
    expect(sample._links.subject.href).toMatch(new RegExp(`/subject/${sample.data.id}$`));
    expect(sample._links.payment.href).toBe(`https://api.checkout.com/payments/${sample.data.id}`);
    const a = buildOutgoingRequest(checkout, {
      eventType: 'payment_refunded',
      payload: sample,
      secret: KEY,
      timestampSec: 1,
    });
    const b = buildOutgoingRequest(checkout, {
      eventType: 'payment_refunded',
      payload: sample,
      secret: KEY,
      timestampSec: 9,
    });
    expect(Buffer.from(a.body).equals(Buffer.from(b.body))).toBe(true);
    expect(header(a.headers, 'Cko-Signature')).toBe(header(b.headers, 'Cko-Signature'));
  });
});
