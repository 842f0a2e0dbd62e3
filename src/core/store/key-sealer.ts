import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretSealer } from './secrets';

/** The name stored beside each secret sealed this way. */
export const KEY_SEALER_NAME = 'os-key';

/**
 * Seals signing secrets with AES-256-GCM under a 32-byte key that the desktop
 * app keeps encrypted by the OS keychain (Electron safeStorage, which only its
 * main process can use) and hands to the core's process at start. A sealed
 * secret is iv (12) | tag (16) | ciphertext; a wrong key or a changed byte
 * fails to open, never yields other text.
 */
export function createKeySealer(key: Buffer): SecretSealer {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  return {
    name: KEY_SEALER_NAME,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
