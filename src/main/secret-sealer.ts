import type * as Electron from 'electron';
import type { SecretSealer } from '../core/store/secrets';

export type SafeStorageApi = Pick<Electron.SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<Electron.SafeStorage, 'getSelectedStorageBackend'>>;

/**
 * Signing secrets sealed with Electron's safeStorage (the macOS Keychain,
 * Windows DPAPI, the Linux Secret Service or KWallet), or none where the OS
 * offers no real protection: encryption unavailable, or Linux's
 * `basic_text` fallback, whose key is a constant known to everyone. Then the
 * secrets stay in the owner-only database, as in browser mode.
 */
export function safeStorageSealer(safeStorage: SafeStorageApi, platform: NodeJS.Platform = process.platform): SecretSealer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return undefined;
  return {
    name: 'safeStorage',
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}
