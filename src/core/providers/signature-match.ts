/** What verification and diagnosis share: the keys, the received tokens, and a matcher. */
import type { DigestEncoding, SignatureAlgorithm, SignatureForm } from '../../shared/providers';
import { decodeDigest, digestsEqual, hmacFor, verifyAsymmetric } from './crypto';

export interface KeyEntry {
  /** Index in the caller's `secrets` array. */
  index: number;
  secret: string;
  /** Undefined when the secret cannot be turned into a key (a whsec_ secret that is not base64). */
  key: Buffer | undefined;
}

export interface ProbeContext {
  form: SignatureForm;
  body: Uint8Array;
  timestamp?: string;
  id?: string;
  /** The URL variant and method signed (`{url}`, `{method}`), for the forms that sign them. */
  url?: string;
  method?: string;
  nowSec: number;
  keys: KeyEntry[];
  /** Tokens a documented handler would accept. */
  tokens: string[];
  loose: { token: string; mistake: 'prefix-dropped' | 'prefix-added'; prefix: string }[];
  otherSecrets: { label: string; secret: string }[];
}

/**
 * Index of the first token equal to HMAC(key, signed) (constant-time per
 * comparison), or for an asymmetric algorithm the first that verifies with
 * the public key `key` (SPKI DER); -1 when none does.
 */
export function matchToken(
  key: Uint8Array,
  signed: Uint8Array,
  tokens: string[],
  encoding: DigestEncoding,
  algorithm: SignatureAlgorithm = 'hmac-sha256',
): number {
  const digest = hmacFor(algorithm, key, signed);
  for (let i = 0; i < tokens.length; i++) {
    const token = decodeDigest(tokens[i], encoding);
    if (digest ? digestsEqual(token, digest) : token !== undefined && verifyAsymmetric(algorithm, key, signed, token))
      return i;
  }
  return -1;
}

export function ordinal(n: number): string {
  const suffix =
    n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}
