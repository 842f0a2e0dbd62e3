import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createProviderRegistry, signRequest, verifyRequest } from '../../../src/core/providers';
import { generateSigningKeyPair, type AsymmetricAlgorithm } from '../../../src/core/providers/keys';

/**
 * Signing with a key-pair scheme (Discord's Ed25519, SendGrid's ECDSA, Plaid's
 * ES256 JWT) takes the private key or any text to derive a pair from. A public
 * key is refused: the verifier reads that text as the key itself, so a
 * signature from a pair derived from it would never verify.
 */
const registry = createProviderRegistry();
const CASES: { provider: string; algorithm: AsymmetricAlgorithm }[] = [
  { provider: 'discord', algorithm: 'ed25519' },
  { provider: 'sendgrid', algorithm: 'ecdsa-p256-sha256' },
  { provider: 'plaid', algorithm: 'jwt-es256' },
];
const BODY = new TextEncoder().encode('{"webhook_type":"ITEM","event":"x"}');
const NOW = 1_767_225_600;

function sign(provider: string, secret: string) {
  return signRequest(registry.require(provider), {
    secret,
    body: BODY,
    timestampSec: NOW,
    url: 'https://hooks.example.com/in',
  });
}

function verdictFor(provider: string, publicKey: string, signed: ReturnType<typeof sign>) {
  return verifyRequest(registry.require(provider), {
    headers: signed.headers,
    body: BODY,
    secrets: [publicKey],
    nowMs: NOW * 1000,
    url: 'https://hooks.example.com/in',
  }).status;
}

describe.each(CASES)('$provider ($algorithm)', ({ provider, algorithm }) => {
  const pair = generateSigningKeyPair(algorithm);

  it('a public key is refused as a signing secret, in every spelling the verifier reads, naming what to give', () => {
    for (const publicKey of [pair.publicKey, pair.publicKeyPem]) {
      expect(() => sign(provider, publicKey)).toThrow(
        expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringContaining('public key') }),
      );
    }
  });

  it('a key of another kind is refused too', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = String(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => sign(provider, pem)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('the private key signs what its public key verifies; any other text still stands for a derived pair', () => {
    expect(verdictFor(provider, pair.publicKey, sign(provider, pair.privateKey))).toBe('valid');
    expect(verdictFor(provider, 'a simulated secret', sign(provider, 'a simulated secret'))).toBe('valid');
  });
});
