/**
 * Pusher Channels webhooks against the `pusher` server library
 * (test/oracles): its webhook(request).isValid() accepts what Hookscope
 * sends, and Hookscope says valid for what its Token signs, both directions,
 * several events, and both say no after a one-byte change.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  verifyRequest,
} from '../../../../src/core/providers';
import { PUSHER_SAMPLE_APP_KEY } from '../../../../src/core/providers/pusher/definition';
import { flipByte, header } from '../helpers';
import { oracle } from './oracle-lib';

interface WebHook {
  isValid(extraTokens?: unknown): boolean;
  getEvents(): { name: string; channel: string }[];
  getTime(): Date;
}
interface PusherLib {
  new (options: { appId: string; key: string; secret: string; cluster: string }): {
    webhook(request: { headers: Record<string, string>; rawBody: string }): WebHook;
  };
  Token: new (key: string, secret: string) => { sign(text: string): string };
}
const Pusher = oracle<PusherLib>('pusher');

const registry = createProviderRegistry();
const pusher = registry.require('pusher');
const SECRET = '3b9f1e7c5a2d8f4e6b0c';
// Constructing the client sends nothing; it only holds the token.
const client = new Pusher({ appId: '1790001', key: PUSHER_SAMPLE_APP_KEY, secret: SECRET, cluster: 'eu' });
const EVENTS = ['channel_occupied', 'member_added', 'client_event', 'subscription_count'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const lower = (headers: [string, string][]) => Object.fromEntries(headers.map(([k, v]) => [k.toLowerCase(), v]));

describe('Pusher Channels against the pusher library', () => {
  it.each(EVENTS)(
    'webhook(request).isValid() accepts what Hookscope sends (%s), and refuses a one-byte change',
    (eventType) => {
      const nowMs = Date.UTC(2026, 11, 4, 23, 30, 0);
      const req = buildOutgoingRequest(pusher, {
        eventType,
        payload: buildSample(pusher, eventType, 5, { nowMs }),
        secret: SECRET,
        timestampSec: Math.floor(nowMs / 1000),
      });
      const rawBody = Buffer.from(req.body).toString();
      const hook = client.webhook({ headers: lower(req.headers), rawBody });
      expect(hook.isValid()).toBe(true);
      expect(hook.getEvents()[0].name).toBe(eventType);
      expect(hook.getTime().getTime()).toBe(nowMs);
      expect(
        client.webhook({ headers: lower(req.headers), rawBody: flipByte(req.body, 15).toString() }).isValid(),
      ).toBe(false);
      const other = new Pusher({
        appId: '1790001',
        key: PUSHER_SAMPLE_APP_KEY,
        secret: 'another-secret',
        cluster: 'eu',
      });
      expect(other.webhook({ headers: lower(req.headers), rawBody }).isValid()).toBe(false);
      expect(detectProvider({ headers: req.headers, body: req.body }, registry)).toMatchObject({
        providerId: 'pusher',
        eventType,
      });
    },
  );

  it.each(EVENTS)(
    "Hookscope says valid for what the library's Token signs (%s); invalid with the cause after a one-byte change of body or signature",
    (eventType) => {
      const body = JSON.stringify(buildSample(pusher, eventType, 9));
      const signature = new Pusher.Token(PUSHER_SAMPLE_APP_KEY, SECRET).sign(body);
      expect(
        client
          .webhook({
            headers: {
              'x-pusher-key': PUSHER_SAMPLE_APP_KEY,
              'x-pusher-signature': signature,
              'content-type': 'application/json',
            },
            rawBody: body,
          })
          .isValid(),
      ).toBe(true);
      const verify = (sig: string, b: Buffer) =>
        verifyRequest(pusher, {
          headers: [
            ['X-Pusher-Key', PUSHER_SAMPLE_APP_KEY],
            ['X-Pusher-Signature', sig],
          ],
          body: b,
          secrets: ['rotated-away-secret', SECRET],
          nowMs: Date.now(),
        });
      expect(verify(signature, Buffer.from(body))).toMatchObject({ status: 'valid', secretIndex: 1 });

      const tamperedBody = verify(signature, flipByte(Buffer.from(body), 8));
      expect(tamperedBody.status).toBe('invalid');
      expect(codes(tamperedBody)).toEqual(['no-secret-matched']);

      const flipped = signature.slice(0, 10) + (signature[10] === 'a' ? 'b' : 'a') + signature.slice(11);
      const tamperedSig = verify(flipped, Buffer.from(body));
      expect(tamperedSig.status).toBe('invalid');
      expect(codes(tamperedSig)).toEqual(['no-secret-matched']);

      const newline = verify(signature, Buffer.from(`${body}\n`));
      expect(newline.status).toBe('invalid');
      expect(codes(newline)).toEqual(['body-trailing-newline-added']);
    },
  );

  it('the library refuses a webhook whose X-Pusher-Key is not its app key, even when the signature is right', () => {
    const req = buildOutgoingRequest(pusher, {
      eventType: 'channel_vacated',
      payload: buildSample(pusher, 'channel_vacated', 2),
      secret: SECRET,
      timestampSec: 1_780_000_000,
    });
    const headers = { ...lower(req.headers), 'x-pusher-key': 'someone-elses-key' };
    expect(header(req.headers, 'X-Pusher-Key')).toBe(PUSHER_SAMPLE_APP_KEY);
    expect(client.webhook({ headers, rawBody: Buffer.from(req.body).toString() }).isValid()).toBe(false);
  });
});
