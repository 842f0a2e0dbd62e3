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
    expect(config.extraResources).toEqual([{ from: '.electron-native/better_sqlite3.node', to: 'native/better_sqlite3.node' }]);
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
});
