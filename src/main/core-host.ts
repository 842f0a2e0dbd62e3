import type { CoreStatus } from '../shared/core-port';
import { CORE_PORT_CHANNEL } from '../preload/channels';
import type { CoreStartOptions, FromCore, ToCore } from './core-process/protocol';

/** The part of Electron's MessagePortMain the host hands over (it never reads or writes one itself). */
export type PortMain = object;

/** The part of an Electron UtilityProcess the host uses. */
export interface UtilityChild {
  readonly pid?: number;
  postMessage(message: ToCore, transfer?: PortMain[]): void;
  on(event: 'message', listener: (message: FromCore) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface CoreHostOptions {
  utilityProcess: {
    fork(
      modulePath: string,
      args?: string[],
      options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' },
    ): UtilityChild;
  };
  MessageChannelMain: new () => { port1: PortMain; port2: PortMain };
  /** The core process's bundle (out/main/core-process.js). */
  entry: string;
  /** Asked at every start, so a restart hands over the credentials as they are now. */
  startOptions: () => CoreStartOptions;
  onEvent?: (event: string, payload: unknown) => void;
  onVaultSet?: (name: string, value: string | null) => void;
  onStatus?: (status: CoreStatus) => void;
  log?: (line: string) => void;
  /** How long a quitting core may take to close its database before it is killed (default 10 s). */
  stopTimeoutMs?: number;
}

export interface CoreReady {
  captureUrl: string;
  /** The capture port asked for, when it was taken and another was used. */
  takenPort?: number;
}

/** Whatever can be given a port: a window's webContents (webContents.postMessage). */
export interface PortTarget {
  postMessage(channel: string, message: unknown, transfer?: PortMain[]): void;
}

/**
 * The main process's side of the core: the core runs in an Electron utility
 * process, forked here; the main process keeps the window, the menu and the
 * lifecycle. Each window gets its own MessagePort to the core, so no API call
 * or event passes through the main process. A core that exits unasked is
 * reported (state 'crashed'); `restart()` forks a new one on the same data.
 */
export function createCoreHost(options: CoreHostOptions) {
  const log = options.log ?? (() => undefined);
  let child: UtilityChild | undefined;
  let status: CoreStatus = { state: 'stopped' };
  let stopping: Promise<void> | undefined;

  const setStatus = (next: CoreStatus) => {
    status = next;
    options.onStatus?.(next);
  };

  function start(): Promise<CoreReady> {
    stopping = undefined;
    setStatus({ state: 'starting' });
    const forked = options.utilityProcess.fork(options.entry, [], { serviceName: 'Hookscope core', stdio: 'inherit' });
    child = forked;
    return new Promise<CoreReady>((resolve, reject) => {
      let settled = false;
      forked.on('message', (message) => {
        if (child !== forked) return;
        if (message.kind === 'ready' && !settled) {
          settled = true;
          setStatus({ state: 'running' });
          resolve({ captureUrl: message.captureUrl, takenPort: message.takenPort });
        } else if (message.kind === 'failed' && !settled) {
          settled = true;
          forked.kill();
          reject(new Error(message.message));
        } else if (message.kind === 'event') options.onEvent?.(message.event, message.payload);
        else if (message.kind === 'vault-set') options.onVaultSet?.(message.name, message.value);
      });
      forked.on('exit', (code) => {
        if (child !== forked) return;
        child = undefined;
        if (stopping) return setStatus({ state: 'stopped' });
        const message = `the core process exited (code ${code}); every acknowledged capture is stored`;
        log(message);
        setStatus({ state: 'crashed', message });
        if (!settled) {
          settled = true;
          reject(new Error(`the core process exited while starting (code ${code})`));
        }
      });
      forked.postMessage({ kind: 'start', options: options.startOptions() });
    });
  }

  return {
    start,
    /** Forks a new core after a crash (or replaces a running one). */
    async restart(): Promise<CoreReady> {
      if (child) await this.stop();
      return start();
    },
    /** Gives `target` (a window) its own port to the core. */
    connect(target: PortTarget): void {
      if (!child || status.state !== 'running') return;
      const { port1, port2 } = new options.MessageChannelMain();
      child.postMessage({ kind: 'connect' }, [port1]);
      target.postMessage(CORE_PORT_CHANNEL, null, [port2]);
    },
    /** Asks the core to close (its writer flushes, the database closes); kills it if it does not within the timeout. */
    stop(): Promise<void> {
      const running = child;
      if (!running) return Promise.resolve();
      stopping ??= new Promise<void>((done) => {
        const timer = setTimeout(() => {
          log('the core process did not close in time; ending it');
          running.kill();
        }, options.stopTimeoutMs ?? 10_000);
        running.on('exit', () => {
          clearTimeout(timer);
          done();
        });
        running.postMessage({ kind: 'stop' });
      });
      return stopping;
    },
    status: (): CoreStatus => ({ ...status }),
    /** The core process's pid, for the crash tests. */
    pid: () => child?.pid,
  };
}

export type CoreHost = ReturnType<typeof createCoreHost>;
