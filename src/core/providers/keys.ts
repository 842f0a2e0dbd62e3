/**
 * Keys for every algorithm a signature form can name: the HMAC key from a
 * secret, and for the asymmetric schemes (Ed25519, ECDSA P-256, ES256 JWTs)
 * the private key a simulated provider signs with and the public key a
 * handler (and Hookscope's verifier) checks with. Keys are accepted as PEM,
 * base64 DER (PKCS#8 / SPKI), a JWK (P-256: Plaid's verification key, alone or
 * in its `{"key": {...}}` answer) or, for Ed25519, 64 hex characters of the
 * raw key (Discord's "Public Key").
 *
 * Any other secret text is a seed: the key pair is derived from its SHA-256,
 * so a simulated webhook's secret is its key pair (the sender signs with the
 * private half, an endpoint holding the same secret verifies with the public
 * half, and `publicKeyForSecret` shows what the handler must be given).
 */
import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { HookscopeError } from '../../shared/errors';
import type { SignatureAlgorithm, SignatureForm } from '../../shared/providers';
import { MAX_JSON_DEPTH, jsonNestingDepth } from '../../shared/json-depth';
import { decodeBase64Strict, formSecretKey } from './crypto';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The algorithms whose secret is a key pair: Ed25519, ECDSA P-256, and ES256 JWTs (ECDSA P-256 too). */
export type AsymmetricAlgorithm = 'ed25519' | 'ecdsa-p256-sha256' | 'jwt-es256';
/** The kind of key an asymmetric algorithm signs with: an ES256 JWT's is a P-256 key like ECDSA's. */
type KeyKind = 'ed25519' | 'ecdsa-p256-sha256';

export function isAsymmetric(algorithm: SignatureAlgorithm): algorithm is AsymmetricAlgorithm {
  return algorithm === 'ed25519' || algorithm === 'ecdsa-p256-sha256' || algorithm === 'jwt-es256';
}

function keyKind(algorithm: AsymmetricAlgorithm): KeyKind {
  return algorithm === 'ed25519' ? 'ed25519' : 'ecdsa-p256-sha256';
}

function fitsAlgorithm(key: KeyObject, algorithm: AsymmetricAlgorithm): boolean {
  if (keyKind(algorithm) === 'ed25519') return key.asymmetricKeyType === 'ed25519';
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
}

function attempt<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** The key pair a secret that is not a key stands for: derived from SHA-256 of its text. */
export function derivedPrivateKey(secret: string, algorithm: AsymmetricAlgorithm): KeyObject {
  const kind = keyKind(algorithm);
  const seed = createHash('sha256').update(`hookscope-${kind}:${secret}`).digest();
  if (kind === 'ed25519')
    return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const scalar = (BigInt(`0x${seed.toString('hex')}`) % (P256_ORDER - 1n)) + 1n;
  const d = Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const b64url = (b: Buffer) => b.toString('base64url');
  return createPrivateKey({
    key: { kty: 'EC', crv: 'P-256', d: b64url(d), x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) },
    format: 'jwk',
  });
}

const KEY_NAMES: Record<AsymmetricAlgorithm, string> = {
  ed25519: 'Ed25519',
  'ecdsa-p256-sha256': 'ECDSA P-256',
  'jwt-es256': 'ES256 (ECDSA P-256)',
};

/**
 * The signing key for a secret: a private key (PEM, base64 PKCS#8, a JWK with
 * "d"), else the pair derived from any other text. A text that is a public key,
 * or a key of another kind, is refused: the verifier reads it as that key, so
 * a signature from a pair derived from its text could never verify.
 */
export function signingKey(secret: string, algorithm: AsymmetricAlgorithm): KeyObject {
  const key = parsePrivateKey(secret, algorithm);
  if (key) return key;
  if (readPublicKey(secret, algorithm) || holdsJwk(secret)) {
    throw new HookscopeError(
      'BAD_INPUT',
      `this secret is a public key (what a handler verifies with) or a key that is not an ${KEY_NAMES[algorithm]} private key: nothing signed with it could be verified. Give the ${KEY_NAMES[algorithm]} private key (PEM, base64 PKCS#8 or a JWK with "d"), or any other text to sign with a key pair derived from it (hookscope keypair PROVIDER --secret TEXT prints the public key a handler then needs).`,
    );
  }
  return derivedPrivateKey(secret, algorithm);
}

/** The public key a handler must be configured with when Hookscope signs with `secret`, in the provider's spelling. */
export function publicKeyForSecret(secret: string, algorithm: AsymmetricAlgorithm): string {
  return formatPublicKey(createPublicKey(signingKey(secret, algorithm)), algorithm);
}

