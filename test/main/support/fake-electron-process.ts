import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../src/preload/channels';
import { createFakeElectron } from './fake-electron';

/**
 * The fake electron module of a child process running the built main bundle.
 * The test drives it over the child's IPC channel: it reports the window it
 * was asked to open, and plays the window's IPC calls and page requests.
 */
const fake = createFakeElectron({ userData: process.env.HOOKSCOPE_TEST_USER_DATA!, appPath: process.env.HOOKSCOPE_TEST_APP_PATH });
const send = (message: object) => process.send?.(message);

fake.app.on('web-contents-created', (_event: unknown, contents: { id: number }) => {
  setImmediate(() => {
    const win = fake.BrowserWindow.instances.find((w) => w.webContents.id === contents.id);
    if (!win) return;
    const original = win.webContents.send.bind(win.webContents);
    win.webContents.send = (channel: string, ...args: unknown[]) => {
      original(channel, ...args);
      if (channel === EVENT_CHANNEL) send({ type: 'event', text: args[0] });
    };
  });
});

const loadURL = fake.BrowserWindow.prototype.loadURL;
fake.BrowserWindow.prototype.loadURL = function (this: InstanceType<typeof fake.BrowserWindow>, url: string) {
  send({ type: 'window', url, webPreferences: this.options.webPreferences });
  return loadURL.call(this, url);
};

process.on('message', async (message: { op: string; id: number; method?: string; args?: unknown; url?: string }) => {
  try {
    if (message.op === 'call') {
      const win = fake.BrowserWindow.instances[0];
      const text = await fake.ipcMain.invoke(CALL_CHANNEL, { sender: win.webContents, senderFrame: win.webContents.mainFrame }, message.method, message.args);
      send({ type: 'reply', id: message.id, text });
    } else if (message.op === 'page') {
      const res = await fake.protocol.handler('hookscope')(new Request(message.url!));
      send({ type: 'reply', id: message.id, status: res.status, csp: res.headers.get('content-security-policy'), body: await res.text() });
    } else if (message.op === 'quit') {
      fake.app.quit();
      const timer = setInterval(() => {
        if (!fake.app.quitted) return;
        clearInterval(timer);
        send({ type: 'reply', id: message.id, quitted: true });
        process.exit(0);
      }, 10);
    }
  } catch (error) {
    send({ type: 'reply', id: message.id, error: (error as Error).message });
  }
});

export const { app, BrowserWindow, ipcMain, protocol, session, shell, Menu, Notification, dialog, safeStorage } = fake;
