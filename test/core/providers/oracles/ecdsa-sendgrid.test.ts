/**
 * The ECDSA P-256 scheme against Twilio SendGrid's @sendgrid/eventwebhook
 * (verifySignature over "<timestamp><payload>", base64 DER signature) and the
 * starkbank-ecdsa library it is built on, both directions, on a user provider
 * file that describes SendGrid's signed event webhook.
 */
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../../../src/core/providers';
import { generateSigningKeyPair } from '../../../../src/core/providers/keys';
import { providerDefinitionSchema } from '../../../../src/shared/provider-schema';
import type { ProviderDefinition } from '../../../../src/shared/providers';
import { oracle } from './oracle-lib';

interface EventWebhook {
  convertPublicKeyToECDSA(pem: string): unknown;
  verifySignature(publicKey: unknown, payload: string, signature: string, timestamp: string): boolean;
}
const { EventWebhook } = oracle<{ EventWebhook: new () => EventWebhook }>('@sendgrid/eventwebhook');
interface StarkKey {
  toPem(): string;
  publicKey(): { toPem(): string };
}
const ecdsa = oracle<{
  Ecdsa: { sign(message: string, key: unknown): { toBase64(): string } };
  PrivateKey: new (curve?: unknown) => StarkKey;
}>('starkbank-ecdsa');
const { prime256v1, secp256k1 } = oracle<{ prime256v1: unknown; secp256k1: unknown }>(
  'starkbank-ecdsa/ellipticcurve/curve',
);

const SIG = 'X-Twilio-Email-Event-Webhook-Signature';
const TS = 'X-Twilio-Email-Event-Webhook-Timestamp';
const sendgrid = providerDefinitionSchema.parse({
  id: 'sendgrid-events',
  name: 'SendGrid signed event webhook',
  signature: {
    forms: [
      {
        name: 'default',
        label: 'ECDSA P-256 over "<timestamp><body>"',
        algorithm: 'ecdsa-p256-sha256',
        header: SIG,
        format: { kind: 'plain' },
        digest: 'base64',
        signedContent: { template: '{timestamp}{body}' },
        timestamp: { in: 'header', header: TS },
      },
    ],
  },
  events: [{ type: 'delivered' }],
}) as ProviderDefinition;

const BODY =
  JSON.stringify([
    {
      email: 'ada@example.com',
      timestamp: 1780000000,
      event: 'delivered',
      sg_event_id: 'ZGVsaXZlcmVk',
      sg_message_id: 'abc.filter0001',
    },
  ]) + '\r\n';
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);

describe('ECDSA P-256 against @sendgrid/eventwebhook', () => {
  it('the library accepts what Hookscope signs with a generated key pair, and rejects a one-byte change', () => {
    const pair = generateSigningKeyPair('ecdsa-p256-sha256');
    const signed = signRequest(sendgrid, {
      secret: pair.privateKey,
      body: Buffer.from(BODY),
      timestampSec: 1_780_000_000,
    });
    const sig = signed.headers.find(([k]) => k === SIG)![1];
    const lib = new EventWebhook();
    const key = lib.convertPublicKeyToECDSA(pair.publicKeyPem);
    expect(lib.verifySignature(key, BODY, sig, '1780000000')).toBe(true);
    expect(lib.verifySignature(key, BODY.replace('ada@', 'adb@'), sig, '1780000000')).toBe(false);
    expect(lib.verifySignature(key, BODY, sig, '1780000001')).toBe(false);
  });

  it('Hookscope says valid for what the library signs, against the base64 verification key SendGrid shows, and invalid after a one-byte change', () => {
    const priv = new ecdsa.PrivateKey(prime256v1);
    const publicPem = priv.publicKey().toPem();
    const verificationKey = publicPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    const signature = ecdsa.Ecdsa.sign(`1780000000${BODY}`, priv).toBase64();
    const headers: [string, string][] = [
      [SIG, signature],
      [TS, '1780000000'],
    ];
    const verify = (h: [string, string][], body: string) =>
      verifyRequest(sendgrid, {
        headers: h,
        body: Buffer.from(body),
        secrets: [verificationKey],
        nowMs: 1_780_000_000_000,
      });
    expect(verify(headers, BODY)).toMatchObject({ status: 'valid', secretIndex: 0 });
    expect(verifyRequest(sendgrid, { headers, body: Buffer.from(BODY), secrets: [publicPem], nowMs: 0 }).status).toBe(
      'valid',
    );
    const tampered = verify(headers, BODY.replace('ada@', 'adb@'));
    expect(tampered.status).toBe('invalid');
    expect(codes(tampered)).toEqual(['no-secret-matched']);
    const shifted = verify([headers[0], [TS, '1779999990']], BODY);
    expect(shifted.status).toBe('invalid');
    expect(codes(shifted)).toEqual(['timestamp-mismatch']);
  });

  it("a key on another curve (secp256k1, the library's own default) is named as unusable, never taken for a seed", () => {
    const k1 = new ecdsa.PrivateKey(secp256k1);
    const signature = ecdsa.Ecdsa.sign(`1780000000${BODY}`, k1).toBase64();
    const verdict = verifyRequest(sendgrid, {
      headers: [
        [SIG, signature],
        [TS, '1780000000'],
      ],
      body: Buffer.from(BODY),
      secrets: [k1.publicKey().toPem()],
      nowMs: 0,
    });
    expect(verdict.status).toBe('invalid');
    expect(codes(verdict)).toEqual(['public-key-invalid']);
  });
});
