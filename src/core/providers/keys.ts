/**
 * Keys for every algorithm a signature form can name: the HMAC key from a
 * secret, and for the asymmetric schemes (Ed25519, ECDSA P-256) the private
 * key a simulated provider signs with and the public key a handler (and
 * Hookscope's verifier) checks with. Keys are accepted as PEM, base64 DER
 * (PKCS#8 / SPKI) or, for Ed25519, 64 hex characters of the raw key (Discord's
 * "Public Key").
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SecretEncoding, SignatureAlgorithm, SignatureForm } from '../../shared/providers';
import { decodeBase64Strict, secretKey } from './crypto';

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

/** A private key from PEM, base64 PKCS#8 DER, or (Ed25519) 64 hex characters of the raw seed; undefined otherwise. */
export function parsePrivateKey(text: string, algorithm: 'ed25519' | 'ecdsa-p256-sha256'): KeyObject | undefined {
  const trimmed = text.trim();
  let key: KeyObject | undefined;
  if (trimmed.startsWith('-----BEGIN')) key = attempt(() => createPrivateKey(trimmed));
  else if (algorithm === 'ed25519' && /^[0-9a-fA-F]{64}$/.test(trimmed)) {
    key = attempt(() => createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(trimmed, 'hex')]), format: 'der', type: 'pkcs8' }));
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
export function parsePublicKey(text: string, algorithm: 'ed25519' | 'ecdsa-p256-sha256'): KeyObject | undefined {
  const trimmed = text.trim();
  let key: KeyObject | undefined;
  if (trimmed.startsWith('-----BEGIN')) key = attempt(() => createPublicKey(trimmed));
  else if (algorithm === 'ed25519' && /^[0-9a-fA-F]{64}$/.test(trimmed)) {
    key = attempt(() => createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(trimmed, 'hex')]), format: 'der', type: 'spki' }));
  } else {
    const der = decodeBase64Strict(trimmed);
    if (der && der.length > 0) key = attempt(() => createPublicKey({ key: der, format: 'der', type: 'spki' })) ?? attempt(() => createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })));
  }
  return key && fitsAlgorithm(key, algorithm) ? key : undefined;
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
  const pair = algorithm === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: formatPublicKey(pair.publicKey, algorithm),
    publicKeyPem: String(pair.publicKey.export({ format: 'pem', type: 'spki' })),
  };
}

/**
 * The verification key for one configured secret: the HMAC key bytes, or for
 * an asymmetric form the public key's SPKI DER; undefined when the text is
 * not a key of that kind.
 */
export function verificationKey(secret: string, form: Pick<SignatureForm, 'algorithm' | 'secretEncoding'>): Buffer | undefined {
  if (!isAsymmetric(form.algorithm)) return secretKey(secret, form.secretEncoding as SecretEncoding);
  const key = parsePublicKey(secret, form.algorithm);
  return key ? key.export({ format: 'der', type: 'spki' }) : undefined;
}
