/** Coinbase Commerce against coinbase-commerce-node's Webhook (verifySigHeader, verifyEventBody), both directions, several events. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

interface CoinbaseWebhook {
  verifySigHeader(payload: string, sigHeader: string, secret: string): boolean;
  verifyEventBody(payload: string, sigHeader: string, secret: string): { id: string; type: string };
}
const { Webhook } = oracle<{ Webhook: CoinbaseWebhook }>('coinbase-commerce-node');

const coinbase = createProviderRegistry().require('coinbase-commerce');
const SECRET = 'cc-shared-webhook-secret-oracle';
const NOW_SEC = 1_780_000_000;
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);

describe.each(['charge:created', 'charge:confirmed', 'charge:failed', 'charge:resolved'])(
  'Coinbase Commerce %s against coinbase-commerce-node',
  (eventType) => {
    it('Webhook.verifyEventBody accepts what Hookscope signs and reads the event; a one-byte change throws', () => {
      const req = buildOutgoingRequest(coinbase, {
        eventType,
        payload: buildSample(coinbase, eventType, 4, { nowMs: NOW_SEC * 1000 }),
        secret: SECRET,
        timestampSec: NOW_SEC,
      });
      const body = Buffer.from(req.body).toString();
      const signature = header(req.headers, 'X-CC-Webhook-Signature');
      const event = Webhook.verifyEventBody(body, signature, SECRET);
      expect(event.type).toBe(eventType);
      expect(event.id).toBe((JSON.parse(body) as { event: { id: string } }).event.id);
      expect(() => Webhook.verifySigHeader(flip(body, 10), signature, SECRET)).toThrow(/signature/i);
      expect(() => Webhook.verifySigHeader(body, flip(signature, 3), SECRET)).toThrow(/signature/i);
    });

    it('Hookscope says valid for what the library accepts, invalid with the cause after a one-byte change', () => {
      const body = JSON.stringify(buildSample(coinbase, eventType, 11, { nowMs: NOW_SEC * 1000 }));
      // The library has no signer beyond its computeSignature; an independent HMAC, checked by its verifier first.
      const signature = createHmac('sha256', SECRET).update(body).digest('hex');
      expect(Webhook.verifySigHeader(body, signature, SECRET)).toBe(true);
      const verify = (sig: string, b: string) =>
        verifyRequest(coinbase, {
          headers: [['X-CC-Webhook-Signature', sig]],
          body: Buffer.from(b),
          secrets: [SECRET],
          nowMs: NOW_SEC * 1000,
        });
      expect(verify(signature, body)).toMatchObject({ status: 'valid', expected: signature });
      const tampered = verify(signature, flip(body, 10));
      expect(tampered.status).toBe('invalid');
      expect(codes(tampered)).toEqual(['no-secret-matched']);
      expect(codes(verify(flip(signature, 3), body))).toEqual(['no-secret-matched']);
      expect(codes(verify(signature, `${body}\n`))).toEqual(['body-trailing-newline-added']);
    });
  },
);
