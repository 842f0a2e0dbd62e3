import type * as Electron from 'electron';
import { callApi, createApiHandlers } from '../core/api';
import { createApp, type App } from '../core/app';
import { systemClock, type Clock } from '../core/clock';
import { VERSION } from '../core/version';
import type { CaptureSummary } from '../shared/capture-types';
import { toErrorPayload } from '../shared/errors';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appUrl, createAppProtocolHandler } from './app-protocol';
import { forwardEvents, registerApiIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { hardenWebContents } from './navigation';
import { createCaptureNotifier } from './notifications';
import { isTrustedSender } from './sender-check';
import { applySessionPolicy } from './session-policy';
import { loadSettings, saveSettings, settingsFile, type DesktopSettings } from './settings';
import { windowOptions } from './window-options';
import { safeStorageSealer } from './secret-sealer';

/** The parts of the electron module the shell uses (tests pass a fake). */
export type ElectronApi = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'shell' | 'Menu' | 'Notification' | 'dialog' | 'safeStorage'
>;

export interface DesktopOptions {
  /** The built renderer (out/renderer). */
  rendererRoot: string;
  /** The bundled preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Default: HOOKSCOPE_DATA, else app.getPath('userData') (the folder the CLI uses too). */
  dataDir?: string;
  /** Capture server port (default 8787; any free port when that one is taken). */
  capturePort?: number;
  nativeBinding?: string;
  clock?: Clock;
  log?: (message: string) => void;
}

export interface Desktop {
  core: App;
  captureUrl: string;
  window(): Electron.BrowserWindow | undefined;
  settings(): DesktopSettings;
}

/**
 * The Electron shell: one secure window over the core, which runs here in the
 * main process. Returns null when another instance already runs (it is focused
 * instead) or when the core cannot start (the user is told why).
 */
export async function startDesktop(electron: ElectronApi, options: DesktopOptions): Promise<Desktop | null> {
  const { app, BrowserWindow, ipcMain, protocol, session, shell, Menu, Notification, dialog, safeStorage } = electron;
  const log = options.log ?? ((message: string) => process.stderr.write(`hookscope: ${message}\n`));
  // Both before 'ready': the scheme's privileges, and the one-instance lock.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  let window: Electron.BrowserWindow | undefined;
  const focusWindow = () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url) }));

  await app.whenReady();
  applySessionPolicy(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options.rendererRoot));

  const dataDir = options.dataDir ?? (process.env.HOOKSCOPE_DATA || app.getPath('userData'));
  let core: App;
  let captureUrl: string;
  try {
    // Signing secrets sealed by the OS keychain where it offers one (safeStorage needs 'ready'); plain ones sealed now.
    const secretSealer = safeStorageSealer(safeStorage);
    if (!secretSealer) log('OS encryption (safeStorage) is not available: signing secrets stay unencrypted in the owner-only database');
    core = createApp({ dataDir, nativeBinding: options.nativeBinding, clock: options.clock, secretSealer, onError: (error) => log((error as Error).message) });
    const port = options.capturePort ?? 8787;
    const address = await core.startCapture(port, '127.0.0.1').catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' || port === 0) throw error;
      log(`port ${port} is taken; capturing on another one`);
      return core.startCapture(0, '127.0.0.1');
    });
    captureUrl = `http://127.0.0.1:${address.port}/`;
    core.startBackground();
    core.sender();
  } catch (error) {
    dialog.showErrorBox('Hookscope cannot start', `${toErrorPayload(error).message}\n\nData folder: ${dataDir}`);
    app.exit(1);
    return null;
  }

  const handlers = createApiHandlers(core, { version: VERSION, captureUrl: () => captureUrl });
  registerApiIpc(ipcMain, {
    call: (method, args) => callApi(handlers, method, args),
    isTrusted: (event) => isTrustedSender(event, window && !window.isDestroyed() ? window.webContents.id : undefined),
    onRefused: (event, method) => log(`refused IPC call ${String(method)} from ${event.senderFrame?.url ?? 'a frame that is gone'}`),
  });
  forwardEvents(core.events, () => (window && !window.isDestroyed() ? window.webContents : undefined));

  const settingsPath = settingsFile(dataDir);
  let settings = loadSettings(settingsPath);
  const notifier = createCaptureNotifier({
    clock: options.clock ?? systemClock,
    enabled: () => settings.notifications && Notification.isSupported(),
    wanted: () => !window || window.isDestroyed() || !window.isFocused(),
    show: ({ title, body }) => {
      const note = new Notification({ title, body });
      note.on('click', focusWindow);
      note.show();
    },
  });
  core.events.subscribe((event, payload) => {
    if (event === 'captures.added') notifier.captures(payload as CaptureSummary[]);
  });

  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate(
          { platform: process.platform, appName: app.name, isPackaged: app.isPackaged, notifications: settings.notifications },
          {
            setNotifications: (enabled) => {
              settings = { ...settings, notifications: enabled };
              saveSettings(settingsPath, settings);
              setMenu();
            },
            openDataFolder: () => void shell.openPath(dataDir),
          },
        ),
      ),
    );
  setMenu();

  const createWindow = () => {
    const win = new BrowserWindow(windowOptions(options.preloadPath));
    window = win;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (window === win) window = undefined;
    });
    win.loadURL(appUrl()).catch((error: Error) => log(`the window could not load: ${error.message}`));
  };
  createWindow();
  app.on('activate', () => (window ? focusWindow() : createWindow()));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit waits for the core: the capture writer flushes and the database closes cleanly.
  let closed = false;
  let closing: Promise<void> | undefined;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closing ??= core
      .close()
      .catch((error: Error) => log(`closing: ${error.message}`))
      .finally(() => {
        closed = true;
        notifier.dispose();
        app.quit();
      });
  });

  return { core, captureUrl, window: () => window, settings: () => settings };
}
