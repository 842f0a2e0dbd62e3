import { EventEmitter } from 'node:events';
import type { ElectronApi } from '../../../src/main/bootstrap';
import { FakeMessageChannelMain } from './fake-ports';
import { createFakeUtilityProcess } from './fake-utility-process';

/**
 * A stand-in for the electron module, enough of it for the shell: it records
 * what the shell asks of Electron (window options, handlers, menus,
 * notifications) and lets a test play Electron's part (IPC from a given
 * frame, navigation attempts, quitting). Only the Electron binary is faked:
 * the core, its SQLite file and its capture server are real.
 */

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

let nextContentsId = 1;

export interface FakeNavigationEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('about:blank');
  readonly sent: [string, ...unknown[]][] = [];
  windowOpenHandler?: (details: { url: string }) => { action: string };
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Ports handed to the page with webContents.postMessage, newest last. */
  readonly ports: { channel: string; ports: unknown[] }[] = [];
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
    this.emit('sent', channel, ...args);
  }
  postMessage(channel: string, _message: unknown, transfer: unknown[] = []): void {
    this.ports.push({ channel, ports: transfer });
    this.emit('port', channel, transfer);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Plays a page asking for `name` (will-navigate, will-redirect...); true when the shell prevented it. */
  attempt(name: string, url: string): boolean {
    const event: FakeNavigationEvent = {
      url,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit(name, event, url);
    return event.defaultPrevented;
  }
}

export function createFakeElectron(options: {
  userData: string;
  lock?: boolean;
  appPath?: string;
  encryption?: boolean;
}) {
  const calls: string[] = [];

  class FakeApp extends EventEmitter {
    name = 'Hookscope';
    isPackaged = false;
    quitCount = 0;
    quitted = false;
    exitCode: number | null = null;
    private readyResolve!: () => void;
    private readonly ready = new Promise<void>((r) => (this.readyResolve = r));

    requestSingleInstanceLock(): boolean {
      calls.push('requestSingleInstanceLock');
      return options.lock ?? true;
    }
    whenReady(): Promise<void> {
      calls.push('whenReady');
      setImmediate(() => this.readyResolve());
      return this.ready;
    }
    getPath(name: string): string {
      if (name !== 'userData') throw new Error(`the fake knows only userData, not ${name}`);
      return options.userData;
    }
    getAppPath(): string {
      return options.appPath ?? process.cwd();
    }
    /** Like Electron: 'before-quit' first; quits unless a listener prevents it. */
    quit(): void {
      this.quitCount++;
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      this.emit('before-quit', event);
      if (!event.defaultPrevented) this.quitted = true;
    }
    exit(code = 0): void {
      this.exitCode = code;
      this.quitted = true;
    }
  }
  const app = new FakeApp();

  class FakeBrowserWindow extends EventEmitter {
    static instances: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    focused = false;
    minimized = false;
    visible = false;
    destroyed = false;

    constructor(public readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.instances.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      setImmediate(() => this.emit('ready-to-show'));
      return Promise.resolve();
    }
    isDestroyed = () => this.destroyed;
    isMinimized = () => this.minimized;
    isFocused = () => this.focused;
    restore = () => void (this.minimized = false);
    show = () => void (this.visible = true);
    focus = () => void (this.focused = true);
    close(): void {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }

  type Handler = (event: unknown, ...args: unknown[]) => unknown;
  const ipcHandlers = new Map<string, Handler>();
  const ipcListeners = new EventEmitter();
  const ipcMain = {
    on(channel: string, listener: Handler) {
      ipcListeners.on(channel, listener);
    },
    removeListener(channel: string, listener: Handler) {
      ipcListeners.removeListener(channel, listener);
    },
    /** Plays a renderer's ipcRenderer.send arriving from `sender`/`senderFrame`. */
    send(channel: string, from: { sender: unknown; senderFrame: FakeFrame | null }, ...args: unknown[]) {
      ipcListeners.emit(channel, from, ...args);
    },
    handle(channel: string, handler: Handler) {
      if (ipcHandlers.has(channel)) throw new Error(`a second handler for ${channel}`);
      ipcHandlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      ipcHandlers.delete(channel);
    },
    /** Plays a renderer's ipcRenderer.invoke arriving from `sender`/`senderFrame`. */
    invoke(
      channel: string,
      from: { sender: { id: number }; senderFrame: FakeFrame | null },
      ...args: unknown[]
    ): Promise<unknown> {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return Promise.resolve(handler(from, ...args));
    },
  };

  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
    registerSchemesAsPrivileged(list: { scheme: string; privileges: Record<string, boolean> }[]) {
      calls.push('registerSchemesAsPrivileged');
      protocol.privileged.push(...list);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      protocolHandlers.set(scheme, handler);
    },
    handler(scheme: string) {
      const handler = protocolHandlers.get(scheme);
      if (!handler) throw new Error(`no handler for ${scheme}:`);
      return handler;
    },
  };

  type PermissionRequest = (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl: string },
  ) => void;
  type Check = (...args: unknown[]) => boolean;
  type BeforeRequest = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
  const handlers: {
    permissionRequest?: PermissionRequest;
    permissionCheck?: Check;
    devicePermission?: Check;
    beforeRequest?: BeforeRequest;
  } = {};
  const defaultSession = {
    get permissionRequest() {
      return handlers.permissionRequest;
    },
    get permissionCheck() {
      return handlers.permissionCheck;
    },
    get devicePermission() {
      return handlers.devicePermission;
    },
    get beforeRequest() {
      return handlers.beforeRequest;
    },
    setPermissionRequestHandler(handler: PermissionRequest) {
      handlers.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: Check) {
      handlers.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler: Check) {
      handlers.devicePermission = handler;
    },
    webRequest: {
      onBeforeRequest(handler: BeforeRequest) {
        handlers.beforeRequest = handler;
      },
    },
  };

  const shell = {
    external: [] as string[],
    paths: [] as string[],
    openExternal(url: string) {
      shell.external.push(url);
      return Promise.resolve();
    },
    openPath(path: string) {
      shell.paths.push(path);
      return Promise.resolve('');
    },
  };

  interface MenuItem {
    id?: string;
    label?: string;
    role?: string;
    type?: string;
    checked?: boolean;
    click?: (item: { checked: boolean }) => void;
    submenu?: MenuItem[];
  }
  type Template = MenuItem[];
  const Menu = {
    current: null as null | { template: Template },
    buildFromTemplate(template: Template) {
      return { template };
    },
    setApplicationMenu(menu: { template: Template }) {
      Menu.current = menu;
    },
    /** The item with this id anywhere in the current menu. */
    item(id: string) {
      const walk = (items: Template): MenuItem | undefined => {
        for (const item of items) {
          if (item.id === id) return item;
          const inner = item.submenu && walk(item.submenu);
          if (inner) return inner;
        }
        return undefined;
      };
      return Menu.current && walk(Menu.current.template);
    },
  };

  class FakeNotification extends EventEmitter {
    static shown: { title: string; body: string }[] = [];
    static isSupported = () => true;
    constructor(private readonly content: { title: string; body: string }) {
      super();
    }
    show(): void {
      FakeNotification.shown.push(this.content);
    }
  }

  const dialog = {
    errors: [] as { title: string; content: string }[],
    showErrorBox(title: string, content: string) {
      dialog.errors.push({ title, content });
    },
  };

  const utility = createFakeUtilityProcess();
  /** OS encryption as safeStorage offers it: a keyed scramble here, never the plain text, and only this fake opens it. */
  const key = Buffer.from('fake-os-keychain-key');
  const scramble = (bytes: Buffer) => Buffer.from(bytes.map((b, i) => b ^ key[i % key.length] ^ 0xa5));
  const safeStorage = {
    available: options.encryption ?? true,
    sealed: 0,
    isEncryptionAvailable: () => safeStorage.available,
    getSelectedStorageBackend: () => 'gnome_libsecret' as const,
    encryptString(plain: string): Buffer {
      if (!safeStorage.available) throw new Error('Encryption is not available.');
      safeStorage.sealed++;
      return Buffer.concat([Buffer.from('v10'), scramble(Buffer.from(plain, 'utf8'))]);
    },
    decryptString(sealed: Buffer): string {
      if (sealed.subarray(0, 3).toString() !== 'v10')
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return scramble(sealed.subarray(3)).toString('utf8');
    },
  };

  const fake = {
    utilityProcess: utility,
    MessageChannelMain: FakeMessageChannelMain,
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    protocol,
    session: { defaultSession },
    shell,
    Menu,
    Notification: FakeNotification,
    dialog,
    safeStorage,
  };
  return {
    ...fake,
    calls,
    /** The fake as the shell's parameter type: only the members the shell uses exist. */
    api: fake as unknown as ElectronApi,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
