/**
 * Linear (@linear/sdk's LinearWebhookClient) and Paddle Billing
 * (@paddle/paddle-node-sdk's Webhooks) against their own SDKs, both
 * directions, several events each.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle, oracleImport } from './oracle-lib';

const registry = createProviderRegistry();
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';

function flipByte(text: string, at: number): string {
  const bytes = Buffer.from(text);
  bytes[at] = bytes[at] === 0x61 ? 0x62 : 0x61;
  return bytes.toString();
}

describe('Linear against @linear/sdk', async () => {
  const { LinearWebhookClient } = await oracleImport<{
    LinearWebhookClient: new (secret: string) => { verify(body: Buffer, signature: string): boolean };
  }>('@linear/sdk/webhooks');
  const linear = registry.require('linear');
  const SECRET = 'lin_wh_oracle_secret_0123456789';
  const events = ['Issue', 'Comment', 'Project'];

  it.each(events)(
    'LinearWebhookClient accepts what Hookscope signs (%s), and refuses a one-byte change',
    (eventType) => {
      const nowMs = Date.now();
      const req = buildOutgoingRequest(linear, {
        eventType,
        payload: buildSample(linear, eventType, 4, { nowMs }),
        secret: SECRET,
        timestampSec: Math.floor(nowMs / 1000),
      });
      const client = new LinearWebhookClient(SECRET);
      expect(client.verify(Buffer.from(req.body), header(req.headers, 'Linear-Signature'))).toBe(true);
      expect(() =>
        client.verify(
          Buffer.from(flipByte(Buffer.from(req.body).toString(), 5)),
          header(req.headers, 'Linear-Signature'),
        ),
      ).toThrow(/signature/);
      expect(header(req.headers, 'Linear-Event')).toBe(eventType);
    },
  );

  it.each(events)(
    'Hookscope says valid for a body the SDK verifies (%s), invalid with the cause when it is pretty-printed',
    (eventType) => {
      const nowMs = Date.now();
      const body = JSON.stringify(buildSample(linear, eventType, 8, { nowMs }));
      // The SDK has no signer: its verify() is the oracle that this HMAC is the one Linear sends.
      const signature = createHmac('sha256', SECRET).update(body).digest('hex');
      expect(new LinearWebhookClient(SECRET).verify(Buffer.from(body), signature)).toBe(true);
      const headers: [string, string][] = [
        ['Linear-Signature', signature],
        ['Linear-Event', eventType],
      ];
      expect(verifyRequest(linear, { headers, body: Buffer.from(body), secrets: [SECRET], nowMs })).toMatchObject({
        status: 'valid',
      });
      const pretty = verifyRequest(linear, {
        headers,
        body: Buffer.from(JSON.stringify(JSON.parse(body), null, 2)),
        secrets: [SECRET],
        nowMs,
      });
      expect(pretty.status).toBe('invalid');
      expect(codes(pretty)).toEqual(['body-pretty-printed']);
    },
  );
});

describe('Paddle Billing against @paddle/paddle-node-sdk', () => {
  interface PaddleSdk {
    webhooks: { isSignatureValid(body: string, secret: string, signature: string): Promise<boolean> };
  }
  const { Paddle } = oracle<{ Paddle: new (apiKey: string) => PaddleSdk }>('@paddle/paddle-node-sdk');
  // The SDK sets up its Node crypto when a client is made; no request is sent.
  const sdk = new Paddle('pdl_sdbx_apikey_oracle_tests_only');
  const paddle = registry.require('paddle');
  const SECRET = 'pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_6h3qd3uFSi9YCD3OLYAShQI90XTI5vEI';
  const events = ['transaction.completed', 'subscription.created', 'customer.updated'];

  it.each(events)(
    'Webhooks.isSignatureValid accepts what Hookscope signs (%s), and refuses a one-byte change',
    async (eventType) => {
      const nowSec = Math.floor(Date.now() / 1000);
      const req = buildOutgoingRequest(paddle, {
        eventType,
        payload: buildSample(paddle, eventType, 2, { nowMs: nowSec * 1000 }),
        secret: SECRET,
        timestampSec: nowSec,
      });
      const body = Buffer.from(req.body).toString();
      const signature = header(req.headers, 'Paddle-Signature');
      expect(signature).toMatch(new RegExp(`^ts=${nowSec};h1=[0-9a-f]{64}$`));
      expect(await sdk.webhooks.isSignatureValid(body, SECRET, signature)).toBe(true);
      expect(await sdk.webhooks.isSignatureValid(flipByte(body, 9), SECRET, signature)).toBe(false);
    },
  );

  it.each(events)(
    'Hookscope says valid for what the SDK accepts (%s), invalid with the cause after a one-byte change',
    async (eventType) => {
      const nowSec = Math.floor(Date.now() / 1000);
      const body = JSON.stringify(buildSample(paddle, eventType, 6, { nowMs: nowSec * 1000 }));
      const signature = `ts=${nowSec};h1=${createHmac('sha256', SECRET).update(`${nowSec}:${body}`).digest('hex')}`;
      expect(await sdk.webhooks.isSignatureValid(body, SECRET, signature)).toBe(true);
      const verify = (sig: string, b: string, nowMs = nowSec * 1000) =>
        verifyRequest(paddle, { headers: [['Paddle-Signature', sig]], body: Buffer.from(b), secrets: [SECRET], nowMs });
      expect(verify(signature, body)).toMatchObject({ status: 'valid', toleranceSeconds: 5 });
      const tampered = verify(signature, flipByte(body, 9));
      expect(tampered.status).toBe('invalid');
      expect(codes(tampered)).toEqual(['no-secret-matched']);
      const moved = verify(signature.replace(`ts=${nowSec};`, `ts=${nowSec - 3};`), body);
      expect(codes(moved)).toContain('timestamp-mismatch');
      // Past the SDK's 5 s window both say no: the SDK false, Hookscope stale.
      expect(verify(signature, body, (nowSec + 60) * 1000).status).toBe('stale');
    },
  );
});
