/** HMAC, keys, digest encodings and the one constant-time comparison. */
import { createHmac, createPublicKey, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import type { DigestEncoding, SecretEncoding, SignatureAlgorithm, SignatureForm } from '../../shared/providers';
import { utf8 } from './bytes';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX = /^[0-9a-fA-F]*$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const HMAC_HASH = { 'hmac-sha256': 'sha256', 'hmac-sha1': 'sha1', 'hmac-sha512': 'sha512' } as const;

export function hmacSha256(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** The HMAC of `data` with the form's hash (for `token`, the key itself); undefined for an asymmetric algorithm (which has no shared key). */
export function hmacFor(algorithm: SignatureAlgorithm, key: Uint8Array, data: Uint8Array): Buffer | undefined {
  // A shared token is its own "digest": the header must carry the secret's bytes.
  if (algorithm === 'token') return Buffer.from(key);
  const hash = (HMAC_HASH as Record<string, string | undefined>)[algorithm];
  return hash ? createHmac(hash, key).update(data).digest() : undefined;
}

/** Whether `signature` over `data` checks out with the public key in SPKI DER `spki` (Ed25519, or ECDSA P-256 with SHA-256, DER-encoded). */
export function verifyAsymmetric(
  algorithm: SignatureAlgorithm,
  spki: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    return verifySignature(algorithm === 'ed25519' ? null : 'sha256', data, key, signature);
  } catch {
    return false;
  }
}

/** Strict base64 (standard alphabet, padded to a multiple of 4); undefined otherwise. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

/** The HMAC key for a secret (an empty one gives an empty key); undefined when a `whsec-base64` secret is not base64, or a `hex` one not hex. */
export function secretKey(secret: string, encoding: SecretEncoding): Buffer | undefined {
  if (encoding === 'utf8') return utf8(secret);
  if (encoding === 'hex') {
    const text = secret.trim();
    return text.length % 2 === 0 && HEX.test(text) ? Buffer.from(text, 'hex') : undefined;
  }
  const material = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  return decodeBase64Strict(material);
}

const PREFIX_PATTERNS = new Map<string, RegExp>();

/** The secret without what the form's `secretPrefixPattern` matches at its start (Inngest's `signkey-prod-`). */
export function withoutSecretPrefix(secret: string, pattern: string | undefined): string {
  if (pattern === undefined) return secret;
  let re = PREFIX_PATTERNS.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})`);
    PREFIX_PATTERNS.set(pattern, re);
  }
  return secret.replace(re, '');
}

/** The HMAC key a form makes of a secret: its prefix removed (`secretPrefixPattern`), then decoded (`secretEncoding`). */
export function formSecretKey(
  secret: string,
  form: Pick<SignatureForm, 'secretEncoding' | 'secretPrefixPattern'>,
): Buffer | undefined {
  return secretKey(withoutSecretPrefix(secret, form.secretPrefixPattern), form.secretEncoding);
}

export function encodeDigest(digest: Uint8Array, encoding: DigestEncoding): string {
  return Buffer.from(digest).toString(encoding);
}

/**
 * Decodes a received digest token in its canonical spelling only (lowercase
 * hex; standard, padded base64), so two different header values never count
 * as the same signature. Undefined otherwise.
 */
export function decodeDigest(token: string, encoding: DigestEncoding): Buffer | undefined {
  if (token.length === 0) return undefined;
  if (encoding === 'hex' && (token.length % 2 !== 0 || !HEX.test(token))) return undefined;
  if (encoding === 'base64' && (token.length % 4 !== 0 || !BASE64.test(token))) return undefined;
  if (encoding === 'base64url' && (token.length % 4 === 1 || !BASE64URL.test(token))) return undefined;
  const bytes = Buffer.from(token, encoding);
  return bytes.toString(encoding) === token ? bytes : undefined;
}

/** Constant-time equality; false (without comparing) when the lengths differ. */
export function digestsEqual(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
