/** Razorpay against the razorpay npm package's validateWebhookSignature, both directions, several events. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

const { validateWebhookSignature } = oracle<{
  validateWebhookSignature(body: string, signature: string, secret: string): boolean;
}>('razorpay');

const razorpay = createProviderRegistry().require('razorpay');
const SECRET = 'rzp_webhook_oracle_secret';
const NOW_SEC = 1_780_000_000;
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);

describe.each(['payment.captured', 'order.paid', 'refund.processed', 'subscription.charged', 'payout.processed'])(
  'Razorpay %s against razorpay.validateWebhookSignature',
  (eventType) => {
    it('the library accepts what Hookscope signs, and refuses a one-byte change of body or signature', () => {
      const req = buildOutgoingRequest(razorpay, {
        eventType,
        payload: buildSample(razorpay, eventType, 3, { nowMs: NOW_SEC * 1000 }),
        secret: SECRET,
        timestampSec: NOW_SEC,
      });
      const body = Buffer.from(req.body).toString();
      const signature = header(req.headers, 'X-Razorpay-Signature');
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.parse(body)).toMatchObject({ entity: 'event', event: eventType });
      expect(header(req.headers, 'X-Razorpay-Event-Id')).not.toBe('');
      expect(validateWebhookSignature(body, signature, SECRET)).toBe(true);
      expect(validateWebhookSignature(flip(body, 12), signature, SECRET)).toBe(false);
      expect(validateWebhookSignature(body, flip(signature, 0), SECRET)).toBe(false);
    });

    it('Hookscope says valid for what the library accepts, invalid with the cause after a one-byte change', () => {
      const body = JSON.stringify(buildSample(razorpay, eventType, 9, { nowMs: NOW_SEC * 1000 }));
      // The package has no signer; its validator is the oracle that this HMAC is the one Razorpay sends.
      const signature = createHmac('sha256', SECRET).update(body).digest('hex');
      expect(validateWebhookSignature(body, signature, SECRET)).toBe(true);
      const verify = (sig: string, b: string) =>
        verifyRequest(razorpay, {
          headers: [['X-Razorpay-Signature', sig]],
          body: Buffer.from(b),
          secrets: [SECRET],
          nowMs: NOW_SEC * 1000,
        });
      expect(verify(signature, body)).toMatchObject({ status: 'valid', expected: signature });
      const tampered = verify(signature, flip(body, 12));
      expect(tampered.status).toBe('invalid');
      expect(codes(tampered)).toEqual(['no-secret-matched']);
      const badSig = verify(flip(signature, 0), body);
      expect(badSig.status).toBe('invalid');
      expect(codes(badSig)).toEqual(['no-secret-matched']);
      const pretty = verify(signature, JSON.stringify(JSON.parse(body), null, 2));
      expect(codes(pretty)).toEqual(['body-pretty-printed']);
    });
  },
);
