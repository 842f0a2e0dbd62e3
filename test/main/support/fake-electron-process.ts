import { createFakeElectron } from './fake-electron';
import { connectPage } from './fake-page';

/**
 * The fake electron module of a child process running the built main bundle.
 * The test drives it over the child's IPC channel: it reports the window it
 * was asked to open, and plays the window's page: its API calls over the
 * port to the core process (forked for real), and its page requests.
 */
const fake = createFakeElectron({
  userData: process.env.HOOKSCOPE_TEST_USER_DATA!,
  appPath: process.env.HOOKSCOPE_TEST_APP_PATH,
});
const send = (message: object) => process.send?.(message);

/** The window's page, as the preload connects it: made at the first call, once the window exists. */
let page: ReturnType<typeof connectPage> | undefined;
const thePage = () => {
  if (page) return page;
  const win = fake.BrowserWindow.instances[0];
  page = connectPage(fake, win.webContents);
  page.connection.onEvent((message) => send({ type: 'event', text: JSON.stringify(message) }));
  return page;
};

const loadURL = fake.BrowserWindow.prototype.loadURL;
fake.BrowserWindow.prototype.loadURL = function (this: InstanceType<typeof fake.BrowserWindow>, url: string) {
  send({ type: 'window', url, webPreferences: this.options.webPreferences });
  return loadURL.call(this, url);
};

process.on('message', async (message: { op: string; id: number; method?: string; args?: unknown; url?: string }) => {
  try {
    if (message.op === 'call') {
      const reply = await thePage().connection.call(message.method!, message.args);
      send({ type: 'reply', id: message.id, text: JSON.stringify(reply) });
    } else if (message.op === 'page') {
      const res = await fake.protocol.handler('hookscope')(new Request(message.url!));
      send({
        type: 'reply',
        id: message.id,
        status: res.status,
        csp: res.headers.get('content-security-policy'),
        body: await res.text(),
      });
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

export const {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  shell,
  Menu,
  Notification,
  dialog,
  utilityProcess,
  MessageChannelMain,
  safeStorage,
} = fake;
