import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../helpers/electron-binary';
import { tempDir } from '../helpers/temp-dir';

// The desktop app in a real Electron: runs wherever an Electron binary exists
// (the electron package's, or ELECTRON_PATH), under Xvfb when there is no display.
// Everything else of the shell is tested against a fake electron in test/main.
const electron = findElectronBinary();
if (!electron.path) console.log(`electron smoke test skipped: ${electron.why}.`);

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const WAIT = { timeout: 30_000 };

describe.skipIf(!electron.path)('the desktop app in a real Electron', () => {
  const data = tempDir('hookscope-electron-smoke-');
  let app: ElectronApplication;
  let xvfb: ChildProcess | undefined;
  let display = process.env.DISPLAY;

  beforeAll(async () => {
    // The Electron build of better-sqlite3 (prebuilt, else compiled) and the app's bundles, as `npm start` makes them.
    const native = spawnSync(process.execPath, [join(root, 'scripts', 'electron-native.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    if (native.status !== 0)
      throw new Error(`the Electron build of better-sqlite3 could not be had: ${native.stderr || native.stdout}`);
    const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
    const build = spawnSync(process.execPath, [electronVite, 'build', '--logLevel', 'error'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`electron-vite build failed: ${build.stderr}`);
    if (!display && process.platform === 'linux') {
      if (!existsSync('/usr/bin/Xvfb'))
        throw new Error('no display and no Xvfb: install it (apt-get install xvfb) or set DISPLAY');
      display = ':97';
      xvfb = spawn('/usr/bin/Xvfb', [display, '-screen', '0', '1440x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 500));
    }
    app = await _electron.launch({
      executablePath: electron.path!,
      args: [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, DISPLAY: display ?? '', HOOKSCOPE_DATA: data.path, HOOKSCOPE_CAPTURE_PORT: '0' },
      timeout: 60_000,
    });
  }, 600_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    xvfb?.kill();
    data.remove();
  });

  it('captures a webhook sent to its port, shows it live, opens it, and quits with the row stored', async () => {
    const window = await app.firstWindow();
    const base = (await window.locator('.capture-url code').textContent(WAIT))?.trim() ?? '';
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const sent = await fetch(`${base}smoke/hello`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"smoke":"electron"}',
    });
    expect(sent.status).toBe(200);

    const row = window.locator('.grid-row[data-id]').first();
    await row.waitFor(WAIT);
    await row.click();
    await window.locator('.detail [data-testid="json-tree"]').waitFor(WAIT);
    expect(await window.locator('.detail').textContent()).toContain('electron');

    await app.close();
    const db = new Database(join(data.path, 'hookscope.db'), { readonly: true });
    try {
      const stored = db.prepare("SELECT path, body FROM captures WHERE path = '/smoke/hello'").get() as
        { path: string; body: Buffer } | undefined;
      expect(stored?.body.toString()).toBe('{"smoke":"electron"}');
    } finally {
      db.close();
    }
  });
});
