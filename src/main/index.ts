import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toErrorPayload } from '../shared/errors';
import { createApp } from '../core/app';
import { callApi, createApiHandlers } from '../core/api';
import { VERSION } from '../core/version';
import { windowOptions } from './window-options';

// Electron main, kept thin: the core does the work; this file wires it to one
// secure window. better-sqlite3 is loaded from the Electron-ABI build made by
// scripts/electron-native.mjs, so node_modules keeps the Node build for tests.
const nativeBinding = join(app.getAppPath(), '.electron-native', 'better_sqlite3.node');
const rendererFile = join(import.meta.dirname, '../renderer/index.html');

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(async () => {
  const core = createApp({ dataDir: app.getPath('userData'), nativeBinding: existsSync(nativeBinding) ? nativeBinding : undefined });
  const capture = await core.startCapture(8787, '127.0.0.1').catch(() => core.startCapture(0, '127.0.0.1'));
  core.startBackground();
  const handlers = createApiHandlers(core, { version: VERSION, captureUrl: () => `http://127.0.0.1:${capture.port}/` });

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, done) => done(false));
  ipcMain.handle('hookscope:call', async (event, method: unknown, args: unknown) => {
    if (!event.senderFrame || !event.senderFrame.url.startsWith('file://')) {
      return { ok: false, error: { code: 'FORBIDDEN_ORIGIN', message: 'IPC from a foreign frame' } };
    }
    try {
      return { ok: true, result: await callApi(handlers, String(method), args) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  });

  const win = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.js')));
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  await win.loadFile(rendererFile);

  app.on('before-quit', () => void core.close());
});

app.on('window-all-closed', () => app.quit());
