/**
 * Keys for every algorithm a signature form can name: the HMAC key from a
 * secret, and for the asymmetric schemes (Ed25519, ECDSA P-256) the private
 * key a simulated provider signs with and the public key a handler (and
 * Hookscope's verifier) checks with. Keys are accepted as PEM, base64 DER
 * (PKCS#8 / SPKI) or, for Ed25519, 64 hex characters of the raw key (Discord's
 * "Public Key").
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
import type { SignatureAlgorithm, SignatureForm } from '../../shared/providers';
import { decodeBase64Strict, formSecretKey } from './crypto';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function isAsymmetric(algorithm: SignatureAlgorithm): algorithm is 'ed25519' | 'ecdsa-p256-sha256' {
  return algorithm === 'ed25519' || algorithm === 'ecdsa-p256-sha256';
}

function expectedKeyType(algorithm: 'ed25519' | 'ecdsa-p256-sha256'): string {
  return algorithm === 'ed25519' ? 'ed25519' : 'ec';
}

function fitsAlgorithm(key: KeyObject, algorithm: 'ed25519' | 'ecdsa-p256-sha256'): boolean {
  if (key.asymmetricKeyType !== expectedKeyType(algorithm)) return false;
  return algorithm !== 'ecdsa-p256-sha256' || key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
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
export function derivedPrivateKey(secret: string, algorithm: 'ed25519' | 'ecdsa-p256-sha256'): KeyObject {
  const seed = createHash('sha256').update(`hookscope-${algorithm}:${secret}`).digest();
  if (algorithm === 'ed25519')
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

/** The signing key for a secret: a private key (PEM or base64 PKCS#8), else the pair derived from the text. */
export function signingKey(secret: string, algorithm: 'ed25519' | 'ecdsa-p256-sha256'): KeyObject {
  return parsePrivateKey(secret, algorithm) ?? derivedPrivateKey(secret, algorithm);
}

/** The public key a handler must be configured with when Hookscope signs with `secret`, in the provider's spelling. */
export function publicKeyForSecret(secret: string, algorithm: 'ed25519' | 'ecdsa-p256-sha256'): string {
  return formatPublicKey(createPublicKey(signingKey(secret, algorithm)), algorithm);
}

/** A private key from PEM or base64 PKCS#8 DER; undefined otherwise. */
export function parsePrivateKey(text: string, algorithm: 'ed25519' | 'ecdsa-p256-sha256'): KeyObject | undefined {
  const trimmed = text.trim();
  let key: KeyObject | undefined;
  if (trimmed.startsWith('-----BEGIN')) key = attempt(() => createPrivateKey(trimmed));
  else {
    const der = decodeBase64Strict(trimmed);
    if (der && der.length > 0) key = attempt(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
  }
  return key && fitsAlgorithm(key, algorithm) ? key : undefined;
}

/**
 * A public key from PEM, base64 SPKI DER, or (Ed25519) 64 hex characters of
 * the raw key; a private key pasted by mistake gives its public half.
 */
export function parsePublicKey(text: string, algorithm: 'ed25519' | 'ecdsa-p256-sha256'): KeyObject | undefined {
  const key = readPublicKey(text, algorithm);
  return key && fitsAlgorithm(key, algorithm) ? key : undefined;
}

/** Any public key the text spells (of whatever type), or undefined when it is not a key at all. */
function readPublicKey(text: string, algorithm: 'ed25519' | 'ecdsa-p256-sha256'): KeyObject | undefined {
  const trimmed = text.trim();
  let key: KeyObject | undefined;
  if (trimmed.startsWith('-----BEGIN')) key = attempt(() => createPublicKey(trimmed));
  else if (algorithm === 'ed25519' && /^[0-9a-fA-F]{64}$/.test(trimmed)) {
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

/** The public key as the provider shows it: raw hex for Ed25519 (Discord), base64 SPKI DER for ECDSA (SendGrid's verification key). */
export function formatPublicKey(key: KeyObject, algorithm: 'ed25519' | 'ecdsa-p256-sha256'): string {
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
export function generateSigningKeyPair(algorithm: 'ed25519' | 'ecdsa-p256-sha256'): SigningKeyPair {
  const pair =
    algorithm === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
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
  return createPublicKey(derivedPrivateKey(secret, form.algorithm)).export({ format: 'der', type: 'spki' });
}
