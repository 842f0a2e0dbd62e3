import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../src/shared/api';
import { tempDir } from '../helpers/temp-dir';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// Inside the checkout (under the git-ignored out/), so the bundle finds node_modules as it does in `npm start`.
const outDir = join(root, 'out', `test-build-${process.pid}`);

beforeAll(() => {
  const build = spawnSync(
    process.execPath,
    [
      join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'),
      'build',
      '--outDir',
      outDir,
      '--logLevel',
      'error',
    ],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`electron-vite build failed: ${build.stderr}`);
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the electron-vite build (electron.vite.config.ts)', () => {
  it('bundles the preload into one CommonJS file that needs nothing but electron, as the sandbox demands', () => {
    const file = join(outDir, 'preload', 'index.cjs');
    const code = readFileSync(file, 'utf8');
    const exposed = new Map<string, Record<string, unknown>>();
    const asked: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (name: string, value: Record<string, unknown>) => exposed.set(name, value) },
      ipcRenderer: {
        invoke: async () => '{"ok":true,"result":1}',
        send: (channel: string) => asked.push(`send ${channel}`),
        on: () => undefined,
      },
    };
    const sandboxRequire = (name: string) => {
      asked.push(name);
      if (name === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console }, { filename: file });
    // It asks the main process for its port to the core, and needs nothing else.
    expect(asked).toEqual(['electron', 'send hookscope:core-port-request']);
    expect(Object.keys(exposed.get('hookscope')!).sort()).toEqual([...API_METHODS].sort());
    expect(typeof exposed.get('hookscopeEvents')!.subscribe).toBe('function');
    expect(typeof exposed.get('hookscopeCore')!.restart).toBe('function');
  });

  it('needs no build tool at run time: the main and core bundles import only runtime dependencies and Node/Electron', () => {
    const code = ['index.js', 'core-process.js', 'read-worker.mjs']
      .map((f) => readFileSync(join(outDir, 'main', f), 'utf8'))
      .join('\n');
    const imported = new Set(
      [...code.matchAll(/(?:from\s+|import\(\s*|require\(\s*)["']([^"'.][^"']*)["']/g)].map((m) => m[1]),
    );
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const allowed = new Set([
      ...Object.keys(pkg.dependencies),
      ...Object.keys(pkg.optionalDependencies ?? {}),
      'electron',
    ]);
    const outside = [...imported].filter(
      (name) =>
        !name.startsWith('node:') &&
        !allowed.has(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]),
    );
    expect(outside).toEqual([]);
    for (const tool of ['tsx', 'esbuild', 'vite']) expect(imported.has(tool)).toBe(false);
  });

  it("puts the core process's bundle, the WAL checkpointer and the read thread next to the main bundle, and builds the renderer", () => {
    expect(existsSync(join(outDir, 'main', 'core-process.js'))).toBe(true);
    expect(existsSync(join(outDir, 'main', 'checkpoint-worker.mjs'))).toBe(true);
    expect(existsSync(join(outDir, 'main', 'read-worker.mjs'))).toBe(true);
    expect(readFileSync(join(outDir, 'renderer', 'index.html'), 'utf8')).toMatch(
      /<script type="module"[^>]*src="\.\/assets\//,
    );
  });

  it('runs the built main process (under Node, with a fake electron) and its core process: window, page, port, events, capture, quit', async () => {
    const data = tempDir();
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './test/main/support/electron-hook.mjs', join(outDir, 'main', 'index.js')],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: {
          ...process.env,
          HOOKSCOPE_TEST_USER_DATA: data.path,
          HOOKSCOPE_TEST_APP_PATH: root,
          HOOKSCOPE_CAPTURE_PORT: '0',
          HOOKSCOPE_DATA: '',
        },
      },
    );
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const messages: Record<string, unknown>[] = [];
    child.on('message', (m) => messages.push(m as Record<string, unknown>));
    const waitFor = async (test: (m: Record<string, unknown>) => boolean) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const found = messages.find(test);
        if (found) return found;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no such message; got ${JSON.stringify(messages)}; stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    let nextId = 1;
    const ask = async (message: object) => {
      const id = nextId++;
      child.send({ ...message, id });
      return waitFor((m) => m.type === 'reply' && m.id === id);
    };
    try {
      const window = await waitFor((m) => m.type === 'window');
      expect(window.url).toBe('hookscope://app/index.html');
      expect(window.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: join(outDir, 'preload', 'index.cjs'),
      });

      const page = await ask({ op: 'page', url: 'hookscope://app/index.html' });
      expect(page.status).toBe(200);
      expect(page.body).toBe(readFileSync(join(outDir, 'renderer', 'index.html'), 'utf8'));
      expect(page.csp).toContain("default-src 'none'");

      const info = JSON.parse((await ask({ op: 'call', method: 'app.info', args: {} })).text as string);
      expect(info).toMatchObject({ ok: true, result: { dataDir: data.path } });
      const captureUrl = info.result.captureUrl as string;
      const res = await fetch(`${captureUrl}default/from-the-bundle`, { method: 'POST', body: 'hi' });
      expect(res.status).toBe(200);
      const event = await waitFor((m) => m.type === 'event' && String(m.text).includes('captures.added'));
      expect(JSON.parse(event.text as string).payload[0]).toMatchObject({ path: '/default/from-the-bundle' });
      // The list, read by the core's read thread (read-worker.mjs beside the bundle) once it has started.
      const list = JSON.parse((await ask({ op: 'call', method: 'captures.list', args: {} })).text as string);
      expect(list).toMatchObject({ ok: true, result: [{ path: '/default/from-the-bundle' }] });

      expect(await ask({ op: 'quit' })).toMatchObject({ quitted: true });
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      expect(child.exitCode).toBe(0);
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGKILL');
      data.remove();
    }
  }, 60_000);
});
