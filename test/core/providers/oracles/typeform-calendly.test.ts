/**
 * Typeform and Calendly: neither publishes an npm library with a verify
 * function nor a test vector, so both are proven against node:crypto
 * computations of their documented recipes:
 * - Typeform, https://www.typeform.com/developers/webhooks/secure-your-webhooks/:
 *   "sha256=" + base64 HMAC-SHA256 of the raw body.
 * - Calendly, https://developer.calendly.com/docs/webhooks/overview:
 *   t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">, refused past 3 minutes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyRequest } from '../../../../src/core/providers';
import { codes, header, provesBothWays, registry, type Headers } from './recipe-lib';

function equalText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const typeformSignature = (body: Buffer, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;

provesBothWays({
  providerId: 'typeform',
  secret: 'c0ffee5ecret0f20hexchars1234567890abcd',
  events: ['form_response', 'form_response_partial'],
  signatureHeader: 'Typeform-Signature',
  verify: (headers: Headers, body: Buffer, secret: string) =>
    equalText(typeformSignature(body, secret), header(headers, 'typeform-signature') ?? ''),
  sign: (body: Buffer, secret: string) => [
    ['Content-Type', 'application/json'],
    ['Typeform-Signature', typeformSignature(body, secret)],
  ],
});

/** Calendly's documented check: split on ",", then on "=", recompute over "<t>.<body>", refuse past 3 minutes. */
function calendlyAccepts(value: string, body: Buffer, key: string, nowSec: number): boolean {
  const parts = Object.fromEntries(
    value.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  const t = parts.t;
  const v1 = parts.v1;
  if (!t || !v1) return false;
  const expected = createHmac('sha256', key).update(`${t}.`).update(body).digest('hex');
  return equalText(expected, v1) && nowSec - Number(t) <= 180;
}

const calendlySign = (body: Buffer, key: string, t: number) =>
  `t=${t},v1=${createHmac('sha256', key).update(`${t}.`).update(body).digest('hex')}`;

provesBothWays({
  providerId: 'calendly',
  secret: 'calendly-signing-key-6b1e2f9d',
  events: ['invitee.created', 'invitee.canceled', 'routing_form_submission.created', 'event_type.updated'],
  signatureHeader: 'Calendly-Webhook-Signature',
  verify: (headers: Headers, body: Buffer, secret: string, nowSec: number) =>
    calendlyAccepts(header(headers, 'calendly-webhook-signature') ?? '', body, secret, nowSec),
  sign: (body: Buffer, secret: string, nowSec: number) => [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Calendly-Webhook-Signature', calendlySign(body, secret, nowSec)],
  ],
});

describe('Calendly: the timestamp is signed and has a 3-minute window', () => {
  const calendly = registry.require('calendly');
  const KEY = 'calendly-signing-key-6b1e2f9d';
  const body = Buffer.from('{"event":"invitee.created","created_at":"2026-06-01T10:00:00.000Z","payload":{}}');
  const t = 1_780_000_000;
  const verify = (value: string, nowSec: number) =>
    verifyRequest(calendly, {
      headers: [['Calendly-Webhook-Signature', value]],
      body,
      secrets: [KEY],
      nowMs: nowSec * 1000,
    });

  it('four minutes later both the documented check and Hookscope refuse it, Hookscope as stale', () => {
    const value = calendlySign(body, KEY, t);
    expect(calendlyAccepts(value, body, KEY, t + 240)).toBe(false);
    expect(verify(value, t + 240)).toMatchObject({ status: 'stale', ageSeconds: 240, toleranceSeconds: 180 });
    expect(verify(value, t + 60)).toMatchObject({ status: 'valid', ageSeconds: 60 });
  });

  it('a timestamp moved after signing is invalid, named as a timestamp mismatch', () => {
    const moved = calendlySign(body, KEY, t).replace(`t=${t}`, `t=${t + 5}`);
    expect(calendlyAccepts(moved, body, KEY, t + 5)).toBe(false);
    const verdict = verify(moved, t + 5);
    expect(verdict.status).toBe('invalid');
    expect(codes(verdict)).toContain('timestamp-mismatch');
  });
});
