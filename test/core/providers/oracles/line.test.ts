/** LINE Messaging API (base64 HMAC-SHA256 of the body, channel secret) against @line/bot-sdk's validateSignature, both directions, several events. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

const { validateSignature } = oracle<{
  validateSignature(body: string | Buffer, channelSecret: string, signature: string): boolean;
}>('@line/bot-sdk');

const line = createProviderRegistry().require('line');
// A channel secret has the shape of LINE's: 32 hex digits.
const SECRET = '8c570fa6dd201bb328f1c1eac23a96d8';
const NOW_SEC = 1_780_000_000;
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);

describe.each(['message', 'follow', 'postback', 'memberJoined', 'unsend'])(
  'LINE %s against @line/bot-sdk',
  (eventType) => {
    it('validateSignature accepts what Hookscope signs, and refuses a one-byte change of body or signature', () => {
      const req = buildOutgoingRequest(line, {
        eventType,
        payload: buildSample(line, eventType, 6, { nowMs: NOW_SEC * 1000 }),
        secret: SECRET,
        timestampSec: NOW_SEC,
      });
      const body = Buffer.from(req.body);
      const signature = header(req.headers, 'x-line-signature');
      expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect((JSON.parse(body.toString()) as { events: { type: string }[] }).events[0].type).toBe(eventType);
      expect(validateSignature(body, SECRET, signature)).toBe(true);
      expect(validateSignature(flip(body.toString(), 20), SECRET, signature)).toBe(false);
      expect(validateSignature(body, SECRET, flip(signature, 5))).toBe(false);
    });

    it('Hookscope says valid for what the SDK accepts, invalid with the cause after a one-byte change', () => {
      const body = JSON.stringify(buildSample(line, eventType, 12, { nowMs: NOW_SEC * 1000 }));
      // The SDK verifies only; an independent HMAC, accepted by the SDK first.
      const signature = createHmac('sha256', SECRET).update(body).digest('base64');
      expect(validateSignature(body, SECRET, signature)).toBe(true);
      const verify = (sig: string, b: string) =>
        verifyRequest(line, {
          headers: [['x-line-signature', sig]],
          body: Buffer.from(b),
          secrets: [SECRET],
          nowMs: NOW_SEC * 1000,
        });
      expect(verify(signature, body)).toMatchObject({ status: 'valid', expected: signature });
      const tampered = verify(signature, flip(body, 20));
      expect(tampered.status).toBe('invalid');
      expect(codes(tampered)).toEqual(['no-secret-matched']);
      const hex = verify(Buffer.from(signature, 'base64').toString('hex'), body);
      expect(hex.status).toBe('invalid');
      expect(codes(hex)).toContain('digest-encoding-mismatch');
    });
  },
);
