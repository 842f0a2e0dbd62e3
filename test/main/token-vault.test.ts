import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOsVault, type OsEncryption } from '../../src/main/token-vault';
import { tempDir } from '../helpers/temp-dir';

/** Stands in for safeStorage: a reversible transform, so the file never holds the token as written. */
const fakeOs = (available = true): OsEncryption => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`),
  decryptString: (data) => {
    const text = data.toString();
    if (!text.startsWith('enc:')) throw new Error('not ours');
    return Buffer.from(text.slice(4), 'base64').toString();
  },
});

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe("the desktop app's vault for tunnel credentials", () => {
  it('keeps the token encrypted by the OS in an owner-only file, and reads it back after a restart', () => {
    const dir = tempDir('hookscope-vault-');
    dirs.push(dir);
    const file = join(dir.path, 'tunnel-tokens.bin');
    const vault = createOsVault(file, fakeOs());
    expect(vault.protection).toBe('os-encrypted');
    vault.set('ngrok', '2abcSECRETtoken');
    expect(readFileSync(file, 'latin1')).not.toContain('2abcSECRETtoken');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(createOsVault(file, fakeOs()).get('ngrok')).toBe('2abcSECRETtoken');
    vault.set('ngrok', null);
    expect(createOsVault(file, fakeOs()).get('ngrok')).toBeUndefined();
  });

  it('without OS encryption it writes nothing and says the token lives in memory', () => {
    const dir = tempDir('hookscope-vault-');
    dirs.push(dir);
    const file = join(dir.path, 'tunnel-tokens.bin');
    for (const os of [fakeOs(false), undefined]) {
      const vault = createOsVault(file, os);
      vault.set('ngrok', 'tok');
      expect(vault.get('ngrok')).toBe('tok');
      expect(vault.protection).toBe('memory');
      expect(() => statSync(file)).toThrow();
    }
  });

  it('a file it cannot decrypt is reported, not fatal', () => {
    const dir = tempDir('hookscope-vault-');
    dirs.push(dir);
    const file = join(dir.path, 'tunnel-tokens.bin');
    writeFileSync(file, 'garbage');
    const lines: string[] = [];
    const vault = createOsVault(file, fakeOs(), (l) => lines.push(l));
    expect(vault.get('ngrok')).toBeUndefined();
    expect(lines[0]).toMatch(/could not be decrypted/);
  });
});
