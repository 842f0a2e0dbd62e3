/** Sanity (t=<unix ms>,v1=<base64url>) against @sanity/webhook, Sanity's own toolkit, both directions. */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

const { isValidSignature, encodeSignatureHeader } = oracle<{
  isValidSignature(payload: string, signature: string, secret: string): Promise<boolean>;
  encodeSignatureHeader(payload: string, timestampMs: number, secret: string): Promise<string>;
}>('@sanity/webhook');

const sanity = createProviderRegistry().require('sanity');
const SECRET = 'sanity-oracle-secret-0123';
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);

describe.each(['create', 'update', 'delete'])('Sanity %s against @sanity/webhook', (eventType) => {
  it('the toolkit accepts what Hookscope signs, with a millisecond timestamp, and refuses a one-byte change', async () => {
    const req = buildOutgoingRequest(sanity, {
      eventType,
      payload: buildSample(sanity, eventType, 3),
      secret: SECRET,
      timestampSec: 1_780_000_000,
    });
    const signature = req.headers.find(([k]) => k === 'sanity-webhook-signature')![1];
    expect(signature).toMatch(/^t=1780000000000,v1=[A-Za-z0-9_-]{43}$/);
    const body = Buffer.from(req.body).toString();
    expect(await isValidSignature(body, signature, SECRET)).toBe(true);
    expect(await isValidSignature(body.replace('"post"', '"posu"'), signature, SECRET)).toBe(false);
    expect(req.headers).toEqual(expect.arrayContaining([['sanity-operation', eventType]]));
  });

  it('Hookscope says valid for what the toolkit signs, invalid with the cause after a one-byte change, invalid after a moved timestamp', async () => {
    const body = JSON.stringify(buildSample(sanity, eventType, 5));
    const t = 1_780_000_123_456;
    const signature = await encodeSignatureHeader(body, t, SECRET);
    const verify = (sig: string, b: string) =>
      verifyRequest(sanity, {
        headers: [
          ['sanity-webhook-signature', sig],
          ['sanity-operation', eventType],
        ],
        body: Buffer.from(b),
        secrets: [SECRET],
        nowMs: t,
      });
    expect(verify(signature, body)).toMatchObject({ status: 'valid', expected: signature });
    const tampered = verify(signature, body.replace('"post"', '"posu"'));
    expect(tampered.status).toBe('invalid');
    expect(codes(tampered)).toEqual(['no-secret-matched']);
    const moved = verify(signature.replace(`t=${t}`, `t=${t + 1}`), body);
    expect(moved.status).toBe('invalid');
  });
});
