import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';

const root = resolve(import.meta.dirname, '../..');

describe('npm start where Electron cannot be downloaded', () => {
  it("tries Electron's installer once, says in one sentence that it failed, and serves the app in the browser", async () => {
    const data = tempDir();
    const cache = tempDir('hookscope-electron-cache-');
    // The installer is pointed at a closed loopback port (no internet here, and none needed), with an empty cache;
    // an empty PATH means no browser opener is found, so no browser window pops up during tests.
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--ui-port', '0'], {
      cwd: root,
      env: {
        ...process.env,
        PATH: '',
        HOOKSCOPE_DATA: data.path,
        ELECTRON_MIRROR: 'http://127.0.0.1:1/',
        electron_config_cache: cache.path,
        HOOKSCOPE_BROWSER: '',
      },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 90_000;
      while (!/UI and control API: (\S+)/.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no UI URL printed:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const lines = out.split('\n');
      const said = lines.filter((l) => /Electron's binary could not be downloaded/.test(l));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(
        /^Electron's binary could not be downloaded \(.+\), so Hookscope starts in your browser instead\.$/,
      );
      const uiUrl = /UI and control API: (\S+)/.exec(out)![1];
      expect(uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
      const page = await fetch(uiUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html|<!doctype/i);

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toMatch(/stopped; every acknowledged request is stored/);
    } finally {
      child.kill('SIGKILL');
      data.remove();
      cache.remove();
    }
  }, 120_000);
});
