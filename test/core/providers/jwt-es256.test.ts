/**
 * ES256 JWTs as a user's provider file can use them (`algorithm: 'jwt-es256'`
 * with `jwt`): the file loads, signs with a P-256 private key (PEM, base64
 * PKCS#8, JWK or a seed), verifies with the public key however it is pasted
 * (JWK, the JWK inside a key endpoint's answer, PEM, base64 SPKI), and refuses
 * what must be refused: a DER signature, a key of another curve, an HS256 form
 * handed an ES256 token (and the other way round), a hostile JSON key.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadUserProviders, signRequest, verifyRequest } from '../../../src/core/providers';
import { generateSigningKeyPair, publicKeyForSecret } from '../../../src/core/providers/keys';
import type { ProviderDefinition } from '../../../src/shared/providers';

const dir = mkdtempSync(join(tmpdir(), 'hookscope-es256-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const form = (extra: Record<string, unknown>) => ({
  name: 'default',
  label: 'ES256 JWT',
  header: 'X-Acme-Token',
  format: { kind: 'plain' },
  digest: 'base64url',
  ...extra,
});
const file = (id: string, f: Record<string, unknown>) => ({
  id,
  name: id,
  signature: { forms: [f] },
  events: [{ type: 'thing.happened', sample: { type: 'thing.happened', n: 1 } }],
});
const JWT = { bodyHashClaim: 'body_sha256', bodyHashEncoding: 'base64url', issuer: 'Acme', tokenId: false };
writeFileSync(
  join(dir, 'es256.json'),
  JSON.stringify(file('acme-es256', form({ algorithm: 'jwt-es256', jwt: JWT, toleranceSeconds: 120 }))),
);
writeFileSync(
  join(dir, 'hs256.json'),
  JSON.stringify(file('acme-hs256', form({ algorithm: 'jwt-hs256', jwt: { ...JWT, tokenId: true } }))),
);
writeFileSync(join(dir, 'bad.json'), JSON.stringify(file('acme-bad', form({ algorithm: 'jwt-es256' }))));
const loaded = loadUserProviders(dir);
const provider = (id: string): ProviderDefinition => {
  const p = loaded.providers.find((x) => x.id === id);
  if (!p) throw new Error(`${id} did not load: ${JSON.stringify(loaded.errors)}`);
  return p;
};
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const NOW = 1_796_000_000;
const BODY = Buffer.from('{"type":"thing.happened","n":1}');

function check(p: ProviderDefinition, token: string, secrets: string[], body = BODY, nowSec = NOW) {
  return verifyRequest(p, { headers: [['X-Acme-Token', token]], body, secrets, nowMs: nowSec * 1000 });
}

describe('jwt-es256 in a user provider file', () => {
  const p = provider('acme-es256');

  it('loads; jwt-es256 without a jwt spec is refused with the field named', () => {
    expect(loaded.errors.filter((e) => e.file === 'bad.json').map((e) => `${e.field}: ${e.problem}`)).toEqual([
      expect.stringMatching(/jwt.*"jwt-es256"/),
    ]);
  });

  it('signs with the private key (PEM, base64 PKCS#8, JWK, seed) and verifies with the public key however pasted', () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const privates = [
      String(pair.privateKey.export({ format: 'pem', type: 'pkcs8' })),
      pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      JSON.stringify(pair.privateKey.export({ format: 'jwk' })),
    ];
    const jwk = pair.publicKey.export({ format: 'jwk' });
    const publics = [
      JSON.stringify(jwk),
      JSON.stringify({ key: { ...jwk, alg: 'ES256', kid: 'k1', use: 'sig' }, request_id: 'r' }),
      String(pair.publicKey.export({ format: 'pem', type: 'spki' })),
      pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    ];
    for (const secret of privates) {
      const token = signRequest(p, { secret, body: BODY, timestampSec: NOW }).headers[0][1];
      const [head, claims, signature] = token.split('.');
      expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toMatchObject({ alg: 'ES256', typ: 'JWT' });
      expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual({
        iss: 'Acme',
        iat: NOW,
        body_sha256: expect.any(String),
      });
      // Raw r||s, as RFC 7518 asks, checked by node:crypto itself.
      expect(Buffer.from(signature, 'base64url')).toHaveLength(64);
      expect(
        verify(
          'sha256',
          Buffer.from(`${head}.${claims}`),
          { key: pair.publicKey, dsaEncoding: 'ieee-p1363' },
          Buffer.from(signature, 'base64url'),
        ),
      ).toBe(true);
      for (const pasted of publics) expect(check(p, token, [pasted]).status, pasted.slice(0, 30)).toBe('valid');
    }
    const seeded = signRequest(p, { secret: 'seed-1', body: BODY, timestampSec: NOW }).headers[0][1];
    expect(check(p, seeded, [publicKeyForSecret('seed-1', 'jwt-es256')]).status).toBe('valid');
    expect(check(p, seeded, ['seed-1']).status).toBe('valid');
  });

  it('the kid names the key: the same key always, another key another kid, the JWK the sender shows carries it', () => {
    const pair = generateSigningKeyPair('jwt-es256');
    const kid = (secret: string) =>
      JSON.parse(
        Buffer.from(
          signRequest(p, { secret, body: BODY, timestampSec: NOW }).headers[0][1].split('.')[0],
          'base64url',
        ).toString(),
      ).kid as string;
    expect(kid(pair.privateKey)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(kid(pair.privateKey)).toBe(JSON.parse(pair.publicKey).kid);
    expect(kid(generateSigningKeyPair('jwt-es256').privateKey)).not.toBe(kid(pair.privateKey));
    expect(createPublicKey(pair.publicKeyPem).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('a one-byte change, a stale iat, a DER signature, a key of another curve: each has its own verdict', () => {
    const pair = generateSigningKeyPair('jwt-es256');
    const token = signRequest(p, { secret: pair.privateKey, body: BODY, timestampSec: NOW }).headers[0][1];
    expect(check(p, token, [pair.publicKey]).status).toBe('valid');
    const body = Buffer.from(BODY);
    body[3] ^= 1;
    expect(codes(check(p, token, [pair.publicKey], body))).toEqual(['body-hash-mismatch']);
    const flipped = token.slice(0, -10) + (token.at(-10) === 'A' ? 'B' : 'A') + token.slice(-9);
    expect(codes(check(p, flipped, [pair.publicKey]))).toEqual(['jwt-bad-signature']);
    expect(check(p, token, [pair.publicKey], BODY, NOW + 121)).toMatchObject({ status: 'stale', ageSeconds: 121 });

    const [head, claims] = token.split('.');
    const privateKey = createPrivateKey({ key: Buffer.from(pair.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    const der = sign('sha256', Buffer.from(`${head}.${claims}`), privateKey);
    const derVerdict = check(p, `${head}.${claims}.${der.toString('base64url')}`, [pair.publicKey]);
    expect(derVerdict.status).toBe('malformed');
    expect(derVerdict.detail).toContain('r||s');

    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({ format: 'pem', type: 'spki' });
    const wrongCurve = check(p, token, [String(k1)]);
    expect(wrongCurve.status).toBe('invalid');
    expect(codes(wrongCurve)).toEqual(['public-key-invalid']);
    // JWKs that cannot check an ES256 token: another curve, RSA, a symmetric key. Each named, none taken for a seed.
    const notP256 = [
      generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ format: 'jwk' }),
      generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }),
      { kty: 'oct', k: 'c2VjcmV0' },
    ];
    for (const jwk of notP256) {
      const verdict = check(p, token, [JSON.stringify(jwk), pair.publicKey]);
      expect(verdict.status, String(jwk.kty)).toBe('valid');
      const alone = check(p, token, [JSON.stringify(jwk)]);
      expect(alone.status, String(jwk.kty)).toBe('invalid');
      expect(codes(alone), String(jwk.kty)).toEqual(['public-key-invalid']);
    }
  });

  it('each JWT form accepts only its own alg: an ES256 token to an HS256 form, and HS256 to ES256, are malformed', () => {
    const hs = provider('acme-hs256');
    const pair = generateSigningKeyPair('jwt-es256');
    const es256 = signRequest(p, { secret: pair.privateKey, body: BODY, timestampSec: NOW }).headers[0][1];
    const hs256 = signRequest(hs, { secret: pair.publicKey, body: BODY, timestampSec: NOW }).headers[0][1];
    expect(check(hs, hs256, [pair.publicKey]).status).toBe('valid');
    expect(check(hs, es256, [pair.publicKey]).detail).toContain('only HS256 is accepted');
    const confused = check(p, hs256, [pair.publicKey]);
    expect(confused.status).toBe('malformed');
    expect(confused.detail).toContain('alg-confusion');
  });

  it('a hostile JSON key (nested 100,000 deep) is never parsed as a JWK and never throws', () => {
    const pair = generateSigningKeyPair('jwt-es256');
    const token = signRequest(p, { secret: pair.privateKey, body: BODY, timestampSec: NOW }).headers[0][1];
    const deep = `${'{"key":'.repeat(100_000)}{}${'}'.repeat(100_000)}`;
    const verdict = check(p, token, [deep]);
    expect(verdict.status).toBe('invalid');
    expect(codes(verdict)).toEqual(['jwt-bad-signature']);
  });
});
