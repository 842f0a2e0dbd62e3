/**
 * The pieces every provider schema file uses: the model's constants, the
 * patterns of ids, header names and field paths, and JSON values.
 *
 * Pure: imports nothing but zod.
 */
import { z } from 'zod';

export const PROVIDER_KINDS = ['documented', 'common-scheme', 'user'] as const;
/**
 * HMAC with a shared secret, or an asymmetric signature checked with a public
 * key (the secret then holds the key: private to sign, public to verify).
 * `token`: no signature, the header carries the shared secret itself
 * (GitLab's X-Gitlab-Token), compared in constant time. `jwt-hs256` and
 * `jwt-es256`: a JSON Web Token (with a `jwt` spec) signed HS256 with the
 * shared secret, or ES256 with a P-256 private key and checked with its
 * public key (Plaid).
 */
export const SIGNATURE_ALGORITHMS = [
  'hmac-sha256',
  'hmac-sha1',
  'hmac-sha512',
  'ed25519',
  'ecdsa-p256-sha256',
  'token',
  'jwt-hs256',
  'jwt-es256',
] as const;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `a.b[0].c`: segments of letters, digits, `_`, `$`, `-`, each optionally indexed. */
export const FIELD_PATH_PATTERN = /^[A-Za-z0-9_$-]+(\[\d+\])*(\.[A-Za-z0-9_$-]+(\[\d+\])*)*$/;
export const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A signature carried inside the body (Adyen's `additionalData.hmacSignature`): `body:<path>` stands for the header. */
export const BODY_SIGNATURE_PREFIX = 'body:';

export const headerName = z.string().regex(HEADER_NAME_PATTERN, 'is not a valid HTTP header name');
export const fieldPath = z
  .string()
  .regex(FIELD_PATH_PATTERN, 'is not a field path like "data.visitorId" or "items[0].id"');
export const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);
