/** What verification and diagnosis share: the keys, the received tokens, and the matcher of a token against a key's HMAC. */
import type { DigestEncoding, SignatureForm } from '../../shared/providers';
import { decodeDigest, digestsEqual, hmacSha256 } from './crypto';

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
  nowSec: number;
  keys: KeyEntry[];
  /** Tokens a documented handler would accept. */
  tokens: string[];
  loose: { token: string; mistake: 'prefix-dropped' | 'prefix-added'; prefix: string }[];
  otherSecrets: { label: string; secret: string }[];
}

/** Index of the first token equal to HMAC(key, signed), or -1. Constant-time per comparison. */
export function matchToken(key: Uint8Array, signed: Uint8Array, tokens: string[], encoding: DigestEncoding): number {
  const digest = hmacSha256(key, signed);
  for (let i = 0; i < tokens.length; i++) {
    if (digestsEqual(decodeDigest(tokens[i], encoding), digest)) return i;
  }
  return -1;
}

export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
