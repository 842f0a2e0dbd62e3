/**
 * Knock (x-knock-signature t=<unix ms>,s=<base64> over "<t>.<body>").
 * Knock publishes no verification library and no test vector, so both
 * directions are checked against an independent node:crypto implementation
 * written from the documented recipe:
 * https://docs.knock.app/developer-tools/outbound-webhooks/overview (verifying signatures).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';

const knock = createProviderRegistry().require('knock');
const SECRET = 'knock_whsec_oracle_0123456789abcdef';
const FIVE_MINUTES_MS = 5 * 60 * 1000;

/** The recipe: split "t=..,s=..", HMAC-SHA256 of "<t>.<raw body>" in base64, t in milliseconds within 5 minutes. */
function recipeSign(body: string, timestampMs: number, secret: string): string {
  return `t=${timestampMs},s=${createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('base64')}`;
}
function recipeVerify(body: string, header: string, secret: string, nowMs: number): boolean {
  const parts = Object.fromEntries(
    header.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
  );
  if (!parts.t || !parts.s || Math.abs(nowMs - Number(parts.t)) > FIVE_MINUTES_MS) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('base64'));
  const given = Buffer.from(parts.s);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);
const NOW_SEC = 1_780_000_000;

describe.each(['message.sent', 'message.undelivered', 'workflow.committed', 'workflow_recipient_run.error'])(
  'Knock %s against the documented recipe',
  (eventType) => {
    it('the recipe accepts what Hookscope signs (t in milliseconds), and refuses a one-byte change', () => {
      const req = buildOutgoingRequest(knock, {
        eventType,
        payload: buildSample(knock, eventType, 3, { nowMs: NOW_SEC * 1000 }),
        secret: SECRET,
        timestampSec: NOW_SEC,
      });
      const body = Buffer.from(req.body).toString();
      const signature = header(req.headers, 'x-knock-signature');
      expect(signature).toMatch(new RegExp(`^t=${NOW_SEC}000,s=[A-Za-z0-9+/]{43}=$`));
      expect(header(req.headers, 'x-knock-event')).toBe(eventType);
      expect(recipeVerify(body, signature, SECRET, NOW_SEC * 1000)).toBe(true);
      expect(recipeVerify(flip(body, 15), signature, SECRET, NOW_SEC * 1000)).toBe(false);
      expect(recipeVerify(body, flip(signature, 25), SECRET, NOW_SEC * 1000)).toBe(false);
    });

    it('Hookscope says valid for what the recipe signs, invalid with the cause after a one-byte change', () => {
      const nowMs = NOW_SEC * 1000 + 123;
      const body = JSON.stringify(buildSample(knock, eventType, 9, { nowMs }));
      const signature = recipeSign(body, nowMs, SECRET);
      const verify = (sig: string, b: string, at = nowMs) =>
        verifyRequest(knock, {
          headers: [
            ['x-knock-signature', sig],
            ['x-knock-event', eventType],
          ],
          body: Buffer.from(b),
          secrets: [SECRET],
          nowMs: at,
        });
      expect(verify(signature, body)).toMatchObject({ status: 'valid', expected: signature, toleranceSeconds: 300 });
      const tampered = verify(signature, flip(body, 15));
      expect(tampered.status).toBe('invalid');
      expect(codes(tampered)).toEqual(['no-secret-matched']);
      const moved = verify(signature.replace(`t=${nowMs}`, `t=${nowMs + 1}`), body);
      expect(moved.status).toBe('invalid');
      expect(codes(moved)).toContain('timestamp-mismatch');
      expect(verify(signature, body, nowMs + FIVE_MINUTES_MS + 1000).status).toBe('stale');
    });
  },
);

it('a handler that signs Stripe-style seconds gets a correct signature but a stale timestamp, never valid', () => {
  const body = JSON.stringify(buildSample(knock, 'message.read', 4, { nowMs: NOW_SEC * 1000 }));
  const seconds = recipeSign(body, NOW_SEC, SECRET);
  const verdict = verifyRequest(knock, {
    headers: [['x-knock-signature', seconds]],
    body: Buffer.from(body),
    secrets: [SECRET],
    nowMs: NOW_SEC * 1000,
  });
  expect(verdict.status).toBe('stale');
  expect(verdict.detail).toMatch(/signature is correct/);
  expect(codes(verdict)).toEqual(['timestamp-stale']);
});
