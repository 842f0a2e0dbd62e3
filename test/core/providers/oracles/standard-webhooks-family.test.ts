/**
 * The Standard Webhooks family against its own libraries, both directions:
 * svix / standardwebhooks accept what Hookscope signs; Hookscope says valid
 * for what they sign, and invalid with the right diagnosis after a one-byte
 * change of the body, the signature or the timestamp.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import type { ProviderDefinition } from '../../../../src/shared/providers';
import { oracle } from './oracle-lib';

interface WebhookLib {
  new (secret: string | Uint8Array): {
    sign(id: string, at: Date, payload: string): string;
    verify(payload: string, headers: Record<string, string>): unknown;
  };
}
const { Webhook: SvixWebhook } = oracle<{ Webhook: WebhookLib }>('svix');
const { Webhook: StandardWebhook } = oracle<{ Webhook: WebhookLib }>('standardwebhooks');

const registry = createProviderRegistry();
const FAMILY = ['standard-webhooks', 'svix', 'clerk', 'resend', 'polar', 'openai', 'replicate', 'liveblocks'];
const WHSEC = `whsec_${Buffer.from('hookscope-oracle-key-0123456789ab').toString('base64')}`;
const POLAR_SECRET = 'polar_whs_n0tBase64-Secret+Text';

/** The secret as Hookscope's endpoint holds it, and as the provider's library takes it. */
function secrets(provider: ProviderDefinition): { hookscope: string; library: string } {
  // Polar's SDK hands standardwebhooks base64(secret): the key is the secret's own bytes.
  return provider.id === 'polar'
    ? { hookscope: POLAR_SECRET, library: Buffer.from(POLAR_SECRET).toString('base64') }
    : { hookscope: WHSEC, library: WHSEC };
}

function libraries(provider: ProviderDefinition): [string, WebhookLib][] {
  const svixHeaders = provider.signature.forms[0].header === 'svix-signature';
  // svix reads svix-* and webhook-* headers; standardwebhooks only webhook-*.
  return svixHeaders
    ? [['svix', SvixWebhook]]
    : [
        ['svix', SvixWebhook],
        ['standardwebhooks', StandardWebhook],
      ];
}

function lower(headers: [string, string][]): Record<string, string> {
  return Object.fromEntries(headers.map(([k, v]) => [k.toLowerCase(), v]));
}

function flipByte(text: string, at: number): string {
  const bytes = Buffer.from(text);
  bytes[at] = bytes[at] === 0x61 ? 0x62 : 0x61;
  return bytes.toString();
}

const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);

describe.each(FAMILY)('%s against its own library', (id) => {
  const provider = registry.require(id);
  const { hookscope, library } = secrets(provider);
  const prefix = provider.signature.forms[0].header.split('-')[0];
  const events = provider.events.slice(0, 3).map((e) => e.type);

  it.each(events)(
    'the library accepts what Hookscope signs (%s), and rejects it after a one-byte change',
    (eventType) => {
      const nowSec = Math.floor(Date.now() / 1000);
      const req = buildOutgoingRequest(provider, {
        eventType,
        payload: buildSample(provider, eventType, 7, { nowMs: nowSec * 1000 }),
        secret: hookscope,
        timestampSec: nowSec,
      });
      const body = Buffer.from(req.body).toString();
      for (const [name, Lib] of libraries(provider)) {
        expect(() => new Lib(library).verify(body, lower(req.headers)), name).not.toThrow();
        expect(() => new Lib(library).verify(flipByte(body, 10), lower(req.headers)), name).toThrow();
      }
    },
  );

  it.each(events)(
    'Hookscope says valid for what the library signs (%s), invalid with the cause after a one-byte change',
    (eventType) => {
      const nowSec = Math.floor(Date.now() / 1000);
      const body = JSON.stringify(buildSample(provider, eventType, 11, { nowMs: nowSec * 1000 }));
      for (const [name, Lib] of libraries(provider)) {
        const msgId = `msg_${name}${eventType.length}`;
        const signature = new Lib(library).sign(msgId, new Date(nowSec * 1000), body);
        const headers: [string, string][] = [
          [`${prefix}-id`, msgId],
          [`${prefix}-timestamp`, String(nowSec)],
          [`${prefix}-signature`, signature],
        ];
        const verify = (h: [string, string][], b: string) =>
          verifyRequest(provider, { headers: h, body: Buffer.from(b), secrets: [hookscope], nowMs: nowSec * 1000 });
        expect(verify(headers, body), name).toMatchObject({ status: 'valid', secretIndex: 0 });

        const tamperedBody = verify(headers, flipByte(body, 12));
        expect(tamperedBody.status).toBe('invalid');
        expect(codes(tamperedBody)).toEqual(['no-secret-matched']);

        const sig = Buffer.from(signature.slice(3), 'base64');
        sig[0] ^= 1;
        const tamperedSig = verify([headers[0], headers[1], [headers[2][0], `v1,${sig.toString('base64')}`]], body);
        expect(tamperedSig.status).toBe('invalid');

        const shifted = verify([headers[0], [headers[1][0], String(nowSec + 1)], headers[2]], body);
        expect(shifted.status).toBe('invalid');
        expect(codes(shifted)).toContain('timestamp-mismatch');
      }
    },
  );

  it('a rotation header with several signatures: the library and Hookscope agree on the one that matches', () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(buildSample(provider, events[0], 3, { nowMs: nowSec * 1000 }));
    const good = new SvixWebhook(library).sign('msg_rot', new Date(nowSec * 1000), body);
    const other = new SvixWebhook(`whsec_${Buffer.from('another-key-another-key-another!').toString('base64')}`).sign(
      'msg_rot',
      new Date(nowSec * 1000),
      body,
    );
    const headers: [string, string][] = [
      [`${prefix}-id`, 'msg_rot'],
      [`${prefix}-timestamp`, String(nowSec)],
      [`${prefix}-signature`, `${other} ${good}`],
    ];
    expect(() => new SvixWebhook(library).verify(body, lower(headers))).not.toThrow();
    const verdict = verifyRequest(provider, {
      headers,
      body: Buffer.from(body),
      secrets: [hookscope],
      nowMs: nowSec * 1000,
    });
    expect(verdict.status).toBe('valid');
    expect(codes(verdict)).toEqual(['multiple-signatures']);
  });
});
