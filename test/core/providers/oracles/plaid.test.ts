/**
 * Plaid's ES256 JWT (Plaid-Verification) against jose 5.10.0, the JWT library
 * the documented verification relies on (decode the header, insist on ES256,
 * verify with the JWK /webhook_verification_key/get returns, reject an iat over
 * 5 minutes old, compare request_body_sha256 with the body's hex SHA-256).
 * Both directions, several events; one-byte changes of body and signature, a
 * stale iat, another key, and alg confusion (HS256 keyed with the public key,
 * and none) each refused with the right diagnosis.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { generateSigningKeyPair, publicKeyForSecret } from '../../../../src/core/providers/keys';
import { oracle } from './oracle-lib';

type JoseKey = unknown;
interface SignJwt {
  setProtectedHeader(h: Record<string, string>): SignJwt;
  sign(key: JoseKey | Uint8Array): Promise<string>;
}
interface Jose {
  SignJWT: new (claims: Record<string, unknown>) => SignJwt;
  jwtVerify(
    token: string,
    key: JoseKey | Uint8Array,
    options: { algorithms: string[]; maxTokenAge?: string; currentDate?: Date },
  ): Promise<{ payload: Record<string, unknown>; protectedHeader: Record<string, unknown> }>;
  decodeProtectedHeader(token: string): Record<string, unknown>;
  importJWK(jwk: Record<string, unknown>, alg: string): Promise<JoseKey>;
  generateKeyPair(
    alg: string,
    options?: { extractable?: boolean },
  ): Promise<{ publicKey: JoseKey; privateKey: JoseKey }>;
  exportJWK(key: JoseKey): Promise<Record<string, unknown>>;
  exportSPKI(key: JoseKey): Promise<string>;
}

const jose = oracle<Jose>('jose');
const registry = createProviderRegistry();
const plaid = registry.require('plaid');
const EVENTS = [
  'TRANSACTIONS.SYNC_UPDATES_AVAILABLE',
  'ITEM.ERROR',
  'ASSETS.ERROR',
  'HOLDINGS.DEFAULT_UPDATE',
  'ITEM.WEBHOOK_UPDATE_ACKNOWLEDGED',
  'IDENTITY_VERIFICATION.STATUS_UPDATED',
];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const changeChar = (text: string, at: number) =>
  text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
const sha256Hex = (body: Uint8Array | string) => createHash('sha256').update(body).digest('hex');

/** Plaid's documented handler, on jose: true, or the reason it rejects the webhook. */
async function plaidHandler(
  token: string,
  body: Uint8Array,
  jwk: Record<string, unknown>,
  nowSec: number,
): Promise<true | string> {
  const head = jose.decodeProtectedHeader(token);
  if (head.alg !== 'ES256') return `alg ${String(head.alg)}`;
  if (head.kid !== jwk.kid) return 'unknown kid';
  try {
    const { payload } = await jose.jwtVerify(token, await jose.importJWK(jwk, 'ES256'), {
      algorithms: ['ES256'],
      maxTokenAge: '5 min',
      currentDate: new Date(nowSec * 1000),
    });
    const claimed = Buffer.from(String(payload.request_body_sha256));
    const actual = Buffer.from(sha256Hex(body));
    return claimed.length === actual.length && timingSafeEqual(claimed, actual) ? true : 'body hash';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe('Plaid (ES256 JWT) against jose', () => {
  it.each(EVENTS)('jose accepts what Hookscope signs (%s) and rejects one-byte changes', async (type) => {
    const pair = generateSigningKeyPair('jwt-es256');
    const jwk = JSON.parse(pair.publicKey) as Record<string, unknown>;
    expect(jwk).toMatchObject({ alg: 'ES256', crv: 'P-256', kty: 'EC', use: 'sig' });
    const nowSec = Math.floor(Date.now() / 1000);
    const req = buildOutgoingRequest(plaid, {
      eventType: type,
      payload: buildSample(plaid, type, 3, { nowMs: nowSec * 1000 }),
      secret: pair.privateKey,
      timestampSec: nowSec,
    });
    const token = header(req.headers, 'Plaid-Verification');
    expect(jose.decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    // Plaid's token carries iat and the body hash, nothing else.
    expect(claims).toEqual({ iat: nowSec, request_body_sha256: sha256Hex(req.body) });
    expect(await plaidHandler(token, req.body, jwk, nowSec)).toBe(true);

    const body = Buffer.from(req.body);
    body[10] ^= 1;
    expect(await plaidHandler(token, body, jwk, nowSec)).toBe('body hash');
    expect(await plaidHandler(changeChar(token, token.length - 10), req.body, jwk, nowSec)).toBe(
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
    expect(await plaidHandler(token, req.body, jwk, nowSec + 301)).toBe('ERR_JWT_EXPIRED');
    const other = JSON.parse(generateSigningKeyPair('jwt-es256').publicKey) as Record<string, unknown>;
    expect(await plaidHandler(token, req.body, { ...other, kid: jwk.kid }, nowSec)).toBe(
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
  });

  it('a simulated webhook secret stands for a key pair: jose verifies with the JWK the sender shows', async () => {
    const secret = 'whsec_plaid-simulated-Kq8vXz';
    const jwk = JSON.parse(publicKeyForSecret(secret, 'jwt-es256')) as Record<string, unknown>;
    const nowSec = Math.floor(Date.now() / 1000);
    const req = buildOutgoingRequest(plaid, {
      eventType: 'LINK.ITEM_ADD_RESULT',
      payload: buildSample(plaid, 'LINK.ITEM_ADD_RESULT', 5, { nowMs: nowSec * 1000 }),
      secret,
      timestampSec: nowSec,
    });
    expect(await plaidHandler(header(req.headers, 'Plaid-Verification'), req.body, jwk, nowSec)).toBe(true);
  });

  async function joseSigned(body: string, privateKey: JoseKey, kid: string, iat: number): Promise<string> {
    return new jose.SignJWT({ iat, request_body_sha256: sha256Hex(body) })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .sign(privateKey);
  }

  it.each(EVENTS)(
    'Hookscope says valid for what jose signs as Plaid does (%s), with the key as JWK, key answer or PEM',
    async (type) => {
      const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
      const jwk = { ...(await jose.exportJWK(publicKey)), alg: 'ES256', kid: 'bfbd5111-8e33-4643-8ced-b2e642a72f3c' };
      const pem = await jose.exportSPKI(publicKey);
      const nowSec = Math.floor(Date.now() / 1000);
      const body = JSON.stringify(buildSample(plaid, type, 8, { nowMs: nowSec * 1000 }));
      const token = await joseSigned(body, privateKey, String(jwk.kid), nowSec);
      expect(await plaidHandler(token, Buffer.from(body), jwk, nowSec)).toBe(true);
      const check = (t: string, b = body, secrets = [JSON.stringify(jwk)], nowMs = nowSec * 1000) =>
        verifyRequest(plaid, {
          headers: [['Plaid-Verification', t]],
          body: Buffer.from(b),
          secrets,
          nowMs,
        });
      // The window is part of a valid verdict too, so the CLI and the UI can show "age 0 s (tolerance 300 s)".
      expect(check(token)).toMatchObject({ status: 'valid', secretIndex: 0, ageSeconds: 0, toleranceSeconds: 300 });
      expect(check(token).detail).toContain('ES256');
      const answer = JSON.stringify({ key: { ...jwk, created_at: 1560466143, expired_at: null }, request_id: 'Hv' });
      expect(check(token, body, [answer]).status).toBe('valid');
      expect(check(token, body, [pem]).status).toBe('valid');

      const changed = check(token, `${body.slice(0, 12)}${body[12] === 'a' ? 'b' : 'a'}${body.slice(13)}`);
      expect(changed.status).toBe('invalid');
      expect(codes(changed)).toEqual(['body-hash-mismatch']);
      expect(codes(check(changeChar(token, token.length - 10)))).toEqual(['jwt-bad-signature']);
      const stale = check(token, body, [JSON.stringify(jwk)], (nowSec + 301) * 1000);
      expect(stale).toMatchObject({ status: 'stale', ageSeconds: 301, toleranceSeconds: 300 });
      expect(codes(stale)).toEqual(['jwt-expired']);
      expect(check(token, body, [JSON.stringify(jwk)], (nowSec + 299) * 1000).status).toBe('valid');
    },
  );

  it('another key is named: the wrong pair when known elsewhere, a bad signature otherwise', async () => {
    const mine = await jose.generateKeyPair('ES256', { extractable: true });
    const theirs = await jose.generateKeyPair('ES256', { extractable: true });
    const nowSec = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(buildSample(plaid, 'TRANSACTIONS.SYNC_UPDATES_AVAILABLE', 2, { nowMs: nowSec * 1000 }));
    const token = await joseSigned(body, theirs.privateKey, 'k-theirs', nowSec);
    const mineJwk = JSON.stringify(await jose.exportJWK(mine.publicKey));
    const theirPem = await jose.exportSPKI(theirs.publicKey);
    const verdict = (otherSecrets: { label: string; secret: string }[]) =>
      verifyRequest(plaid, {
        headers: [['Plaid-Verification', token]],
        body: Buffer.from(body),
        secrets: [mineJwk],
        nowMs: nowSec * 1000,
        otherSecrets,
      });
    expect(codes(verdict([{ label: 'the sandbox endpoint', secret: theirPem }]))).toEqual(['jwt-wrong-key']);
    expect(codes(verdict([]))).toEqual(['jwt-bad-signature']);
  });

  it('alg confusion is refused: HS256 keyed with the public key (JWK or PEM text), and none, are malformed', async () => {
    const { publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
    const jwkText = JSON.stringify(await jose.exportJWK(publicKey));
    const pem = await jose.exportSPKI(publicKey);
    const nowSec = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(buildSample(plaid, 'TRANSACTIONS.DEFAULT_UPDATE', 4, { nowMs: nowSec * 1000 }));
    for (const keyText of [jwkText, pem]) {
      const forged = await new jose.SignJWT({ iat: nowSec, request_body_sha256: sha256Hex(body) })
        .setProtectedHeader({ alg: 'HS256', kid: 'k', typ: 'JWT' })
        .sign(new TextEncoder().encode(keyText));
      // The HMAC holds with the public key's text as its secret: a verifier that let the token pick its alg would accept it.
      await expect(
        jose.jwtVerify(forged, new TextEncoder().encode(keyText), { algorithms: ['HS256'] }),
      ).resolves.toBeTruthy();
      // Plaid's procedure (ES256 only) refuses it, and so does Hookscope, before any key meets it.
      await expect(jose.jwtVerify(forged, publicKey, { algorithms: ['ES256'] })).rejects.toThrow();
      const verdict = verifyRequest(plaid, {
        headers: [['Plaid-Verification', forged]],
        body: Buffer.from(body),
        secrets: [keyText],
        nowMs: nowSec * 1000,
      });
      expect(verdict.status).toBe('malformed');
      expect(verdict.detail).toContain('alg "HS256"');
      expect(verdict.detail).toContain('only ES256 is accepted');
    }
    const payload = Buffer.from(JSON.stringify({ iat: nowSec, request_body_sha256: sha256Hex(body) })).toString(
      'base64url',
    );
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const verdict = verifyRequest(plaid, {
      headers: [['Plaid-Verification', none]],
      body: Buffer.from(body),
      secrets: [jwkText],
      nowMs: nowSec * 1000,
    });
    expect(verdict.status).toBe('malformed');
    expect(verdict.detail).toContain('alg "none"');
  });
});
