import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('packaging (electron-builder.yml, checked by electron-builder itself, without building)', () => {
  it('is a valid configuration with installers for Linux, macOS and Windows', async () => {
    const config = await getConfig(root, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    // node_modules is not rebuilt for Electron in place: the Electron build of better-sqlite3 ships beside the app.
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toEqual([
      { from: '.electron-native/better_sqlite3.node', to: 'native/better_sqlite3.node' },
    ]);
    const scripts = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.dist).toMatch(/electron-native\.mjs.*electron-vite build.*electron-builder/);
  });

  it('has an icon of at least 1024x1024 pixels, the size macOS wants, as an RGBA PNG', async () => {
    const config = await getConfig(root, null, null);
    const png = readFileSync(resolve(root, config.icon as string));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1024);
    expect(png.readUInt32BE(20)).toBe(png.readUInt32BE(16));
    expect(png[25]).toBe(6);
  });

  it('ships one asar archive, with only the workers and the database module unpacked beside it', async () => {
    const config = await getConfig(root, null, null);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual([
      'out/main/checkpoint-worker.mjs',
      'out/main/read-worker.mjs',
      'node_modules/better-sqlite3/**',
      'node_modules/bindings/**',
      'node_modules/file-uri-to-path/**',
    ]);
    // better-sqlite3's JavaScript needs these two packages and nothing else at run time.
    const sqlite = JSON.parse(readFileSync(resolve(root, 'node_modules/better-sqlite3/package.json'), 'utf8'));
    expect(Object.keys(sqlite.dependencies).filter((d) => d !== 'prebuild-install')).toEqual(['bindings']);
    const bindings = JSON.parse(readFileSync(resolve(root, 'node_modules/bindings/package.json'), 'utf8'));
    expect(Object.keys(bindings.dependencies ?? {})).toEqual(['file-uri-to-path']);
  });

  it('flips the Electron fuses: no RunAsNode, NODE_OPTIONS or inspect flags; cookie encryption; the app only from its checked asar', async () => {
    const config = await getConfig(root, null, null);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages only runtime dependencies: no TypeScript runner, bundler or build tool among them', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    const runtime = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
    for (const tool of [
      'tsx',
      'esbuild',
      'vite',
      'typescript',
      'electron-vite',
      'electron',
      'electron-builder',
      'node-gyp',
    ])
      expect(runtime).not.toContain(tool);
    expect(runtime.sort()).toEqual(['@ngrok/ngrok', 'better-sqlite3', 'commander', 'ws', 'zod']);
  });
});
