import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startDesktop, type Desktop } from '../../src/main/bootstrap';
import { CORE_PORT_REQUEST_CHANNEL } from '../../src/preload/channels';
import { tempDir } from '../helpers/temp-dir';
import { createFakeElectron, FakeFrame, FakeWebContents, type FakeElectron } from './support/fake-electron';
import { connectPage } from './support/fake-page';
import { waitFor } from '../helpers/wait';

/** The core's utility process runs this (from source, through tsx, in a real child process). */
const CORE_ENTRY = join(import.meta.dirname, '../../src/main/core-process/entry.ts');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function rendererDir(): string {
  const dir = tempDir('hookscope-renderer-');
  cleanups.push(() => dir.remove());
  mkdirSync(join(dir.path, 'assets'));
  writeFileSync(join(dir.path, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(dir.path, 'assets', 'app.js'), 'console.log("app")');
  return dir.path;
}

async function start(
  options: { dataDir?: string; lock?: boolean } = {},
): Promise<{ fake: FakeElectron; desktop: Desktop | null; dataDir: string }> {
  let dataDir = options.dataDir;
  if (!dataDir) {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    dataDir = dir.path;
  }
  const fake = createFakeElectron({ userData: dataDir, lock: options.lock });
  const desktop = await startDesktop(fake.api, {
    rendererRoot: rendererDir(),
    preloadPath: '/app/out/preload/index.cjs',
    coreEntry: CORE_ENTRY,
    dataDir,
    capturePort: 0,
    log: () => undefined,
  });
  if (desktop) cleanups.push(() => desktop.host.stop());
  return { fake, desktop, dataDir };
}

function theWindow(fake: FakeElectron) {
  expect(fake.BrowserWindow.instances).toHaveLength(1);
  return fake.BrowserWindow.instances[0];
}

/** The rows of one capture path in the data folder's database, read after the core closed it. */
function storedBodies(dataDir: string, path: string): string[] {
  const db = new Database(join(dataDir, 'hookscope.db'), { readonly: true });
  try {
    return (db.prepare('SELECT body FROM captures WHERE path = ? ORDER BY id').all(path) as { body: Buffer }[]).map(
      (r) => r.body.toString(),
    );
  } finally {
    db.close();
  }
}

describe('the Electron shell against a fake electron module (real core, real SQLite, real capture server)', () => {
  it('opens one isolated, sandboxed window without Node, loading the app from its own scheme', async () => {
    const { fake, desktop } = await start();
    const win = theWindow(fake);
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(win.options.show).toBe(false);
    expect(win.loadedUrl).toBe('hookscope://app/index.html');
    await waitFor('the window shown', () => win.visible);
    // The scheme's privileges and the instance lock come before 'ready', as Electron requires.
    expect(fake.calls.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'requestSingleInstanceLock', 'whenReady']);
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'hookscope', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(desktop!.captureUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // The core runs in its own process, not in this one.
    expect(desktop!.host.status()).toEqual({ state: 'running' });
    expect(desktop!.host.pid()).not.toBe(process.pid);
  });

  it('serves the renderer with a strict CSP, and nothing outside its folder or its origin', async () => {
    const { fake } = await start();
    const handler = fake.protocol.handler('hookscope');
    const page = await handler(new Request('hookscope://app/index.html'));
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const script = await handler(new Request('hookscope://app/assets/app.js'));
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toBe('console.log("app")');
    // A client-side route gets the app; a missing asset, another host or a way out of the folder gets nothing.
    expect(await (await handler(new Request('hookscope://app/captures/12'))).text()).toContain('<!doctype html>');
    expect((await handler(new Request('hookscope://app/assets/missing.js'))).status).toBe(404);
    expect((await handler(new Request('hookscope://elsewhere/index.html'))).status).toBe(404);
    // The URL parser folds encoded dots itself: this is /etc/passwd inside the app folder, i.e. a client route.
    expect(await (await handler(new Request('hookscope://app/%2e%2e/%2e%2e/%2e%2e/etc/passwd'))).text()).not.toContain(
      'root:',
    );
    expect((await handler(new Request('hookscope://app/..%2f..%2f..%2fetc%2fpasswd'))).status).toBe(404);
  });

  it('gives the window a port to the core process, where its API calls run; any other sender gets no port', async () => {
    const { fake, desktop } = await start();
    const win = theWindow(fake);
    const page = connectPage(fake, win.webContents);
    expect(await page.call('app.info')).toMatchObject({ ok: true, result: { captureUrl: desktop!.captureUrl() } });
    expect(win.webContents.ports.map((p) => p.channel)).toEqual(['hookscope:core-port']);

    const foreignPage = { sender: win.webContents, senderFrame: new FakeFrame('https://evil.example/') };
    const fileFrame = { sender: win.webContents, senderFrame: new FakeFrame('file:///tmp/evil.html') };
    const subframe = {
      sender: win.webContents,
      senderFrame: new FakeFrame('hookscope://app/index.html', win.webContents.mainFrame),
    };
    const otherContents = new FakeWebContents();
    otherContents.mainFrame.url = 'hookscope://app/index.html';
    const otherWindow = { sender: otherContents, senderFrame: otherContents.mainFrame };
    const gone = { sender: win.webContents, senderFrame: null };
    for (const from of [foreignPage, fileFrame, subframe, otherWindow, gone])
      fake.ipcMain.send(CORE_PORT_REQUEST_CHANNEL, from);
    await new Promise((r) => setTimeout(r, 50));
    expect(win.webContents.ports).toHaveLength(1);
    expect(otherContents.ports).toHaveLength(0);
    const restart = JSON.parse((await fake.ipcMain.invoke('hookscope:core-restart', foreignPage)) as string);
    expect(restart).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(desktop!.host.status().state).toBe('running');

    // The core validates every call, as over HTTP.
    expect(await page.call('endpoints.create', { slug: 'mine' })).toMatchObject({ ok: true, result: { slug: 'mine' } });
    expect(await page.call('captures.get', { id: 'one' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await page.call('fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'METHOD_UNKNOWN' } });
    expect(await page.call(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('a crash of the core process is shown to the window with its cause, loses nothing acknowledged, and a restart brings it back', async () => {
    const { fake, desktop, dataDir } = await start();
    const win = theWindow(fake);
    const page = connectPage(fake, win.webContents);
    const acked: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${desktop!.captureUrl()}default/before-crash`, { method: 'POST', body: `body ${i}` });
      expect(res.status).toBe(200);
      acked.push(`body ${i}`);
    }
    const pid = desktop!.host.pid()!;
    process.kill(pid, 'SIGKILL');
    await waitFor('the window told of the crash', () => page.statuses.find((s) => s.state === 'crashed'));
    expect(page.statuses.at(-1)!.message).toMatch(/the core process exited .*every acknowledged capture is stored/);
    expect(desktop!.host.status().state).toBe('crashed');
    expect(await page.call('app.info')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(storedBodies(dataDir, '/default/before-crash')).toEqual(acked);

    const restarted = await page.connection.restart();
    expect(restarted).toMatchObject({
      ok: true,
      result: { captureUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/) },
    });
    expect(desktop!.host.pid()).not.toBe(pid);
    // The page reloads after a restart and asks for a port again.
    const again = connectPage(fake, win.webContents);
    const list = await again.call('captures.list', { limit: 100 });
    expect(list.ok).toBe(true);
    expect((list.result as unknown as { captures: unknown[] }).captures ?? list.result).toHaveLength(20);
  });

  it('denies navigation and new windows; only validated http(s) URLs reach the system browser', async () => {
    const { fake } = await start();
    const contents = theWindow(fake).webContents;
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://docs.example.com/webhooks' })).toEqual({ action: 'deny' });
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://user:secret@example.com/',
      'smb://server/share',
      'hookscope://app/index.html',
      'https://exa mple.com',
      'data:text/html,<b>x</b>',
    ]) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(contents.attempt('will-navigate', 'https://example.com/page')).toBe(true);
    expect(contents.attempt('will-navigate', 'hookscope://app/other.html')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-frame-navigate', 'https://example.com/frame')).toBe(true);
    expect(contents.attempt('will-redirect', 'https://example.com/elsewhere')).toBe(true);
    expect(contents.attempt('will-attach-webview', 'https://example.com/')).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(fake.shell.external).toEqual(['https://docs.example.com/webhooks', 'https://example.com/page']);

    // Any other webContents that appears (DevTools, say) gets the same rules.
    const other = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(other.attempt('will-navigate', 'https://example.com/')).toBe(true);
  });

  it('denies every permission request (but clipboard writes from the app itself) and every load from outside the app', async () => {
    const { fake } = await start();
    const session = fake.session.defaultSession;
    const request = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      session.permissionRequest!({}, permission, (g) => (granted = g), { requestingUrl });
      return granted;
    };
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'midi',
      'pointerLock',
    ]) {
      expect(request(permission, 'hookscope://app/index.html')).toBe(false);
    }
    expect(request('clipboard-sanitized-write', 'hookscope://app/index.html')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(session.permissionCheck!({}, 'media', 'hookscope://app')).toBe(false);
    expect(session.permissionCheck!({}, 'clipboard-read', 'hookscope://app')).toBe(false);
    expect(session.permissionCheck!({}, 'clipboard-sanitized-write', 'hookscope://app')).toBe(true);
    expect(session.permissionCheck!({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(session.devicePermission!({})).toBe(false);
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      session.beforeRequest!({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancelled('hookscope://app/assets/app.js')).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    for (const url of [
      'https://cdn.example.com/x.js',
      'http://127.0.0.1:8788/api/app.info',
      'ws://127.0.0.1:8788/api/events',
      'file:///etc/passwd',
      'hookscope://other/x',
    ]) {
      expect(cancelled(url)).toBe(true);
    }
  });

  it('sends core events to the window over its port as they happen', async () => {
    const { fake, desktop } = await start();
    const page = connectPage(fake, theWindow(fake).webContents);
    await page.call('app.info');
    const res = await fetch(`${desktop!.captureUrl()}default/hello`, { method: 'POST', body: '{"hello":"world"}' });
    const { id } = (await res.json()) as { id: number };
    const message = await waitFor('captures.added sent to the window', () =>
      page.events.find((m) => m.event === 'captures.added'),
    );
    expect(message.payload).toEqual([expect.objectContaining({ id, path: '/default/hello' })]);
  });

  it('notifies of new captures while the window is not in front; the menu switch turns it off, and that is remembered', async () => {
    const { fake, desktop, dataDir } = await start();
    const win = theWindow(fake);
    const page = connectPage(fake, win.webContents);
    await page.call('app.info');
    const told = (n: number) =>
      waitFor('the window told', () => page.events.filter((m) => m.event === 'captures.added').length >= n);
    win.focused = true;
    await fetch(`${desktop!.captureUrl()}default/seen`, { method: 'POST', body: 'a' });
    await told(1);
    expect(fake.Notification.shown).toEqual([]);

    win.focused = false;
    await fetch(`${desktop!.captureUrl()}stripe/invoice`, { method: 'POST', body: 'b' });
    await waitFor('a notification', () => fake.Notification.shown.length === 1);
    expect(fake.Notification.shown[0]).toEqual({ title: 'New webhook on default', body: 'POST /stripe/invoice' });

    const item = fake.Menu.item('notifications')!;
    expect(item).toMatchObject({ type: 'checkbox', checked: true });
    item.click!({ checked: false });
    expect(JSON.parse(readFileSync(join(dataDir, 'desktop-settings.json'), 'utf8'))).toEqual({ notifications: false });
    expect(fake.Menu.item('notifications')).toMatchObject({ checked: false });
    await fetch(`${desktop!.captureUrl()}default/quiet`, { method: 'POST', body: 'c' });
    await told(3);
    expect(fake.Notification.shown).toHaveLength(1);
    await desktop!.host.stop();

    const again = await start({ dataDir });
    expect(again.desktop!.settings()).toEqual({ notifications: false });
    expect(again.fake.Menu.item('notifications')).toMatchObject({ checked: false });
  });

  it('keeps one instance: a second one quits at once, and the first comes to the front', async () => {
    const { fake, dataDir } = await start();
    const win = theWindow(fake);
    win.minimized = true;
    win.focused = false;
    fake.app.emit('second-instance', {}, ['hookscope']);
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);

    const second = await start({ dataDir, lock: false });
    expect(second.desktop).toBeNull();
    expect(second.fake.app.quitCount).toBe(1);
    expect(second.fake.BrowserWindow.instances).toHaveLength(0);
    expect(second.fake.calls).not.toContain('whenReady');
  });

  it('quits only after the core has closed: every acknowledged capture is stored', async () => {
    const { fake, desktop, dataDir } = await start();
    await fetch(`${desktop!.captureUrl()}default/last`, { method: 'POST', body: 'kept' });
    fake.app.quit();
    expect(fake.app.quitted).toBe(false);
    await waitFor('the app quit', () => fake.app.quitted, { timeout: 15_000 });
    expect(desktop!.host.status().state).toBe('stopped');
    expect(fake.app.quitCount).toBe(2);
    expect(storedBodies(dataDir, '/default/last')).toEqual(['kept']);
  });

  it('tells the user why, instead of crashing, when the data folder holds something that is not its database', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    writeFileSync(
      join(dir.path, 'hookscope.db'),
      'this is not a SQLite database, and it must not be overwritten'.repeat(20),
    );
    const { fake, desktop } = await start({ dataDir: dir.path });
    expect(desktop).toBeNull();
    expect(fake.dialog.errors).toHaveLength(1);
    expect(fake.dialog.errors[0].title).toBe('Hookscope cannot start');
    expect(fake.dialog.errors[0].content).toContain(dir.path);
    expect(fake.app.exitCode).toBe(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });
});
