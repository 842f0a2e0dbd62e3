/**
 * The signed-JWT providers against their own libraries: Upstash QStash
 * (@upstash/qstash Receiver.verify; tokens signed with jose, the library's own
 * JWT dependency, as QStash signs them) and Vonage (@vonage/jwt
 * verifySignature; tokens signed with jsonwebtoken, its own dependency). Both
 * directions, and each failure diagnosed: bad signature, wrong key, expired,
 * body hash mismatch, URL (sub) mismatch.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

interface Receiver {
  verify(req: { signature: string; body: string; url?: string; clockTolerance?: number }): Promise<boolean>;
}
interface QStash {
  Receiver: new (keys: { currentSigningKey: string; nextSigningKey: string }) => Receiver;
}
interface Jose {
  SignJWT: new (claims: Record<string, unknown>) => {
    setProtectedHeader(h: Record<string, string>): ReturnType<Jose['SignJWT']['prototype']['setIssuer']>;
    setIssuer(i: string): Jose['SignJWT']['prototype'];
    setSubject(s: string): Jose['SignJWT']['prototype'];
    setExpirationTime(t: number): Jose['SignJWT']['prototype'];
    setNotBefore(t: number): Jose['SignJWT']['prototype'];
    setIssuedAt(t: number): Jose['SignJWT']['prototype'];
    setJti(j: string): Jose['SignJWT']['prototype'];
    sign(key: Uint8Array): Promise<string>;
  };
}

const registry = createProviderRegistry();
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const changeChar = (text: string, at: number) =>
  text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

describe('Upstash QStash against @upstash/qstash Receiver', () => {
  const { Receiver } = oracle<QStash>('@upstash/qstash');
  const { SignJWT } = oracle<Jose>('jose');
  const qstash = registry.require('qstash');
  const CURRENT = 'sig_current_7mPx2QwErTy';
  const NEXT = 'sig_next_9kLm3NbVcXz';
  const URL_PUBLIC = 'https://hooks.example.com/api/qstash';
  const receiver = new Receiver({ currentSigningKey: CURRENT, nextSigningKey: NEXT });

  it.each([1, 2, 3])(
    'Receiver.verify accepts what Hookscope signs (seed %i) and rejects one-byte changes',
    async (seed) => {
      const nowMs = Date.now();
      const req = buildOutgoingRequest(qstash, {
        eventType: 'message',
        payload: buildSample(qstash, 'message', seed, { nowMs }),
        secret: CURRENT,
        timestampSec: Math.floor(nowMs / 1000),
        url: URL_PUBLIC,
      });
      const signature = header(req.headers, 'Upstash-Signature');
      const body = Buffer.from(req.body).toString('utf8');
      expect(await receiver.verify({ signature, body, url: URL_PUBLIC })).toBe(true);
      await expect(receiver.verify({ signature, body: changeChar(body, 5), url: URL_PUBLIC })).rejects.toThrow(
        /body hash/,
      );
      await expect(receiver.verify({ signature: changeChar(signature, signature.length - 5), body })).rejects.toThrow();
      await expect(receiver.verify({ signature, body, url: 'http://hooks.example.com/api/qstash' })).rejects.toThrow(
        /subject/,
      );
    },
  );

  async function librarySigned(body: string, key: string, nowSec: number, sub = URL_PUBLIC): Promise<string> {
    const hash = createHash('sha256').update(body).digest('base64url');
    return new SignJWT({ body: hash })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('Upstash')
      .setSubject(sub)
      .setExpirationTime(nowSec + 300)
      .setNotBefore(nowSec)
      .setIssuedAt(nowSec)
      .setJti(`jwt_${nowSec}`)
      .sign(new TextEncoder().encode(key));
  }

  it('Hookscope says valid for a token signed as QStash signs it, with either key, and names each failure', async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(buildSample(qstash, 'message', 4, { nowMs: nowSec * 1000 }));
    const token = await librarySigned(body, CURRENT, nowSec);
    expect(await receiver.verify({ signature: token, body, url: URL_PUBLIC })).toBe(true);
    const check = (signature: string, b = body, secrets = [CURRENT, NEXT], nowMs = nowSec * 1000, url = URL_PUBLIC) =>
      verifyRequest(qstash, {
        headers: [['Upstash-Signature', signature]],
        body: Buffer.from(b),
        secrets,
        nowMs,
        url,
        otherSecrets: [{ label: 'the staging endpoint', secret: 'sig_staging_key' }],
      });
    expect(check(token)).toMatchObject({ status: 'valid', secretIndex: 0 });
    const rotated = check(await librarySigned(body, NEXT, nowSec));
    expect(rotated).toMatchObject({ status: 'valid', secretIndex: 1 });
    expect(codes(rotated)).toEqual(['secret-other-matched']);

    expect(codes(check(changeChar(token, token.length - 3)))).toEqual(['jwt-bad-signature']);
    expect(codes(check(await librarySigned(body, 'sig_staging_key', nowSec)))).toEqual(['jwt-wrong-key']);
    const changed = check(token, changeChar(body, 3));
    expect(changed.status).toBe('invalid');
    expect(codes(changed)).toEqual(['body-hash-mismatch']);
    const late = check(token, body, [CURRENT], (nowSec + 900) * 1000);
    expect(late.status).toBe('stale');
    expect(codes(late)).toEqual(['jwt-expired']);
    const wrongUrl = check(token, body, [CURRENT], nowSec * 1000, 'http://127.0.0.1:3000/api/other');
    expect(wrongUrl.status).toBe('invalid');
    expect(wrongUrl.diagnostics[0]).toMatchObject({ code: 'url-none-matched' });
    expect(wrongUrl.diagnostics[0].message).toContain(`signed for ${URL_PUBLIC}`);
    // The library rejects a token naming alg "none"; so does Hookscope, as malformed.
    const [, payload] = token.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect(check(none).status).toBe('malformed');
  });
});

describe('Vonage against @vonage/jwt verifySignature', () => {
  const { verifySignature } = oracle<{ verifySignature(token: string, secret: string): boolean }>('@vonage/jwt');
  const jsonwebtoken = oracle<{ sign(claims: object, key: string, opts: { algorithm: 'HS256' }): string }>(
    'jsonwebtoken',
  );
  const vonage = registry.require('vonage');
  const SECRET = 'vonage-signature-secret-Qw8rTz';
  const EVENTS = ['message.inbound', 'message.delivered', 'message.rejected'];

  it.each(EVENTS)(
    'verifySignature accepts what Hookscope signs (%s); payload_hash is the hex SHA-256 of the body',
    (type) => {
      const nowMs = Date.now();
      const req = buildOutgoingRequest(vonage, {
        eventType: type,
        payload: buildSample(vonage, type, 2, { nowMs }),
        secret: SECRET,
        timestampSec: Math.floor(nowMs / 1000),
      });
      const auth = header(req.headers, 'Authorization');
      expect(auth.startsWith('Bearer ')).toBe(true);
      const token = auth.slice('Bearer '.length);
      expect(verifySignature(token, SECRET)).toBe(true);
      expect(verifySignature(changeChar(token, token.length - 4), SECRET)).toBe(false);
      expect(verifySignature(token, `${SECRET}x`)).toBe(false);
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
      expect(claims.payload_hash).toBe(createHash('sha256').update(req.body).digest('hex'));
      expect(claims.iss).toBe('Vonage');
    },
  );

  it.each(EVENTS)(
    'Hookscope says valid for what jsonwebtoken signs as Vonage does (%s), and names a changed body',
    (type) => {
      const nowSec = Math.floor(Date.now() / 1000);
      const body = JSON.stringify(buildSample(vonage, type, 5, { nowMs: nowSec * 1000 }));
      const token = jsonwebtoken.sign(
        {
          iat: nowSec,
          jti: 'c5ba8f24-1a14-4c10-bfdf-3fbe8ce511b5',
          iss: 'Vonage',
          payload_hash: createHash('sha256').update(body).digest('hex'),
          api_key: 'abcd1234',
          application_id: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
        },
        SECRET,
        { algorithm: 'HS256' },
      );
      expect(verifySignature(token, SECRET)).toBe(true);
      const check = (auth: string, b = body) =>
        verifyRequest(vonage, {
          headers: [['Authorization', auth]],
          body: Buffer.from(b),
          secrets: [SECRET],
          nowMs: nowSec * 1000,
        });
      expect(check(`Bearer ${token}`)).toMatchObject({ status: 'valid' });
      expect(codes(check(`Bearer ${changeChar(token, token.length - 6)}`))).toEqual(['jwt-bad-signature']);
      const changed = check(`Bearer ${token}`, changeChar(body, 8));
      expect(changed.status).toBe('invalid');
      expect(codes(changed)).toEqual(['body-hash-mismatch']);
      expect(changed.diagnostics[0].message).toContain('payload_hash');
    },
  );
});
