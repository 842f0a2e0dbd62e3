/**
 * Square against its own SDK (square, npm): WebhooksHelper.verifySignature
 * over the notification URL + body. Both directions, several events, one-byte
 * changes of body and signature, and the URL a proxy hides.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

interface SquareSdk {
  WebhooksHelper: {
    verifySignature(input: {
      requestBody: string;
      signatureHeader: string;
      signatureKey: string;
      notificationUrl: string;
    }): Promise<boolean>;
  };
}

const { WebhooksHelper } = oracle<SquareSdk>('square');
const square = createProviderRegistry().require('square');
const KEY = 'sq0wsk_oracle-signature-key_Zr5';
const URL_PUBLIC = 'https://hooks.example.com/square/webhook';
const EVENTS = ['payment.created', 'refund.updated', 'order.fulfillment.updated', 'customer.deleted'];
const SIG = 'x-square-hmacsha256-signature';
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const changeChar = (text: string, at: number) =>
  text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

describe('Square against square WebhooksHelper.verifySignature', () => {
  it.each(EVENTS)('the SDK accepts what Hookscope signs (%s), and refuses a one-byte change', async (type) => {
    const nowMs = Date.now();
    const req = buildOutgoingRequest(square, {
      eventType: type,
      payload: buildSample(square, type, 5, { nowMs }),
      secret: KEY,
      timestampSec: Math.floor(nowMs / 1000),
      url: URL_PUBLIC,
    });
    const body = Buffer.from(req.body).toString('utf8');
    const signatureHeader = header(req.headers, SIG);
    const check = (requestBody: string, sig: string, notificationUrl = URL_PUBLIC) =>
      WebhooksHelper.verifySignature({ requestBody, signatureHeader: sig, signatureKey: KEY, notificationUrl });
    expect(await check(body, signatureHeader)).toBe(true);
    expect(await check(changeChar(body, 20), signatureHeader)).toBe(false);
    expect(await check(body, changeChar(signatureHeader, 7))).toBe(false);
    expect(await check(body, signatureHeader, 'http://hooks.example.com/square/webhook')).toBe(false);
  });

  it.each(EVENTS)(
    'Hookscope says valid for what the SDK accepts (%s), invalid after a one-byte change',
    async (type) => {
      const nowMs = Date.now();
      const body = JSON.stringify(buildSample(square, type, 9, { nowMs }));
      // The SDK has no signer: an independent node:crypto HMAC that its verifySignature accepts stands for Square's.
      const signature = createHmac('sha256', KEY)
        .update(URL_PUBLIC + body)
        .digest('base64');
      expect(
        await WebhooksHelper.verifySignature({
          requestBody: body,
          signatureHeader: signature,
          signatureKey: KEY,
          notificationUrl: URL_PUBLIC,
        }),
      ).toBe(true);
      const headers: [string, string][] = [
        ['Content-Type', 'application/json'],
        [SIG, signature],
      ];
      const at = (url: string, b = body, h = headers) =>
        verifyRequest(square, { headers: h, body: Buffer.from(b), secrets: [KEY], nowMs, url, method: 'POST' });
      expect(at(URL_PUBLIC)).toMatchObject({ status: 'valid' });

      const changedBody = at(URL_PUBLIC, changeChar(body, 30));
      expect(changedBody.status).toBe('invalid');
      expect(codes(changedBody)).toContain('url-none-matched');

      const changedSig = at(URL_PUBLIC, body, [headers[0], [SIG, changeChar(signature, 5)]]);
      expect(changedSig.status).toBe('invalid');

      // Received on the tunnel's local side: the verifier rebuilds the public URL from X-Forwarded-*.
      const proxied = verifyRequest(square, {
        headers: [...headers, ['X-Forwarded-Proto', 'https'], ['X-Forwarded-Host', 'hooks.example.com']],
        body: Buffer.from(body),
        secrets: [KEY],
        nowMs,
        url: 'http://127.0.0.1:4040/square/webhook',
      });
      expect(proxied.status).toBe('valid');
      expect(proxied.detail).toContain(URL_PUBLIC);
    },
  );

  it('names the mismatch when the handler compares with the http URL it sees', () => {
    const body = JSON.stringify(buildSample(square, 'payment.updated', 2, { nowMs: 0 }));
    const signature = createHmac('sha256', KEY)
      .update(URL_PUBLIC + body)
      .digest('base64');
    const verdict = verifyRequest(square, {
      headers: [[SIG, signature]],
      body: Buffer.from(body),
      secrets: [KEY],
      nowMs: 0,
      url: 'http://hooks.example.com/square/webhook',
    });
    expect(verdict.status).toBe('valid');
    expect(verdict.diagnostics).toEqual([
      expect.objectContaining({
        code: 'url-variant-matched',
        message: expect.stringContaining(
          `Signed for ${URL_PUBLIC} but received as http://hooks.example.com/square/webhook: behind a proxy`,
        ),
      }),
    ]);
  });
});
