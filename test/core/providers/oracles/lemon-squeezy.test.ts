/**
 * Lemon Squeezy (X-Signature: hex HMAC-SHA256 of the body). Lemon Squeezy
 * publishes no verification library and no test vector, so both directions
 * are checked against an independent node:crypto implementation of the
 * documented recipe: https://docs.lemonsqueezy.com/help/webhooks/signing-requests.
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

const registry = createProviderRegistry();
const lemon = registry.require('lemon-squeezy');
// The dashboard takes a signing secret of 6 to 40 characters.
const SECRET = 'lemon-signing-secret-0123';
const NOW_SEC = 1_780_000_000;

/** The recipe: hex HMAC-SHA256 of the raw body with the signing secret, compared in constant time. */
const recipeSign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');
function recipeVerify(body: string, header: string, secret: string): boolean {
  const expected = Buffer.from(recipeSign(body, secret), 'hex');
  const given = Buffer.from(header, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);

describe.each(['order_created', 'subscription_payment_failed', 'subscription_cancelled', 'license_key_created'])(
  'Lemon Squeezy %s against the documented recipe',
  (eventType) => {
    it('the recipe accepts what Hookscope signs, with X-Event-Name; a one-byte change fails', () => {
      const req = buildOutgoingRequest(lemon, {
        eventType,
        payload: buildSample(lemon, eventType, 4, { nowMs: NOW_SEC * 1000 }),
        secret: SECRET,
        timestampSec: NOW_SEC,
      });
      const body = Buffer.from(req.body).toString();
      const signature = header(req.headers, 'X-Signature');
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(header(req.headers, 'X-Event-Name')).toBe(eventType);
      expect(recipeVerify(body, signature, SECRET)).toBe(true);
      expect(recipeVerify(flip(body, 25), signature, SECRET)).toBe(false);
      expect(recipeVerify(body, flip(signature, 7), SECRET)).toBe(false);
    });

    it('Hookscope says valid for what the recipe signs, invalid with the cause after a one-byte change', () => {
      const body = JSON.stringify(buildSample(lemon, eventType, 13, { nowMs: NOW_SEC * 1000 }));
      const signature = recipeSign(body, SECRET);
      const verify = (sig: string, b: string, secrets = [SECRET]) =>
        verifyRequest(lemon, {
          headers: [
            ['X-Signature', sig],
            ['X-Event-Name', eventType],
          ],
          body: Buffer.from(b),
          secrets,
          nowMs: NOW_SEC * 1000,
        });
      expect(verify(signature, body)).toMatchObject({ status: 'valid', expected: signature });
      const tampered = verify(signature, flip(body, 25));
      expect(tampered.status).toBe('invalid');
      expect(codes(tampered)).toEqual(['no-secret-matched']);
      const rotated = verify(signature, body, ['a-newer-secret', SECRET]);
      expect(rotated).toMatchObject({ status: 'valid', secretIndex: 1 });
    });
  },
);

it('X-Signature alone does not make a capture Lemon Squeezy: the meta/data envelope must be there too', () => {
  const headers: [string, string][] = [
    ['X-Signature', 'a'.repeat(64)],
    ['X-Event-Name', 'order_created'],
  ];
  const other = detectProvider({ headers, body: Buffer.from('{"event":"order_created","id":1}') }, registry);
  expect(other.providerId).not.toBe('lemon-squeezy');
  const body = Buffer.from(JSON.stringify(buildSample(lemon, 'order_created', 1)));
  expect(detectProvider({ headers, body }, registry)).toMatchObject({
    providerId: 'lemon-squeezy',
    eventType: 'order_created',
  });
});
