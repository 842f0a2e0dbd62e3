/**
 * Signed JSON Web Tokens that bind the body (Upstash QStash, Vonage, Plaid):
 * a token in the signature header whose claims carry the SHA-256 of the body,
 * the issuer and, for QStash, the URL called as `sub`. HS256 with a shared
 * secret, or ES256 with a P-256 key (Plaid: the header names the key in
 * `kid`; the signature is raw r||s, 64 bytes, not DER). Written on
 * node:crypto; a form accepts only its own alg (never `none`, never another
 * alg named by the token itself: an HS256 token keyed with the public key is
 * refused before any key meets it).
 */
import { createHash, createHmac, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { SignatureForm } from '../../shared/providers';
import { MAX_JSON_DEPTH, jsonNestingDepth } from '../../shared/json-depth';
import { digestsEqual } from './crypto';
import { utf8 } from './bytes';

type JwtSpec = NonNullable<SignatureForm['jwt']>;
export type JwtClaims = Record<string, unknown>;
export type JwtAlg = 'HS256' | 'ES256';

/** The JWT alg a form's algorithm stands for. */
export function jwtAlgOf(algorithm: SignatureForm['algorithm']): JwtAlg {
  return algorithm === 'jwt-es256' ? 'ES256' : 'HS256';
}

/** An ES256 signature is r||s, two 32-byte integers (RFC 7518 section 3.4). */
const ES256_SIGNATURE_BYTES = 64;

const B64URL = /^[A-Za-z0-9_-]*$/;

export function bodyHash(body: Uint8Array, encoding: JwtSpec['bodyHashEncoding']): string {
  return createHash('sha256').update(body).digest(encoding);
}

function part(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export interface JwtSignInput {
  body: Uint8Array;
  timestampSec: number;
  url?: string;
  id?: string;
}

/** The claims a provider puts in the token for this request, in its order. */
export function jwtClaims(spec: JwtSpec, input: JwtSignInput): JwtClaims {
  const claims: JwtClaims = {};
  if (spec.issuer) claims.iss = spec.issuer;
  if (spec.subjectIsUrl) claims.sub = input.url ?? '';
  if (spec.audience) claims.aud = spec.audience;
  if (spec.expiresInSeconds) claims.exp = input.timestampSec + spec.expiresInSeconds;
  if (spec.expiresInSeconds) claims.nbf = input.timestampSec;
  claims.iat = input.timestampSec;
  if (spec.tokenId !== false)
    claims.jti = input.id ?? createHash('sha256').update(input.body).update(String(input.timestampSec)).digest('hex');
  Object.assign(claims, spec.claims);
  claims[spec.bodyHashClaim] = bodyHash(input.body, spec.bodyHashEncoding);
  return claims;
}

/** An HS256 token signed with the secret's bytes, or an ES256 token signed with a P-256 private key (`kid` in its header). */
export function signJwt(key: Uint8Array | KeyObject, claims: JwtClaims, kid?: string): string {
  if (key instanceof Uint8Array) {
    const signingInput = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
  }
  const header = kid === undefined ? { alg: 'ES256', typ: 'JWT' } : { alg: 'ES256', kid, typ: 'JWT' };
  const signingInput = `${part(header)}.${part(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

export type ParsedJwt =
  | { ok: true; signingInput: string; signature: Buffer; header: JwtClaims; claims: JwtClaims }
  | { ok: false; problem: string };

function decodeJsonPart(text: string): JwtClaims | undefined {
  if (!B64URL.test(text)) return undefined;
  const json = Buffer.from(text, 'base64url').toString('utf8');
  if (jsonNestingDepth(json, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return undefined;
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}

/** Splits and decodes a token; refuses any alg but the form's (a token cannot pick its own check). */
export function parseJwt(token: string, alg: JwtAlg = 'HS256'): ParsedJwt {
  const parts = token.trim().split('.');
  if (parts.length !== 3)
    return { ok: false, problem: `a JWT has 3 dot-separated parts, this value has ${parts.length}` };
  const header = decodeJsonPart(parts[0]);
  if (!header) return { ok: false, problem: 'the JWT header is not base64url JSON' };
  if (header.alg !== alg)
    return {
      ok: false,
      problem: `the JWT says alg ${JSON.stringify(header.alg)}, and only ${alg} is accepted${alg === 'ES256' && header.alg === 'HS256' ? ' (an HS256 token keyed with the public key is the alg-confusion attack)' : ''}`,
    };
  const claims = decodeJsonPart(parts[1]);
  if (!claims) return { ok: false, problem: 'the JWT claims are not base64url JSON' };
  // Canonical spelling only: two different texts never count as the same signature.
  if (
    !B64URL.test(parts[2]) ||
    parts[2].length === 0 ||
    Buffer.from(parts[2], 'base64url').toString('base64url') !== parts[2]
  )
    return { ok: false, problem: 'the JWT signature is not canonical base64url' };
  if (alg === 'ES256' && Buffer.from(parts[2], 'base64url').length !== ES256_SIGNATURE_BYTES)
    return {
      ok: false,
      problem: `an ES256 signature is ${ES256_SIGNATURE_BYTES} bytes (r||s), this one is ${Buffer.from(parts[2], 'base64url').length} (a DER-encoded signature is refused)`,
    };
  return {
    ok: true,
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], 'base64url'),
    header,
    claims,
  };
}

/**
 * Whether the token's signature holds with `key`: for HS256 the secret's bytes
 * (compared in constant time), for ES256 the public key as SPKI DER.
 */
export function jwtSignedWith(
  parsed: Extract<ParsedJwt, { ok: true }>,
  key: Uint8Array,
  alg: JwtAlg = 'HS256',
): boolean {
  if (alg === 'HS256')
    return digestsEqual(createHmac('sha256', key).update(utf8(parsed.signingInput)).digest(), parsed.signature);
  try {
    const publicKey = createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' });
    return verify('sha256', utf8(parsed.signingInput), { key: publicKey, dsaEncoding: 'ieee-p1363' }, parsed.signature);
  } catch {
    return false;
  }
}

/** The claim as a string with base64 padding dropped (QStash's own check strips `=`). */
export function claimText(claims: JwtClaims, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' ? value : undefined;
}

export function claimSeconds(claims: JwtClaims, name: string): number | undefined {
  const value = claims[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