/** A private key from PEM or base64 PKCS#8 DER; undefined otherwise. */
export function parsePrivateKey(text: string, algorithm: AsymmetricAlgorithm): KeyObject | undefined {
  const trimmed = text.trim();
  let key: KeyObject | undefined;
  if (trimmed.startsWith('-----BEGIN')) key = attempt(() => createPrivateKey(trimmed));
  else if (trimmed.startsWith('{')) {
    const jwk = jwkIn(trimmed);
    key = jwk && typeof jwk.d === 'string' ? attempt(() => createPrivateKey({ key: jwk, format: 'jwk' })) : undefined;
  } else {
    const der = decodeBase64Strict(trimmed);
    if (der && der.length > 0) key = attempt(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
  }
  return key && fitsAlgorithm(key, algorithm) ? key : undefined;
}

/**
 * A public key from PEM, base64 SPKI DER, or (Ed25519) 64 hex characters of
 * the raw key; a private key pasted by mistake gives its public half.
 */
export function parsePublicKey(text: string, algorithm: AsymmetricAlgorithm): KeyObject | undefined {
  const key = readPublicKey(text, algorithm);
  return key && fitsAlgorithm(key, algorithm) ? key : undefined;
}

/** Any public key the text spells (of whatever type), or undefined when it is not a key at all. */
function readPublicKey(text: string, algorithm: AsymmetricAlgorithm): KeyObject | undefined {
  const trimmed = text.trim();
  let key: KeyObject | undefined;
  if (trimmed.startsWith('-----BEGIN')) key = attempt(() => createPublicKey(trimmed));
  else if (trimmed.startsWith('{')) {
    const jwk = jwkIn(trimmed);
    key = jwk ? attempt(() => createPublicKey({ key: jwk, format: 'jwk' })) : undefined;
  } else if (algorithm === 'ed25519' && /^[0-9a-fA-F]{64}$/.test(trimmed)) {
    key = attempt(() =>
      createPublicKey({
        key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(trimmed, 'hex')]),
        format: 'der',
        type: 'spki',
      }),
    );
  } else {
    const der = decodeBase64Strict(trimmed);
    if (der && der.length > 0)
      key =
        attempt(() => createPublicKey({ key: der, format: 'der', type: 'spki' })) ??
        attempt(() => createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })));
  }
  return key;
}

type Jwk = Record<string, unknown>;

/** Whether a secret is a JWK of any kind, which is never a seed to derive a key pair from. */
function holdsJwk(secret: string): boolean {
  const trimmed = secret.trim();
  return trimmed.startsWith('{') && jwkIn(trimmed) !== undefined;
}

/**
 * The JWK a pasted JSON text holds: the key itself, or the `key` of Plaid's
 * /webhook_verification_key/get answer. Depth-checked before parsing; only
 * the members a key is made of are kept (never `alg` or `use` from the text).
 */
function jwkIn(text: string): Jwk | undefined {
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const isObject = (v: unknown): v is Jwk => v !== null && typeof v === 'object' && !Array.isArray(v);
  const jwk = isObject(value) && isObject(value.key) ? value.key : value;
  if (!isObject(jwk) || typeof jwk.kty !== 'string') return undefined;
  const out: Jwk = {};
  for (const name of ['kty', 'crv', 'x', 'y', 'd', 'n', 'e']) if (typeof jwk[name] === 'string') out[name] = jwk[name];
  return out;
}

/**
 * The key id a token signed with this key names in its `kid`: a UUID-shaped
 * digest of the public key (Plaid's kids are UUIDs), so the same key always
 * has the same id and another key another one.
 */
export function keyIdFor(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const hex = createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The public key as the provider shows it: raw hex for Ed25519 (Discord), base64 SPKI DER for ECDSA (SendGrid's
 * verification key), a JWK for an ES256 JWT (what Plaid's /webhook_verification_key/get answers).
 */
export function formatPublicKey(key: KeyObject, algorithm: AsymmetricAlgorithm): string {
  if (algorithm === 'jwt-es256') {
    const { crv, x, y } = key.export({ format: 'jwk' });
    return JSON.stringify({ alg: 'ES256', crv, kid: keyIdFor(key), kty: 'EC', use: 'sig', x, y });
  }
  const der = key.export({ format: 'der', type: 'spki' });
  return algorithm === 'ed25519' ? der.subarray(ED25519_SPKI_PREFIX.length).toString('hex') : der.toString('base64');
}

export interface SigningKeyPair {
  /** Base64 PKCS#8 DER: what the simulated provider signs with (the Sender's "secret"). */
  privateKey: string;
  /** What the handler must be configured with, in the provider's own spelling. */
  publicKey: string;
  /** The same public key as PEM, for libraries that want one. */
  publicKeyPem: string;
}

/** A fresh key pair for a form's asymmetric algorithm (one per simulated webhook). */
export function generateSigningKeyPair(algorithm: AsymmetricAlgorithm): SigningKeyPair {
  const pair =
    keyKind(algorithm) === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: formatPublicKey(pair.publicKey, algorithm),
    publicKeyPem: String(pair.publicKey.export({ format: 'pem', type: 'spki' })),
  };
}

/**
 * The verification key for one configured secret: the HMAC key bytes, or for
 * an asymmetric form the SPKI DER of the public key pasted (or of the pair a
 * seed secret stands for); undefined when an HMAC secret does not decode or
 * the pasted key is of another type or curve.
 */
export function verificationKey(
  secret: string,
  form: Pick<SignatureForm, 'algorithm' | 'secretEncoding' | 'secretPrefixPattern'>,
): Buffer | undefined {
  if (!isAsymmetric(form.algorithm)) return formSecretKey(secret, form);
  const pasted = readPublicKey(secret, form.algorithm);
  // A key of another type or curve (secp256k1, RSA) cannot check this signature: undefined, so the verdict names it.
  if (pasted) return fitsAlgorithm(pasted, form.algorithm) ? pasted.export({ format: 'der', type: 'spki' }) : undefined;
  // So does a JWK that is no public key at all (a symmetric "oct" key): it is not a seed either.
  if (holdsJwk(secret)) return undefined;
  return createPublicKey(derivedPrivateKey(secret, form.algorithm)).export({ format: 'der', type: 'spki' });
}
