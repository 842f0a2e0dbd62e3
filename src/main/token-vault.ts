import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { TokenVault } from '../core/tunnel/token-vault';

/** The part of Electron's safeStorage the vault uses (absent or unavailable: the vault keeps tokens in memory only). */
export interface OsEncryption {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Tunnel credentials (ngrok's authtoken) in one file encrypted by the OS
 * (Keychain, DPAPI, libsecret through safeStorage), owner-only. Where the OS
 * offers no encryption nothing is written: the token lives in memory until quit.
 */
export function createOsVault(
  file: string,
  os: OsEncryption | undefined,
  log: (line: string) => void = () => undefined,
): TokenVault {
  const encrypted = (() => {
    try {
      return Boolean(os?.isEncryptionAvailable());
    } catch {
      return false;
    }
  })();
  let values: Record<string, string> = {};
  if (encrypted && existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(os!.decryptString(readFileSync(file)));
      if (parsed && typeof parsed === 'object') {
        values = Object.fromEntries(
          Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        );
      }
    } catch (error) {
      log(`the tunnel credentials in ${file} could not be decrypted (${(error as Error).message}); enter them again`);
    }
  }
  const save = () => {
    const temp = `${file}.tmp`;
    writeFileSync(temp, os!.encryptString(JSON.stringify(values)), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  };
  return {
    get: (name) => values[name],
    set(name, value) {
      if (value === null) delete values[name];
      else values[name] = value;
      if (encrypted) save();
    },
    protection: encrypted ? 'os-encrypted' : 'memory',
  };
}
