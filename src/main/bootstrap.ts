import type * as Electron from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../core/clock';
import { VERSION } from '../core/version';
import type { CaptureSummary } from '../shared/capture-types';
import type { CoreStatus } from '../shared/core-port';
import { toErrorPayload } from '../shared/errors';
import { TUNNEL_TOKEN_NAMES } from '../shared/tunnel-types';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appUrl, createAppProtocolHandler } from './app-protocol';
import { createCoreHost, type CoreHost, type CoreHostOptions } from './core-host';
import { registerCoreIpc, sendCoreStatus } from './ipc';
import { buildMenuTemplate } from './menu';
import { hardenWebContents } from './navigation';
import { createCaptureNotifier } from './notifications';
import { isTrustedSender } from './sender-check';
import { applySessionPolicy } from './session-policy';
import { loadSettings, saveSettings, settingsFile, type DesktopSettings } from './settings';
import { createOsVault, type OsEncryption } from './token-vault';
import { windowOptions } from './window-options';
import { osProtectedSecretKey, type SafeStorageApi } from './secret-key';

/** The parts of the electron module the shell uses (tests pass a fake). */
export type ElectronApi = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'protocol'
  | 'session'
  | 'shell'
  | 'Menu'
  | 'Notification'
  | 'dialog'
  | 'MessageChannelMain'
> & {
  /** Electron's utilityProcess (tests pass one that forks a real Node child). */
  utilityProcess: CoreHostOptions['utilityProcess'];
  /** The OS keychain (absent in tests, or where the OS offers none: nothing is encrypted). */
  safeStorage?: OsEncryption & SafeStorageApi;
};

export interface DesktopOptions {
  /** The built renderer (out/renderer). */
  rendererRoot: string;
  /** The bundled preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Default: HOOKSCOPE_DATA, else app.getPath('userData') (the folder the CLI uses too). */
  dataDir?: string;
  /** Capture server port (default 8787; any free port when that one is taken). */
  capturePort?: number;
  /** The core process's bundle (out/main/core-process.js). */
  coreEntry: string;
  nativeBinding?: string;
  /** The notifier's clock. */
  clock?: Clock;
  log?: (message: string) => void;
}

export interface Desktop {
  /** The core's utility process. */
  host: CoreHost;
  /** The capture server's URL (it can change when a crashed core is restarted). */
  captureUrl(): string;
  window(): Electron.BrowserWindow | undefined;
  settings(): DesktopSettings;
}

/**
 * The Electron shell: one secure window over the core, which runs here in the
 * main process. Returns null when another instance already runs (it is focused
 * instead) or when the core cannot start (the user is told why).
 */
export async function startDesktop(electron: ElectronApi, options: DesktopOptions): Promise<Desktop | null> {
  const { app, BrowserWindow, ipcMain, protocol, session, shell, Menu, Notification, dialog } = electron;
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
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url) }),
  );

  await app.whenReady();
  applySessionPolicy(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options.rendererRoot));

  const dataDir = options.dataDir ?? (process.env.HOOKSCOPE_DATA || app.getPath('userData'));
  const vault = createOsVault(join(dataDir, 'tunnel-tokens.bin'), electron.safeStorage, log);
  // Signing secrets are sealed in the core's process with a key the OS keychain protects (safeStorage needs 'ready').
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secretKey = osProtectedSecretKey(join(dataDir, 'secrets.key'), electron.safeStorage, log);
  const sendStatus = (status: CoreStatus) =>
    sendCoreStatus(window && !window.isDestroyed() ? window.webContents : undefined, status);
  // The core (capture server, database, sender, tunnel) runs in a utility process; this process keeps the window.
  const host = createCoreHost({
    utilityProcess: electron.utilityProcess,
    MessageChannelMain: electron.MessageChannelMain,
    entry: options.coreEntry,
    startOptions: () => ({
      dataDir,
      capturePort: options.capturePort ?? 8787,
      nativeBinding: options.nativeBinding,
      version: VERSION,
      secretKey: secretKey?.toString('base64'),
      tokens: Object.fromEntries(
        TUNNEL_TOKEN_NAMES.flatMap((name) => (vault.get(name) ? [[name, vault.get(name)!]] : [])),
      ),
    }),
    onEvent: (event, payload) => {
      if (event === 'captures.added') notifier.captures(payload as CaptureSummary[]);
    },
    onVaultSet: (name, value) => vault.set(name, value),
    onStatus: sendStatus,
    log,
  });
  let captureUrl: string;
  try {
    const ready = await host.start();
    if (ready.takenPort) log(`port ${ready.takenPort} is taken; capturing on another one`);
    captureUrl = ready.captureUrl;
  } catch (error) {
    dialog.showErrorBox('Hookscope cannot start', `${toErrorPayload(error).message}\n\nData folder: ${dataDir}`);
    app.exit(1);
    return null;
  }

  registerCoreIpc(ipcMain, {
    isTrusted: (event) => isTrustedSender(event, window && !window.isDestroyed() ? window.webContents.id : undefined),
    connect: (target) => host.connect(target),
    restart: async () => {
      const ready = await host.restart();
      captureUrl = ready.captureUrl;
      return { captureUrl };
    },
    onRefused: (event, what) => log(`refused ${what} to ${event.senderFrame?.url ?? 'a frame that is gone'}`),
  });

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

  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate(
          {
            platform: process.platform,
            appName: app.name,
            isPackaged: app.isPackaged,
            notifications: settings.notifications,
          },
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
    closing ??= host
      .stop()
      .catch((error: Error) => log(`closing: ${error.message}`))
      .finally(() => {
        closed = true;
        notifier.dispose();
        app.quit();
      });
  });

  return { host, captureUrl: () => captureUrl, window: () => window, settings: () => settings };
}
