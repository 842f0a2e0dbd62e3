import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type * as Electron from 'electron';

export type SafeStorageApi = Pick<Electron.SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<Electron.SafeStorage, 'getSelectedStorageBackend'>>;

/** Whether the OS offers real protection: not where encryption is unavailable, nor Linux's `basic_text` (a constant key). */
export function osEncryptionAvailable(
  safeStorage: SafeStorageApi | undefined,
  platform: NodeJS.Platform = process.platform,
): boolean {
  try {
    if (!safeStorage?.isEncryptionAvailable()) return false;
    return !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
  } catch {
    return false;
  }
}

/**
 * The key that seals the signing secrets in the database (AES-256-GCM, in the
 * core's process), kept in `file` encrypted by the OS keychain (macOS
 * Keychain, Windows DPAPI, the Linux Secret Service or KWallet through
 * Electron's safeStorage, which only the main process can use). Made on first
 * use. Undefined where the OS offers no real protection, or the stored key
 * cannot be opened (another user, a reset keychain): then secrets stay in the
 * owner-only database as in browser mode, and `log` says why.
 */
export function osProtectedSecretKey(
  file: string,
  safeStorage: SafeStorageApi | undefined,
  log: (line: string) => void,
  platform: NodeJS.Platform = process.platform,
): Buffer | undefined {
  if (!osEncryptionAvailable(safeStorage, platform)) {
    log('OS encryption (safeStorage) is not available: signing secrets stay unencrypted in the owner-only database');
    return undefined;
  }
  if (existsSync(file)) {
    try {
      const key = Buffer.from(safeStorage!.decryptString(readFileSync(file)), 'base64');
      if (key.length === 32) return key;
      throw new Error('the stored key has the wrong length');
    } catch (error) {
      log(
        `the key for signing secrets in ${file} cannot be opened (${(error as Error).message}): secrets sealed with it stay unreadable, new ones stay unencrypted`,
      );
      return undefined;
    }
  }
  const key = randomBytes(32);
  const temp = `${file}.tmp`;
  writeFileSync(temp, safeStorage!.encryptString(key.toString('base64')), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return key;
}
