/**
 * ElevenLabs post-call webhooks, proven by the documented recipe only
 * (https://elevenlabs.io/docs/agents-platform/workflows/post-call-webhooks,
 * Authentication): ElevenLabs-Signature "t=<unix seconds>,v0=<hex>", the hex
 * HMAC-SHA256 of "<t>.<raw body>" keyed with the webhook secret, refused when
 * the timestamp is more than 30 minutes old. ElevenLabs publishes no test
 * vectors, and its SDK (65 MB unpacked) is not installed as an oracle; the
 * recipe below is written independently of src/core/providers with
 * node:crypto. Both directions, several events.
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
const elevenlabs = registry.require('elevenlabs');
const SECRET = 'wsec_4f6c2a9e8b1d7e3f5a0c9b8d7e6f5a4b';
const EVENTS = ['post_call_transcription', 'post_call_audio', 'call_initiation_failure'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);

function recipeSign(body: string, t: number): string {
  return `t=${t},v0=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`;
}

/** The documented check: parse t and v0, refuse a timestamp over 30 minutes old, compare the HMAC. */
function recipeAccepts(body: string, signatureHeader: string, nowSec: number): boolean {
  const parts = Object.fromEntries(
    signatureHeader.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
  );
  const t = Number(parts.t);
  if (!Number.isFinite(t) || parts.v0 === undefined || t < nowSec - 30 * 60) return false;
  const expected = createHmac('sha256', SECRET).update(`${parts.t}.${body}`).digest();
  const received = Buffer.from(parts.v0, 'hex');
  return received.length === expected.length && timingSafeEqual(received, expected);
}

describe('ElevenLabs-Signature against the documented recipe', () => {
  it.each(EVENTS)('the recipe accepts what Hookscope sends (%s), and refuses a one-byte change', (eventType) => {
    const nowSec = 1_796_428_800;
    const req = buildOutgoingRequest(elevenlabs, {
      eventType,
      payload: buildSample(elevenlabs, eventType, 3, { nowMs: nowSec * 1000 }),
      secret: SECRET,
      timestampSec: nowSec,
    });
    const body = Buffer.from(req.body).toString();
    const signature = header(req.headers, 'ElevenLabs-Signature')!;
    expect(signature).toMatch(new RegExp(`^t=${nowSec},v0=[0-9a-f]{64}$`));
    expect(recipeAccepts(body, signature, nowSec + 60)).toBe(true);
    expect(recipeAccepts(flipByte(req.body, 10).toString(), signature, nowSec + 60)).toBe(false);
    expect(recipeAccepts(body, signature, nowSec + 31 * 60)).toBe(false);
    expect(JSON.parse(body)).toMatchObject({ type: eventType, event_timestamp: nowSec });
    expect(detectProvider({ headers: req.headers, body: req.body }, registry)).toMatchObject({
      providerId: 'elevenlabs',
      eventType,
    });
  });

  it.each(EVENTS)(
    'Hookscope says valid for what the recipe signs (%s); invalid, stale or mismatched with the cause otherwise',
    (eventType) => {
      const t = 1_796_428_800;
      const body = JSON.stringify(buildSample(elevenlabs, eventType, 8, { nowMs: t * 1000 }));
      const signature = recipeSign(body, t);
      const verify = (sig: string, b: string, nowSec = t + 5) =>
        verifyRequest(elevenlabs, {
          headers: [['ElevenLabs-Signature', sig]],
          body: Buffer.from(b),
          secrets: [SECRET],
          nowMs: nowSec * 1000,
        });
      expect(verify(signature, body)).toMatchObject({ status: 'valid', toleranceSeconds: 1800 });

      const tamperedBody = verify(signature, flipByte(Buffer.from(body), 25).toString());
      expect(tamperedBody.status).toBe('invalid');
      expect(codes(tamperedBody)).toEqual(['no-secret-matched']);

      const last = signature.at(-1) === '0' ? '1' : '0';
      const tamperedSig = verify(signature.slice(0, -1) + last, body);
      expect(tamperedSig.status).toBe('invalid');
      expect(codes(tamperedSig)).toEqual(['no-secret-matched']);

      const moved = verify(signature.replace(`t=${t}`, `t=${t - 7}`), body);
      expect(moved.status).toBe('invalid');
      expect(codes(moved)).toContain('timestamp-mismatch');

      expect(verify(signature, body, t + 31 * 60).status).toBe('stale');
    },
  );
});
