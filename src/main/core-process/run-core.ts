import type { AddressInfo } from 'node:net';
import { callApi, createApiHandlers } from '../../core/api';
import { createApp, type AppSurface } from '../../core/app';
import { createKeySealer } from '../../core/store-exports';
import type { TokenVault } from '../../core/tunnel/token-vault';
import { toErrorPayload } from '../../shared/errors';
import { EVENTS_FOR_MAIN, type CoreStartOptions, type FromCore, type ToCore } from './protocol';
import { servePort, type PortLike } from './serve-port';

/** The part of Electron's `process.parentPort` in a utility process that the core uses. */
export interface ParentPortLike {
  on(event: 'message', listener: (message: { data: unknown; ports: PortLike[] }) => void): unknown;
  postMessage(message: FromCore): void;
}

/** Tunnel credentials: given by the main process at start, changes sent back for it to store encrypted. */
function vaultFor(tokens: Record<string, string>, parent: ParentPortLike): TokenVault {
  const values = new Map(Object.entries(tokens));
  return {
    get: (name) => values.get(name),
    set(name, value) {
      if (value === null) values.delete(name);
      else values.set(name, value);
      parent.postMessage({ kind: 'vault-set', name, value });
    },
    protection: 'os-encrypted',
  };
}

async function startCapture(app: AppSurface, port: number): Promise<{ address: AddressInfo; takenPort?: number }> {
  try {
    return { address: await app.startCapture(port, '127.0.0.1') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    return { address: await app.startCapture(0, '127.0.0.1'), takenPort: port };
  }
}

/**
 * The core's utility process: on 'start' it opens the database and the
 * capture server and says 'ready' (or 'failed' with the reason); each
 * 'connect' brings a window's MessagePort, served until it closes; 'stop'
 * closes the core (the writer flushes, the database closes) and says 'stopped'.
 */
export function runCore(parent: ParentPortLike, exit: (code: number) => void = (code) => process.exit(code)): void {
  let app: AppSurface | undefined;
  let call: ((method: string, args: unknown) => Promise<unknown>) | undefined;
  const ports = new Set<() => void>();
  const waiting: PortLike[] = [];

  const serve = (port: PortLike) => {
    if (!app || !call) return void waiting.push(port);
    const stop = servePort(port, call, app.events);
    ports.add(stop);
    port.on('close', () => ports.delete(stop));
  };

  const start = async (options: CoreStartOptions) => {
    try {
      const core = createApp({
        dataDir: options.dataDir,
        nativeBinding: options.nativeBinding,
        tunnel: { vault: vaultFor(options.tokens, parent) },
        secretSealer: options.secretKey ? createKeySealer(Buffer.from(options.secretKey, 'base64')) : undefined,
        readThread: true, // the UI's reads on a thread of their own; verdicts needing the sealed secrets stay here
        onError: (error) => process.stderr.write(`hookscope core: ${(error as Error).message}\n`),
      });
      app = core;
      const { address, takenPort } = await startCapture(core, options.capturePort);
      const captureUrl = `http://127.0.0.1:${address.port}/`;
      const handlers = createApiHandlers(core, { version: options.version, captureUrl: () => captureUrl });
      call = (method, args) => callApi(handlers, method, args);
      core.events.subscribe(
        (event, payload) => EVENTS_FOR_MAIN.has(event) && parent.postMessage({ kind: 'event', event, payload }),
      );
      core.startBackground();
      core.sender(); // resumes retries left pending by an earlier run
      for (const port of waiting.splice(0)) serve(port);
      parent.postMessage({ kind: 'ready', captureUrl, takenPort });
    } catch (error) {
      parent.postMessage({ kind: 'failed', message: toErrorPayload(error).message });
    }
  };

  parent.on('message', ({ data, ports: given }) => {
    const message = data as ToCore;
    if (message?.kind === 'start') void start(message.options);
    else if (message?.kind === 'connect' && given[0]) serve(given[0]);
    else if (message?.kind === 'stop') {
      for (const stop of ports) stop();
      void (app?.close() ?? Promise.resolve())
        .catch((error: Error) => process.stderr.write(`hookscope core: closing: ${error.message}\n`))
        .finally(() => {
          parent.postMessage({ kind: 'stopped' });
          exit(0);
        });
    }
  });
}
